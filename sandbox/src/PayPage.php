<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

/**
 * The hosted payment page, /pay.html?customer=TOKEN (pg_redirect_url of
 * init_payment.php, g2g/payment_page, g2g/any_amount and card/pay).
 *
 * What it shows follows the payment: the amount step (any_amount), the card
 * form (or the CVC alone for a saved card), the 3-D Secure step (a trip to
 * /acs.html and back here), "processing" for a slow card, and at the end the
 * shop's pg_success_url / pg_failure_url (Redirect), or a result page when
 * the shop gave none. The card form's inputs are card_number, card_exp
 * (MM/YY), card_cvc and card_holder.
 */
final class PayPage
{
    public static function handle(Request $r, Store $store, Config $config): void
    {
        $token = (string) ($r->fields['customer'] ?? '');
        $p = $token === '' ? null : $store->one('SELECT * FROM payments WHERE token = ?', [$token]);
        if ($p === null) {
            Html::page(404, 'Payment not found', Html::notice('bad', 'Payment not found',
                'This payment link is not valid. Please go back to the shop and start again.'));
            return;
        }
        $merchant = $config->merchant($p['merchant_id']) ?? new Merchant($p['merchant_id'], '', '');
        $self = "http://{$r->host}/pay.html?customer=" . rawurlencode($token);
        $errors = [];
        if ($r->method === 'POST') {
            try {
                [$p, $errors] = self::post($r, $store, $p);
            } catch (GatewayError $e) {
                $p = $store->one('SELECT * FROM payments WHERE id = ?', [$p['id']]);
                if ($e->getCode() !== 350) {
                    $errors = ['form' => $e->getMessage()];
                }
            }
        } elseif ($p['status'] === 'pending') {
            // Looking at a slow payment counts as asking for its status.
            $p = $store->transaction(fn(Store $s) => Charge::settle($s, $s->one('SELECT * FROM payments WHERE id = ?', [$p['id']]), true));
        }
        self::show($p, $merchant, $self, $errors, $r, $store);
    }

    /** Handles what the payer sent: [payment row, errors by field]. */
    private static function post(Request $r, Store $store, array $p): array
    {
        $pares = $r->field('PaRes');
        if ($pares !== null) {   // back from the ACS
            $md = (string) ($r->field('MD') ?? '');
            return [$store->transaction(fn(Store $s) => ThreeDs::complete($s,
                $s->one('SELECT * FROM payments WHERE id = ?', [$p['id']]), $md, $pares, 'the payment page')), []];
        }
        if ($p['status'] !== 'new') {
            return [$p, []];
        }
        if ($p['source'] === 'any_amount' && $p['amount'] === '') {
            $amount = str_replace(',', '.', trim((string) ($r->field('amount') ?? '')));
            if (!Validate::isAmount($amount)) {
                return [$p, ['amount' => 'Enter an amount such as 1500 or 99.90']];
            }
            $store->run("UPDATE payments SET amount = ? WHERE id = ? AND status = 'new' AND amount = ''", [$amount, $p['id']]);
            return [$store->one('SELECT * FROM payments WHERE id = ?', [$p['id']]), []];
        }
        [$card, $errors] = self::readCard($store, $p, $r->fields);
        if ($errors !== []) {
            return [$p, $errors];
        }
        $refusal = CheckUrl::ask($store, $p);
        return [$store->transaction(fn(Store $s) => Charge::card($s, $s->one('SELECT * FROM payments WHERE id = ?', [$p['id']]),
            $card, true, 'the payment page', $refusal)), []];
    }

    /**
     * The card the payer entered for $p: [card for Charge::card, errors by
     * field]. For a saved card only card_cvc is asked. Also used by /_sandbox/pay.
     */
    public static function readCard(Store $store, array $p, array $input): array
    {
        $get = fn(string $k) => is_string($input[$k] ?? null) ? trim($input[$k]) : '';
        $errors = [];
        $cvc = $get('card_cvc');
        if (!preg_match('/^\d{3,4}$/', $cvc)) {
            $errors['card_cvc'] = 'Enter the 3 or 4 digits on the back of the card';
        }
        if ($p['source'] === 'saved_card') {
            $saved = SavedCards::card($store, $p);
            return [['behavior' => $saved['card_behavior'], 'pan' => $saved['card_hash'],
                'name' => $saved['card_name'] ?? 'CARD HOLDER', 'exp' => $saved['card_exp']], $errors];
        }
        $number = preg_replace('/[\s-]/', '', $get('card_number'));
        if (!preg_match('/^\d{13,19}$/', $number) || !Cards::luhn($number)) {
            $errors['card_number'] = $number === '' ? 'Enter the card number' : 'This card number is not valid';
        }
        $exp = $get('card_exp');
        if (preg_match('~^(\d{1,2})\s*/\s*(\d{2}|\d{4})$~', $exp, $m) && (int) $m[1] >= 1 && (int) $m[1] <= 12) {
            $exp = sprintf('%02d/%s', (int) $m[1], substr($m[2], -2));
        } else {
            $errors['card_exp'] = 'Enter the expiry date as MM/YY';
        }
        $holder = $get('card_holder');
        if ($errors !== []) {
            return [null, $errors];
        }
        return [['behavior' => Cards::behavior($number, $exp), 'pan' => Cards::mask($number),
            'name' => $holder === '' ? 'CARD HOLDER' : strtoupper($holder), 'exp' => $exp], []];
    }

