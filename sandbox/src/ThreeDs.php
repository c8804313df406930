<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

/**
 * 3-D Secure: the sandbox's ACS page (/acs.html, the issuer's page where the
 * payer types a one-time code) and g2g/paymentAcs, which completes the
 * payment with the ACS's answer (PaRes) once the payer is back.
 *
 * The ACS is posted PaReq, MD and TermUrl (as a bank's is); when the payer
 * is done it posts PaRes and MD to TermUrl. The code is Cards::OTP; three
 * wrong codes, or "Cancel", give a PaRes saying "not authenticated".
 * What is verified is a payment, or a card being saved (card storage): the
 * tables in TABLES, which share the three_ds_* columns.
 */
final class ThreeDs
{
    public const MAX_ATTEMPTS = 3;

    /** Rows that go through 3-D Secure: payments, card storage sessions. */
    public const TABLES = ['payments', 'card_sessions'];

    /** g2g/paymentAcs: pg_payment_id, pg_3d_md, pg_3d_pares (pg_md and pg_pares are accepted too). */
    public static function paymentAcs(Context $c): array
    {
        $r = $c->request;
        $id = Validate::id($r, 'pg_payment_id');
        $md = Validate::optional($r, 'pg_3d_md') ?? Validate::optional($r, 'pg_md');
        $pares = Validate::optional($r, 'pg_3d_pares') ?? Validate::optional($r, 'pg_pares');
        if ($md === null) {
            throw new GatewayError(9403, 'pg_3d_md is required');
        }
        if ($pares === null) {
            throw new GatewayError(9403, 'pg_3d_pares is required');
        }
        $p = $c->store->transaction(fn(Store $s) => self::complete($s, Payments::find($s, $c, $id), $md, $pares, 'g2g/paymentAcs'));
        return Payments::outcomeReply($c, $p);
    }

    /** Checks MD and PaRes against the payment and finishes it. In a transaction. */
    public static function complete(Store $s, array $p, string $md, string $pares, string $what): array
    {
        if ($p['status'] !== '3ds') {
            throw new GatewayError(350, "$what is not allowed: payment {$p['id']} is "
                . Lifecycle::describe('payment', $p['status']));
        }
        if (!hash_equals((string) $p['three_ds_md'], $md)) {
            throw new GatewayError(9403, "pg_3d_md does not match payment {$p['id']}");
        }
        if ($p['three_ds_pares'] === null || !hash_equals((string) $p['three_ds_pares'], $pares)) {
            throw new GatewayError(9403, "pg_3d_pares is not the ACS's answer for payment {$p['id']}");
        }
        return Charge::afterThreeDs($s, $p, (string) $p['three_ds_result'], $what);
    }

    /** The payer answered at the ACS: a PaRes saying Y or N is issued. Returns the row ($table's). In a transaction. */
    public static function answer(Store $s, array $p, bool $authenticated, string $table = 'payments'): array
    {
        $table = self::table($table);
        $s->run("UPDATE $table SET three_ds_pares = ?, three_ds_result = ? WHERE id = ?",
            [rtrim(base64_encode(random_bytes(48)), '='), $authenticated ? 'Y' : 'N', $p['id']]);
        return $s->one("SELECT * FROM $table WHERE id = ?", [$p['id']]);
    }

    private static function table(string $table): string
    {
        return in_array($table, self::TABLES, true) ? $table : throw new \LogicException("no 3-D Secure in $table");
    }

