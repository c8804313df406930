<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

/**
 * The card storage page, /v1/merchant/{id}/cardstorage/view?pg_payment_id=TOKEN
 * (cardstoragepayout/view for a payout card): the card form (card_number,
 * card_exp, card_cvc, card_holder; a payout card: card_number only) and the
 * test cards; 3-D Secure through /acs.html and back here; at the end a 303 to
 * the shop's pg_back_link. And its control, POST /_sandbox/cardstorage/enter.
 */
final class CardStoragePage
{
    public static function handle(Request $r, Store $store, Config $config): void
    {
        $token = (string) ($r->fields['pg_payment_id'] ?? '');
        $p = $token === '' ? null : $store->one('SELECT * FROM card_sessions WHERE token = ?', [$token]);
        $payoutPath = str_contains($r->path, '/cardstoragepayout/');
        if ($p === null || !str_starts_with($r->path, "/v1/merchant/{$p['merchant_id']}/") || $payoutPath !== ($p['type'] === 'payout')) {
            Html::page(404, 'Not found', Html::notice('bad', 'Not found', 'This card link is not valid.'));
            return;
        }
        $merchant = $config->merchant($p['merchant_id']) ?? new Merchant($p['merchant_id'], '', '');
        $self = CardStorage::pageUrl($r->host, $p);
        $errors = [];
        if ($r->method === 'POST') {
            try {
                if ($r->field('PaRes') !== null) {   // back from the ACS
                    $p = $store->transaction(fn(Store $s) => CardStorage::complete($s, self::reload($s, $p),
                        (string) ($r->field('MD') ?? ''), (string) $r->field('PaRes'), 'the card page'));
                } elseif ($p['status'] === 'new') {
                    [$card, $errors] = self::readCard($p, $r->fields);
                    if ($errors === []) {
                        $p = $store->transaction(fn(Store $s) => self::enterIfNew($s, $p, $card, 'the card page'));
                    }
                }
            } catch (GatewayError $e) {
                $errors = ['form' => $e->getMessage()];
                $p = self::reload($store, $p);
            } catch (ControlError) {
                $p = self::reload($store, $p);   // no longer new (submitted twice): show what it is
            }
        }
        self::show($p, $merchant, $self, $errors, $r);
    }

    /**
     * POST /_sandbox/cardstorage/enter: pg_payment_id (the session's, from
     * add/add2/cardstoragepayout/add), card_number[, card_exp (MM/YY),
     * card_cvc, card_holder: not for a payout card][, three_ds=pass|fail]:
     * the payer enters a card, and answers 3-D Secure if the card asks →
     * {"pg_payment_id", "state", "pg_card_id", "pg_card_token", "pg_card_hash",
     * "failure_code", "failure_description"}. Bad card data 400, unknown 404,
     * not new 409.
     */
    public static function enterControl(Request $r, Store $store, Config $config): void
    {
        Control::post($r, 'pg_payment_id, card_number, card_exp, card_cvc');
        $id = Control::need($r, 'pg_payment_id', '/^\d+$/');
        $threeDs = $r->field('three_ds') ?? 'pass';
        if (!in_array($threeDs, ['pass', 'fail'], true)) {
            throw new ControlError(400, 'three_ds must be pass or fail');
        }
        $p = $store->one('SELECT * FROM card_sessions WHERE id = ?', [$id]) ?? throw new ControlError(404, 'no such card storage session');
        if ($p['status'] !== 'new') {
            throw new ControlError(409, "card storage session {$p['id']} is {$p['status']}, not new");
        }
        [$card, $errors] = self::readCard($p, $r->fields + ($p['type'] === 'payout' ? [] : ['card_holder' => 'CARD HOLDER']));
        if ($errors !== []) {
            throw new ControlError(400, implode('; ', array_map(fn($k, $v) => "$k: $v", array_keys($errors), $errors)));
        }
        $p = $store->transaction(function (Store $s) use ($p, $card, $threeDs): array {
            $p = self::enterIfNew($s, $p, $card, 'saving a card');
            if ($p['status'] === '3ds') {
                $p = ThreeDs::answer($s, $p, $threeDs === 'pass', 'card_sessions');
                $p = CardStorage::complete($s, $p, $p['three_ds_md'], $p['three_ds_pares'], 'saving a card');
            }
            return $p;
        });
        $card = $p['card_id'] === null ? null : $store->one('SELECT * FROM cards WHERE id = ?', [$p['card_id']]);
        Http::json(200, [
            'pg_payment_id' => (int) $p['id'],
            'state' => $p['status'],
            'pg_card_id' => $card === null ? null : (int) $card['id'],
            'pg_card_token' => $card['card_token'] ?? null,
            'pg_card_hash' => $p['card_pan'],
            'failure_code' => $p['failure_code'] === null ? null : (int) $p['failure_code'],
            'failure_description' => $p['failure_description'],
        ]);
    }

    private static function enterIfNew(Store $s, array $p, array $card, string $what): array
    {
        $p = self::reload($s, $p);
        if ($p['status'] !== 'new') {
            throw new ControlError(409, "card storage session {$p['id']} is {$p['status']}, not new");
        }
        return CardStorage::enter($s, $p, $card, $what);
    }

    private static function reload(Store $s, array $p): array
    {
        return $s->one('SELECT * FROM card_sessions WHERE id = ?', [$p['id']]);
    }