    private static function show(array $p, Merchant $merchant, string $self, array $errors, Request $r, Store $store): void
    {
        switch ($p['status']) {
            case 'new':
                if ($p['source'] === 'any_amount' && $p['amount'] === '') {
                    self::amountForm($p, $merchant, $self, $errors);
                } else {
                    self::cardForm($p, $merchant, $self, $errors, $r);
                }
                return;
            case '3ds':
                if ($errors !== []) {
                    Html::page(200, 'Secure verification', Html::notice('bad', 'Verification problem', $errors['form'] ?? '')
                        . '<a class="back" href="' . Html::escape($self) . '">Try again</a>');
                    return;
                }
                Html::autoPost('/acs.html', ['PaReq' => $p['three_ds_pareq'], 'MD' => $p['three_ds_md'], 'TermUrl' => $self],
                    'Secure verification', 'Your bank asks you to confirm this payment. Opening your bank’s page…');
                return;
            case 'pending':
                Html::page(200, 'Processing payment', self::header($p, $merchant)
                    . Html::notice('wait', 'Processing your payment', 'Your bank is confirming the payment. This page updates by itself.'),
                    '', '<meta http-equiv="refresh" content="1">');
                return;
            default:
                if (Notifications::awaitingFirstResult($store, $p)) {
                    // The shop may still reject it in its reply to the first result_url call.
                    Html::page(200, 'Processing payment', self::header($p, $merchant)
                        . Html::notice('wait', 'Confirming your order', 'The shop is confirming your order. This page updates by itself.'),
                        '', '<meta http-equiv="refresh" content="1">');
                    return;
                }
                self::result($p, $merchant);
        }
    }

    private static function header(array $p, Merchant $merchant): string
    {
        $h = Html::escape(...);
        $amount = $p['amount'] === '' ? '' : '<div class="total">' . Html::amount($p['amount'], $p['currency']) . '</div>';
        return '<div class="merchant"><span>' . $h($merchant->name) . '</span><span class="secure-badge">Secure payment</span></div>'
            . $amount
            . "<p class=\"order\">Order <b>{$h($p['order_id'])}</b> · {$h($p['description'])}</p>";
    }

    private static function field(string $name, string $label, array $errors, string $attrs, string $value = ''): string
    {
        $h = Html::escape(...);
        $error = $errors[$name] ?? null;
        return "<label for=\"$name\">{$h($label)}</label>"
            . "<input id=\"$name\" name=\"$name\" value=\"{$h($value)}\" $attrs"
            . ($error !== null ? " aria-invalid=\"true\" aria-describedby=\"$name-error\"" : '') . '>'
            . ($error !== null ? "<p class=\"field-error\" id=\"$name-error\">{$h($error)}</p>" : '');
    }

    private static function amountForm(array $p, Merchant $merchant, string $self, array $errors): void
    {
        $request = json_decode((string) $p['fields'], true) ?: [];
        $suggested = is_string($request['pg_amount'] ?? null) ? $request['pg_amount'] : '';
        $body = self::header($p, $merchant)
            . '<p>You choose how much to pay.</p>'
            . '<form method="post" action="' . Html::escape($self) . '" novalidate>'
            . self::field('amount', "Amount to pay ({$p['currency']})", $errors,
                'inputmode="decimal" autocomplete="off" placeholder="0.00" autofocus', $suggested)
            . '<div class="actions"><button type="submit">Continue</button></div></form>';
        Html::page(200, "Pay {$merchant->name}", $body);
    }

