<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

/**
 * Cash by code (seed 001): api/cbc/check creates the transfer (pg_phone,
 * pg_amount, pg_order_id; pg_post_link is accepted and never called: the
 * method has no callbacks), api/cbc/exec sends it (the balance is debited,
 * the recipient gets the codes), api/cbc/status tells success, process or
 * error. The recipient has cbc_lifetime seconds (24 hours) from cbc/check to
 * take the cash, else the transfer fails with 75 and the money returns to
 * the balance. In the sandbox the cash is taken with POST /_sandbox/cbc/withdraw.
 */
final class CashByCode
{
    /** api/cbc/check: → pg_payment_id, pg_merchant_id, pg_order_id, pg_status=ok. */
    public static function check(Context $c): array
    {
        $phone = Validate::required($c->request, 'pg_phone');
        if (!preg_match('/^\d{10,15}$/', $phone)) {
            throw new GatewayError(9403, 'pg_phone must be 10 to 15 digits, the country code first (no +, spaces or brackets)');
        }
        $row = Payouts::common($c, 'cbc') + ['recipient' => $phone];
        $p = $c->store->transaction(function (Store $s) use ($row): array {
            Payouts::unique($s, $row);
            $balance = Balance::get($s, $row['merchant_id']);
            if (Money::minor($row['amount']) > $balance) {
                throw Balance::insufficient($balance, Money::minor($row['amount']));
            }
            return Payouts::insert($s, $row + [
                'expires_at' => gmdate('Y-m-d H:i:s', time() + Settings::get($s, 'cbc_lifetime')),
            ]);
        });
        return [
            'pg_payment_id' => (string) $p['id'],
            'pg_merchant_id' => $p['merchant_id'],
            'pg_order_id' => $p['order_id'],
            'pg_status' => 'ok',
        ];
    }

    /** api/cbc/exec: pg_payment_id → pg_payment_id, pg_merchant_id, pg_status=ok. Once; not after it expired (75). */
    public static function exec(Context $c): array
    {
        $id = Validate::id($c->request, 'pg_payment_id');
        $p = $c->store->transaction(function (Store $s) use ($c, $id): array {
            $p = Payouts::refresh($s, self::find($s, $c, $id), false);
            if ($p['status'] === 'error' && $p['failure_code'] === '75') {
                throw new GatewayError(75, (string) $p['failure_description']);
            }
            if (!Lifecycle::allowed('payout', $p['status'], 'process', 'pay')) {
                throw new GatewayError(350, "cbc/exec is not allowed: payout {$p['id']} is "
                    . Lifecycle::describe('payout', $p['status']));
            }
            $minor = Money::minor($p['amount']);
            Balance::debit($s, $p['merchant_id'], $minor);
            return Lifecycle::move($s, 'payout', $p['id'], 'process', ['debited' => $minor,
                'executed_at' => gmdate('Y-m-d H:i:s')], 'pay', 'cbc/exec');
        });
        return ['pg_payment_id' => (string) $p['id'], 'pg_merchant_id' => $p['merchant_id'], 'pg_status' => 'ok'];
    }

    /**
     * api/cbc/status: pg_payment_id → pg_payment_id, pg_merchant_id,
     * pg_order_id, pg_status success (taken) or process (not yet; also
     * before cbc/exec); a failed transfer is pg_status=error with
     * pg_error_code (75: not taken in time) and pg_error_description.
     */
    public static function status(Context $c): array
    {
        $id = Validate::id($c->request, 'pg_payment_id');
        $p = $c->store->transaction(fn(Store $s) => Payouts::refresh($s, self::find($s, $c, $id), true));
        if ($p['status'] === 'error') {
            throw new GatewayError((int) $p['failure_code'], (string) $p['failure_description']);
        }
        return [
            'pg_payment_id' => (string) $p['id'],
            'pg_merchant_id' => $p['merchant_id'],
            'pg_order_id' => $p['order_id'],
            'pg_status' => $p['status'] === 'ok' ? 'success' : 'process',
        ];
    }

    /** A cash-by-code transfer of this merchant, or 340. */
    private static function find(Store $s, Context $c, string $id): array
    {
        return $s->one("SELECT * FROM payouts WHERE merchant_id = ? AND id = ? AND type = 'cbc'", [$c->merchant->id, $id])
            ?? throw new GatewayError(340, 'Транзакция не найдена');
    }
}
