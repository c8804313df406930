<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

/**
 * The recipient's page of an api/reg2nonreg payout, /payout.html?customer=TOKEN
 * (its pg_redirect_url): the amount and the shop, a card number field
 * (card_number) and the payout test cards; then "processing" for a
 * "process, then ..." card, and at the end pg_back_link (303), or a result
 * page when the shop gave none. A link past pg_order_time_limit is expired.
 */
final class PayoutPage
{
    public static function handle(Request $r, Store $store, Config $config): void
    {
        $token = (string) ($r->fields['customer'] ?? '');
        $p = $token === '' ? null : $store->one("SELECT * FROM payouts WHERE token = ? AND type = 'reg2nonreg'", [$token]);
        if ($p === null) {
            Html::page(404, 'Payout not found', Html::notice('bad', 'Payout not found', 'This payout link is not valid.'));
            return;
        }
        $merchant = $config->merchant($p['merchant_id']) ?? new Merchant($p['merchant_id'], '', '');
        $self = "http://{$r->host}/payout.html?customer=" . rawurlencode($token);
        $error = null;
        if ($r->method === 'POST') {
            [$p, $error] = self::enter($store, $p, (string) ($r->field('card_number') ?? ''), 'the payout page');
        } else {
            // Looking at the page counts as a status query (slow cards), and expires an old link.
            $p = $store->transaction(fn(Store $s) => Payouts::refresh($s, $s->one('SELECT * FROM payouts WHERE id = ?', [$p['id']]), true));
        }
        self::show($p, $merchant, $self, $error);
    }

    /**
     * The recipient entered $number for payout $p: [payout row, error for the
     * field or null]. Also used by /_sandbox/payouts/card.
     */
    public static function enter(Store $store, array $p, string $number, string $what): array
    {
        $number = preg_replace('/[\s-]/', '', $number);
        if (!preg_match('/^\d{13,19}$/', $number) || !Cards::luhn($number)) {
            return [$p, $number === '' ? 'Enter the card number' : 'This card number is not valid'];
        }
        $p = $store->transaction(function (Store $s) use ($p, $number, $what): array {
            $p = Payouts::refresh($s, $s->one('SELECT * FROM payouts WHERE id = ?', [$p['id']]), false);
            if ($p['status'] !== 'new') {
                return $p;
            }
            $s->run('UPDATE payouts SET card_hash = ?, card_behavior = ? WHERE id = ?',
                [Cards::mask($number), Payouts::behaviorOf($number), $p['id']]);
            return Payouts::pay($s, $s->one('SELECT * FROM payouts WHERE id = ?', [$p['id']]), $what, true);
        });
        return [$p, null];
    }

    private static function show(array $p, Merchant $merchant, string $self, ?string $error): void
    {
        $h = Html::escape(...);
        $header = '<div class="merchant"><span>' . $h($merchant->name) . '</span><span class="secure-badge">Payout</span></div>'
            . '<div class="total">' . Html::amount($p['amount'], $p['currency']) . '</div>'
            . "<p class=\"order\">Order <b>{$h($p['order_id'])}</b> · {$h($p['description'])}</p>";
        if ($p['status'] === 'new') {
            $cards = '';
            foreach (Payouts::CARDS as $number => [, $what]) {
                $spaced = implode(' ', str_split((string) $number, 4));
                $cards .= "<li><button type=\"button\" data-number=\"$spaced\"><code>$spaced</code><small>{$h($what)}</small></button></li>";
            }
            Html::page(200, "Payout from {$merchant->name}", $header
                . '<p>Where should the money go? Enter the number of your card.</p>'
                . '<form method="post" action="' . $h($self) . '" novalidate>'
                . '<label for="card_number">Card number</label>'
                . '<input id="card_number" name="card_number" inputmode="numeric" autocomplete="cc-number" maxlength="23"'
                . ' placeholder="1234 5678 9012 3456" autofocus'
                . ($error !== null ? ' aria-invalid="true" aria-describedby="card_number-error">'
                    . "<p class=\"field-error\" id=\"card_number-error\">{$h($error)}</p>" : '>')
                . '<div class="actions"><button type="submit">Receive ' . Html::amount($p['amount'], $p['currency'])
                . '</button></div></form>'
                . '<section class="tests"><h2>Sandbox payout test cards</h2><ul>' . $cards . '</ul></section>'
                . '<script>document.querySelectorAll(".tests button").forEach(function(b){b.addEventListener("click",function(){'
                . 'document.forms[0].card_number.value=b.dataset.number;});});</script>');
            return;
        }
        if ($p['status'] === 'process') {
            Html::page(200, 'Processing payout', $header . Html::notice('wait', 'Sending the money',
                'Your bank is receiving the payout. This page updates by itself.'), '', '<meta http-equiv="refresh" content="1">');
            return;
        }
        if ((string) $p['back_link'] !== '') {
            Redirect::send(['method' => 'GET', 'url' => $p['back_link'], 'fields' => []], 'Payout', 'Returning to the shop…');
            return;
        }
        [$kind, $title, $text] = match ($p['status']) {
            'ok' => ['ok', 'Money sent', "The payout was sent to {$p['card_hash']}."],
            'expired' => ['bad', 'Link expired', 'This payout link has expired. Ask the shop for a new one.'],
            default => ['bad', 'Payout failed', (string) $p['failure_description']],
        };
        Html::page(200, $title, $header . Html::notice($kind, $title, $text));
    }
}
