<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

/**
 * A merchant's payout balance (KZT), which payouts draw from. It starts at
 * SANDBOX_PAYOUT_BALANCE (default 1000000.00) the first time it is used, and
 * is set with POST /_sandbox/balance. Kept in minor units (tiyn).
 */
final class Balance
{
    public const DEFAULT = '1000000';

    /** Insufficient funds for a payout (sandbox's choice of code). */
    public const INSUFFICIENT = 353;

    /** The balance in minor units; in the caller's transaction when it changes it. */
    public static function get(Store $s, string $merchantId): int
    {
        $row = $s->one('SELECT balance FROM payout_balances WHERE merchant_id = ?', [$merchantId]);
        if ($row !== null) {
            return (int) $row['balance'];
        }
        $start = getenv('SANDBOX_PAYOUT_BALANCE');
        $start = $start !== false && preg_match('/^\d{1,10}(\.\d{1,2})?$/', $start) ? $start : self::DEFAULT;
        return Money::minor($start);
    }

    public static function set(Store $s, string $merchantId, int $minor): void
    {
        $s->run('INSERT INTO payout_balances (merchant_id, balance, updated_at) VALUES (?, ?, ?)
            ON CONFLICT (merchant_id) DO UPDATE SET balance = excluded.balance, updated_at = excluded.updated_at',
            [$merchantId, $minor, gmdate('Y-m-d H:i:s')]);
    }

    /** Takes $minor from the balance, or throws the signed error 353. In a transaction. */
    public static function debit(Store $s, string $merchantId, int $minor): int
    {
        $balance = self::get($s, $merchantId);
        if ($minor > $balance) {
            throw self::insufficient($balance, $minor);
        }
        self::set($s, $merchantId, $balance - $minor);
        return $balance - $minor;
    }

    public static function credit(Store $s, string $merchantId, int $minor): int
    {
        $balance = self::get($s, $merchantId) + $minor;
        self::set($s, $merchantId, $balance);
        return $balance;
    }

    public static function insufficient(int $balance, int $minor): GatewayError
    {
        return new GatewayError(self::INSUFFICIENT, 'Insufficient funds on the merchant\'s balance: '
            . self::format($balance) . ' available, ' . self::format($minor) . ' needed');
    }

    /** "1000000.00": the balance as balance_status shows it (seed 001: 0.00). */
    public static function format(int $minor): string
    {
        return ($minor < 0 ? '-' : '') . intdiv(abs($minor), 100) . '.' . sprintf('%02d', abs($minor) % 100);
    }
}