    private static function cardForm(array $p, Merchant $merchant, string $self, array $errors, Request $r): void
    {
        $h = Html::escape(...);
        $keep = fn(string $k) => $r->method === 'POST' && $k !== 'card_cvc' ? (string) ($r->field($k) ?? '') : '';
        $button = 'Pay ' . Html::amount($p['amount'], $p['currency']);
        $body = self::header($p, $merchant)
            . (isset($errors['form']) ? "<p class=\"form-error\" role=\"alert\">{$h($errors['form'])}</p>" : '')
            . '<form method="post" action="' . $h($self) . '" novalidate>';
        if ($p['source'] === 'saved_card') {
            $body .= '<label>Card</label><div class="saved">💳 <span>' . $h($p['card_pan']) . '</span></div>'
                . self::field('card_cvc', 'CVC', $errors, 'inputmode="numeric" autocomplete="cc-csc" maxlength="4" autofocus')
                . "<div class=\"actions\"><button type=\"submit\">$button</button></div></form>"
                . '<p class="hint">Confirm the payment with the 3 digits on the back of your saved card.</p>';
            Html::page(200, "Pay {$merchant->name}", $body);
            return;
        }
        $body .= self::field('card_number', 'Card number', $errors,
                'inputmode="numeric" autocomplete="cc-number" placeholder="1234 5678 9012 3456" maxlength="23"', $keep('card_number'))
            . '<div class="row"><div>'
            . self::field('card_exp', 'Expiry (MM/YY)', $errors, 'inputmode="numeric" autocomplete="cc-exp" placeholder="MM/YY" maxlength="7"', $keep('card_exp'))
            . '</div><div>'
            . self::field('card_cvc', 'CVC', $errors, 'inputmode="numeric" autocomplete="cc-csc" placeholder="123" maxlength="4"')
            . '</div></div>'
            . self::field('card_holder', 'Name on card', $errors, 'autocomplete="cc-name" placeholder="AS ON THE CARD"', $keep('card_holder'))
            . "<div class=\"actions\"><button type=\"submit\">$button</button></div></form>"
            . self::testCards();
        Html::page(200, "Pay {$merchant->name}", $body);
    }

    /** The test cards, clickable: a click fills the form. */
    private static function testCards(): string
    {
        $exp = '12/' . sprintf('%02d', ((int) gmdate('y') + 5) % 100);
        $items = '';
        foreach (Cards::TEST_CARDS as $number => [$behavior, $brand, $what]) {
            $spaced = implode(' ', str_split((string) $number, 4));
            $items .= '<li><button type="button" data-number="' . $spaced . '" data-exp="' . $exp . '" data-cvc="123">'
                . "<code>$spaced</code><small>" . Html::escape("$brand · $what") . '</small></button></li>';
        }
        return '<section class="tests"><h2>Sandbox test cards</h2><ul>' . $items . '</ul>'
            . '<p class="hint">Any expiry date in the future and any CVC work; 3-D Secure code: ' . Cards::OTP . '.</p></section>'
            . '<script>document.querySelectorAll(".tests button").forEach(function(b){b.addEventListener("click",function(){'
            . 'var f=document.forms[0];f.card_number.value=b.dataset.number;f.card_exp.value=b.dataset.exp;'
            . 'f.card_cvc.value=b.dataset.cvc;if(!f.card_holder.value){f.card_holder.value="TEST CARDHOLDER";}'
            . 'f.card_cvc.focus();});});</script>';
    }

    private static function result(array $p, Merchant $merchant): void
    {
        [$kind, $title, $text] = match (true) {
            $p['rejected_at'] !== null => ['bad', 'Payment rejected by the shop',
                ($p['reject_description'] ?: 'The shop could not accept this payment.') . ' The money was returned to your card.'],
            $p['status'] === 'success' => ['ok', 'Payment accepted', 'Thank you! Your payment was successful.'],
            $p['status'] === 'held' => ['ok', 'Payment accepted', 'The amount is reserved on your card; the shop charges it when your order ships.'],
            $p['status'] === 'refunded' => ['info', 'Payment refunded', 'This payment was refunded to your card.'],
            $p['status'] === 'revoked' => ['bad', 'Payment cancelled', 'The shop cancelled this payment. No money was taken.'],
            default => ['bad', 'Payment declined', (string) $p['failure_description']],
        };
        $target = Redirect::target($p, $merchant);
        if ($target !== null && $merchant->secretKey !== '') {
            Redirect::send($target, $title, "Returning to {$merchant->name}…");
            return;
        }
        $h = Html::escape(...);
        $facts = '<dl class="facts">'
            . ($p['amount'] !== '' ? '<dt>Amount</dt><dd>' . Html::amount($p['amount'], $p['currency']) . '</dd>' : '')
            . "<dt>Order</dt><dd>{$h($p['order_id'])}</dd>"
            . "<dt>Payment</dt><dd>{$h($p['id'])}</dd>"
            . ($p['card_pan'] !== null ? "<dt>Card</dt><dd>{$h($p['card_pan'])}</dd>" : '')
            . ($p['status'] === 'error' ? "<dt>Code</dt><dd>{$h($p['failure_code'])}</dd>" : '')
            . '</dl>';
        $request = json_decode((string) $p['fields'], true) ?: [];
        $back = $request['pg_site_url'] ?? null;
        Html::page(200, $title, '<div class="merchant"><span>' . $h($merchant->name) . '</span></div>'
            . Html::notice($kind, $title, $text) . $facts
            . (is_string($back) && $back !== '' ? '<a class="back" href="' . $h($back) . '">Back to the shop</a>' : ''));
    }
}