    /** /acs.html: the issuer's page. */
    public static function page(Request $r, Store $store, Config $config): void
    {
        $pareq = (string) ($r->field('PaReq') ?? '');
        $md = (string) ($r->field('MD') ?? '');
        $termUrl = (string) ($r->field('TermUrl') ?? '');
        if ($r->method !== 'POST' || $md === '' || $pareq === '') {
            Html::page(400, 'Secure verification', Html::notice('bad',
                'Nothing to verify', 'This page is opened by a POST of PaReq, MD and TermUrl from the shop.'));
            return;
        }
        if (!preg_match('~^https?://~i', $termUrl)) {
            Html::page(400, 'Secure verification', Html::notice('bad', 'No way back',
                'TermUrl must be the absolute http(s) URL the result is posted to.'));
            return;
        }
        $action = $r->field('action');
        $otp = trim((string) ($r->field('otp') ?? ''));
        [$p, $error] = $store->transaction(function (Store $s) use ($md, $pareq, $termUrl, $action, $otp): array {
            foreach (self::TABLES as $table) {   // a payment, or a card being saved
                $p = $s->one("SELECT * FROM $table WHERE three_ds_md = ?", [$md]);
                if ($p !== null) {
                    break;
                }
            }
            if ($p === null || !hash_equals((string) $p['three_ds_pareq'], $pareq)) {
                return [null, null];
            }
            if ($p['status'] !== '3ds' || $p['three_ds_pares'] !== null) {
                return [$p, null];   // answered already: post the answer again
            }
            $s->run("UPDATE $table SET three_ds_term_url = ? WHERE id = ?", [$termUrl, $p['id']]);
            if ($action === 'cancel') {
                return [self::answer($s, $p, false, $table), null];
            }
            if ($action !== 'confirm') {
                return [$p, null];   // first visit: the form
            }
            if (hash_equals(Cards::OTP, $otp)) {
                return [self::answer($s, $p, true, $table), null];
            }
            $attempts = (int) $p['three_ds_attempts'] + 1;
            $s->run("UPDATE $table SET three_ds_attempts = ? WHERE id = ?", [$attempts, $p['id']]);
            if ($attempts >= self::MAX_ATTEMPTS) {
                return [self::answer($s, $p, false, $table), null];
            }
            $left = self::MAX_ATTEMPTS - $attempts;
            return [$s->one("SELECT * FROM $table WHERE id = ?", [$p['id']]),
                "Wrong code. $left attempt" . ($left === 1 ? '' : 's') . ' left.'];
        });
        if ($p === null) {
            Html::page(404, 'Secure verification', Html::notice('bad', 'Unknown verification',
                'This verification request (MD, PaReq) is not known to the sandbox ACS.'));
            return;
        }
        if ($p['three_ds_pares'] !== null) {
            Html::autoPost($termUrl, ['PaRes' => $p['three_ds_pares'], 'MD' => $md],
                $p['three_ds_result'] === 'Y' ? 'Code confirmed' : 'Verification failed',
                'Returning to the shop…');
            return;
        }
        $merchant = $config->merchant($p['merchant_id']);
        self::form($p, $merchant?->name ?? "Shop {$p['merchant_id']}", $pareq, $md, $termUrl, $error);
    }

    private static function form(array $p, string $shop, string $pareq, string $md, string $termUrl, ?string $error): void
    {
        $h = Html::escape(...);
        $amount = $p['amount'] === '' ? '' : Html::amount($p['amount'], $p['currency']);
        $body = '<div class="bank"><span class="bank-logo">SANDBOX BANK</span><span class="secure">3-D Secure</span></div>'
            . '<h1>Confirm your payment</h1>'
            . '<dl class="facts">'
            . "<dt>Merchant</dt><dd>{$h($shop)}</dd>"
            . "<dt>Amount</dt><dd><b>{$amount}</b></dd>"
            . "<dt>Card</dt><dd>{$h($p['card_pan'])}</dd>"
            . '</dl>'
            . '<p>We sent a one-time code to the phone number of this card. Enter it to confirm the payment.</p>'
            . '<form method="post" action="/acs.html" novalidate>'
            . Html::hidden(['PaReq' => $pareq, 'MD' => $md, 'TermUrl' => $termUrl])
            . '<label for="otp">One-time code</label>'
            . '<input id="otp" name="otp" inputmode="numeric" autocomplete="one-time-code" maxlength="6" autofocus'
            . ($error !== null ? ' aria-invalid="true" aria-describedby="otp-error"' : '') . '>'
            . ($error !== null ? "<p class=\"field-error\" id=\"otp-error\">{$h($error)}</p>" : '')
            . '<div class="actions"><button type="submit" name="action" value="confirm">Confirm</button>'
            . '<button type="submit" name="action" value="cancel" class="secondary">Cancel</button></div>'
            . '</form>'
            . '<p class="hint">Sandbox: the code is <b>' . Cards::OTP . '</b>. Three wrong codes, or Cancel, fail the verification.</p>';
        Html::page(200, 'Secure verification', $body, 'acs');
    }
}
