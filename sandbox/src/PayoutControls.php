<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

/** The payout module's test controls (unsigned, JSON). See README.md. */
final class PayoutControls
{
    /**
     * GET /_sandbox/balance[?merchant_id=M]: {"merchant_id", "pg_balance"};
     * POST merchant_id (500001), balance (a decimal amount, 0 allowed): sets it.
     */
    public static function balance(Request $r, Store $store, Config $config): void
    {
        $merchant = $r->field('merchant_id') ?? '500001';
        if ($config->merchant($merchant) === null) {
            throw new ControlError(400, "unknown merchant $merchant");
        }
        if ($r->method === 'POST') {
            $balance = Control::need($r, 'balance', '/^\d{1,10}(\.\d{1,2})?$/');
            $store->transaction(fn(Store $s) => Balance::set($s, $merchant, Money::minor($balance)));
        }
        Http::json(200, ['merchant_id' => $merchant, 'pg_balance' => Balance::format(Balance::get($store, $merchant))]);
    }

    /** GET /_sandbox/payout?pg_payment_id=N: the payout as stored (every column, the request's fields). */
    public static function payout(Request $r, Store $store, Config $config): void
    {
        $p = self::load($store, Control::need($r, 'pg_payment_id', '/^\d+$/'));
        $p['fields'] = json_decode($p['fields'], true);
        Http::json(200, self::summary($p) + $p);
    }

    /**
     * POST /_sandbox/payouts/card: pg_payment_id, card_number: the recipient
     * enters a card on a reg2nonreg payout's page → {"pg_payment_id",
     * "state", "pg_transaction_status", "failure_code", "failure_description"}.
     * Not reg2nonreg 409, not new 409, bad number 400.
     */
    public static function card(Request $r, Store $store, Config $config): void
    {
        Control::post($r, 'pg_payment_id, card_number');
        $p = self::load($store, Control::need($r, 'pg_payment_id', '/^\d+$/'));
        if ($p['type'] !== 'reg2nonreg') {
            throw new ControlError(409, "payout {$p['id']} is a {$p['type']} payout, not reg2nonreg");
        }
        $p = $store->transaction(fn(Store $s) => Payouts::refresh($s, $p, false));
        if ($p['status'] !== 'new') {
            throw new ControlError(409, "payout {$p['id']} is {$p['status']}, not new");
        }
        [$p, $error] = PayoutPage::enter($store, $p, Control::need($r, 'card_number'), 'paying out');
        if ($error !== null) {
            throw new ControlError(400, "card_number: $error");
        }
        Http::json(200, self::summary($p));
    }

    /** POST /_sandbox/payouts/settle: pg_payment_id: decides a payout in "process" now (not cash by code: see withdraw). */
    public static function settle(Request $r, Store $store, Config $config): void
    {
        Control::post($r, 'pg_payment_id');
        $id = Control::need($r, 'pg_payment_id', '/^\d+$/');
        $p = $store->transaction(function (Store $s) use ($id): array {
            $p = self::load($s, $id);
            if ($p['type'] === 'cbc') {
                throw new ControlError(409, "payout {$p['id']} is cash by code: it ends when the cash is taken (/_sandbox/cbc/withdraw)");
            }
            if ($p['status'] !== 'process') {
                throw new ControlError(409, "payout {$p['id']} is {$p['status']}, not process");
            }
            return Payouts::refresh($s, $p, false, true);
        });
        Http::json(200, self::summary($p));
    }

    /** POST /_sandbox/cbc/withdraw: pg_payment_id: the recipient takes the cash of an executed cash-by-code transfer. */
    public static function withdraw(Request $r, Store $store, Config $config): void
    {
        Control::post($r, 'pg_payment_id');
        $id = Control::need($r, 'pg_payment_id', '/^\d+$/');
        [$p, $taken] = $store->transaction(function (Store $s) use ($id): array {
            $p = self::load($s, $id);
            if ($p['type'] !== 'cbc') {
                throw new ControlError(409, "payout {$p['id']} is not cash by code");
            }
            $p = Payouts::refresh($s, $p, false);
            if ($p['status'] !== 'process') {
                return [$p, false];   // answered 409 below, once an expiry (if any) is committed
            }
            return [Lifecycle::move($s, 'payout', $p['id'], 'ok', ['paid_at' => gmdate('Y-m-d H:i:s'),
                'balance_after' => Balance::get($s, $p['merchant_id'])], 'withdraw', 'withdrawing'), true];
        });
        if (!$taken) {
            Http::json(409, ['error' => "payout {$p['id']} is " . Lifecycle::describe('payout', $p['status'])
                . ($p['status'] === 'new' ? ': cbc/exec first' : '')] + self::summary($p));
            return;
        }
        Http::json(200, self::summary($p));
    }

    /** GET|POST /_sandbox/payouts/settings: cbc_lifetime. */
    public static function settings(Request $r, Store $store, Config $config): void
    {
        Control::settingsFor($r, $store, Payouts::SETTINGS);
    }

    private static function load(Store $s, string $id): array
    {
        return $s->one('SELECT * FROM payouts WHERE id = ?', [$id]) ?? throw new ControlError(404, 'no such payout');
    }

    private static function summary(array $p): array
    {
        return [
            'pg_payment_id' => (int) $p['id'],
            'state' => $p['status'],
            'pg_transaction_status' => Payouts::TRANSACTION_STATUS[$p['status']],
            'failure_code' => $p['failure_code'] === null ? null : (int) $p['failure_code'],
            'failure_description' => $p['failure_description'],
        ];
    }
}