    /** [card (number, exp, name) or null, errors by field]. A payout card needs the number only. */
    private static function readCard(array $p, array $input): array
    {
        $get = fn(string $k) => is_string($input[$k] ?? null) ? trim($input[$k]) : '';
        $errors = [];
        $number = preg_replace('/[\s-]/', '', $get('card_number'));
        if (!preg_match('/^\d{13,19}$/', $number) || !Cards::luhn($number)) {
            $errors['card_number'] = $number === '' ? 'Enter the card number' : 'This card number is not valid';
        }
        if ($p['type'] === 'payout') {
            return [$errors === [] ? ['number' => $number, 'exp' => null, 'name' => ''] : null, $errors];
        }
        $exp = $get('card_exp');
        if (preg_match('~^(\d{1,2})\s*/\s*(\d{2}|\d{4})$~', $exp, $m) && (int) $m[1] >= 1 && (int) $m[1] <= 12) {
            $exp = sprintf('%02d/%s', (int) $m[1], substr($m[2], -2));
        } else {
            $errors['card_exp'] = 'Enter the expiry date as MM/YY';
        }
        if (!preg_match('/^\d{3,4}$/', $get('card_cvc'))) {
            $errors['card_cvc'] = 'Enter the 3 or 4 digits on the back of the card';
        }
        $holder = $get('card_holder');
        return [$errors === [] ? ['number' => $number, 'exp' => $exp, 'name' => $holder === '' ? 'CARD HOLDER' : strtoupper($holder)] : null,
            $errors];
    }

    private static function show(array $p, Merchant $merchant, string $self, array $errors, Request $r): void
    {
        $h = Html::escape(...);
        $header = '<div class="merchant"><span>' . $h($merchant->name) . '</span><span class="secure-badge">Save a card</span></div>';
        switch ($p['status']) {
            case 'new':
                self::form($p, $merchant, $header, $self, $errors, $r);
                return;
            case '3ds':
                Html::autoPost('/acs.html', ['PaReq' => $p['three_ds_pareq'], 'MD' => $p['three_ds_md'], 'TermUrl' => $self],
                    'Secure verification', 'Your bank asks you to confirm this card. Opening your bank’s page…');
                return;
        }
        if (isset($errors['form'])) {
            Html::page(200, 'Save a card', $header . Html::notice('bad', 'Problem', $errors['form']));
            return;
        }
        Redirect::send(['method' => 'GET', 'url' => $p['back_link'], 'fields' => []],
            $p['status'] === 'approved' ? 'Card saved' : 'Card not saved', "Returning to {$merchant->name}…");
    }

    private static function form(array $p, Merchant $merchant, string $header, string $self, array $errors, Request $r): void
    {
        $h = Html::escape(...);
        $field = function (string $name, string $label, string $attrs) use ($errors, $r, $h): string {
            $error = $errors[$name] ?? null;
            $value = $r->method === 'POST' && $name !== 'card_cvc' ? (string) ($r->field($name) ?? '') : '';
            return "<label for=\"$name\">{$h($label)}</label><input id=\"$name\" name=\"$name\" value=\"{$h($value)}\" $attrs"
                . ($error !== null ? " aria-invalid=\"true\" aria-describedby=\"$name-error\">"
                    . "<p class=\"field-error\" id=\"$name-error\">{$h($error)}</p>" : '>');
        };
        $payout = $p['type'] === 'payout';
        $body = $header . '<h1>' . ($payout ? 'Your card for payouts' : 'Save your card') . '</h1>'
            . (isset($errors['form']) ? "<p class=\"form-error\" role=\"alert\">{$h($errors['form'])}</p>" : '')
            . '<form method="post" action="' . $h($self) . '" novalidate>'
            . $field('card_number', 'Card number', 'inputmode="numeric" autocomplete="cc-number" maxlength="23" placeholder="1234 5678 9012 3456" autofocus');
        if (!$payout) {
            $body .= '<div class="row"><div>' . $field('card_exp', 'Expiry (MM/YY)', 'inputmode="numeric" autocomplete="cc-exp" maxlength="7" placeholder="MM/YY"')
                . '</div><div>' . $field('card_cvc', 'CVC', 'inputmode="numeric" autocomplete="cc-csc" maxlength="4" placeholder="123"')
                . '</div></div>' . $field('card_holder', 'Name on card', 'autocomplete="cc-name" placeholder="AS ON THE CARD"');
        }
        $body .= '<div class="actions"><button type="submit">Save the card</button></div></form>'
            . ($p['amount'] !== '' ? '<p class="hint">To check the card, ' . Html::amount($p['amount'], $p['currency'])
                . ' is blocked on it and given back at once.</p>' : '');
        $exp = '12/' . sprintf('%02d', ((int) gmdate('y') + 5) % 100);
        $cards = $payout ? array_map(fn($c) => [$c[1]], Payouts::CARDS) : array_map(fn($c) => ["{$c[1]} · {$c[2]}"], Cards::TEST_CARDS);
        $items = '';
        foreach ($cards as $number => [$what]) {
            $spaced = implode(' ', str_split((string) $number, 4));
            $items .= "<li><button type=\"button\" data-number=\"$spaced\" data-exp=\"$exp\"><code>$spaced</code><small>{$h($what)}</small></button></li>";
        }
        $body .= '<section class="tests"><h2>Sandbox test cards</h2><ul>' . $items . '</ul>'
            . ($payout ? '' : '<p class="hint">Any future expiry and any CVC; 3-D Secure code: ' . Cards::OTP . '.</p>') . '</section>'
            . '<script>document.querySelectorAll(".tests button").forEach(function(b){b.addEventListener("click",function(){'
            . 'var f=document.forms[0];f.card_number.value=b.dataset.number;if(f.card_exp){f.card_exp.value=b.dataset.exp;'
            . 'f.card_cvc.value="123";}});});</script>';
        Html::page(200, $payout ? 'Card for payouts' : 'Save a card', $body);
    }
}
