<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

/**
 * The one table of allowed state changes, keyed by kind. Every status change
 * of every row goes through move(), inside the caller's transaction, so a
 * move the table does not list cannot happen anywhere.
 *
 * A kind names its table and status column in KINDS and its moves in
 * TRANSITIONS (from => the states it may go to; a state that may be "moved"
 * to itself lists itself, e.g. a partial refund leaves a payment "success").
 * Other modules add their kinds (payouts, card storage) as rows here.
 */
final class Lifecycle
{
    /** kind => [table, status column, what a row is called in messages] */
    public const KINDS = [
        'payment' => ['payments', 'status', 'payment'],
    ];

    /** kind => from => allowed to */
    public const TRANSITIONS = [
        'payment' => [
            // Created, waiting for the payer (hosted page, card/init) or for card data.
            'new' => ['3ds', 'pending', 'held', 'success', 'error', 'revoked'],
            // Waiting for 3-D Secure (g2g/paymentAcs, or the hosted page's ACS step).
            '3ds' => ['pending', 'held', 'success', 'error'],
            // A slow card: decided on a later status query (or /_sandbox/settle).
            'pending' => ['held', 'success', 'error'],
            // Two-stage (pg_auto_clearing=0): authorised, money held, not captured.
            'held' => ['success', 'revoked'],
            // Captured (cleared). Partial refunds keep it here; the last one refunds it.
            'success' => ['success', 'refunded'],
            'error' => [],
            'revoked' => [],
            'refunded' => [],
        ],
    ];

    /**
     * Called after every move, inside the same transaction, with
     * (Store, kind, row before, row after). For modules that react to state
     * changes (result_url callbacks...): add a static method here.
     *
     * @var list<callable>
     */
    public const LISTENERS = [];

    public static function allowed(string $kind, string $from, string $to): bool
    {
        return in_array($to, self::TRANSITIONS[$kind][$from] ?? [], true);
    }

    /** The states $kind may go to from $from. */
    public static function next(string $kind, string $from): array
    {
        return self::TRANSITIONS[$kind][$from] ?? [];
    }

    /**
     * Moves a row to $to, setting $set's columns with it. The row is read
     * again here (the caller's copy may be stale); a move the table forbids is
     * a signed GatewayError 350 naming $operation. Must run in a transaction.
     *
     * @return array the row after the move
     */
    public static function move(Store $store, string $kind, int|string $id, string $to, array $set = [],
        string $operation = 'this operation'): array
    {
        if (!$store->inTransaction()) {
            throw new \LogicException('Lifecycle::move outside a transaction');
        }
        [$table, $column, $noun] = self::KINDS[$kind] ?? throw new \LogicException("unknown kind $kind");
        if (!isset(self::TRANSITIONS[$kind][$to])) {
            throw new \LogicException("unknown $kind state $to");
        }
        $before = $store->one("SELECT * FROM $table WHERE id = ?", [$id])
            ?? throw new GatewayError(340, 'Transaction not found');
        $from = (string) $before[$column];
        if (!self::allowed($kind, $from, $to)) {
            throw new GatewayError(350, "$operation is not allowed: $noun {$before['id']} is " . self::describe($kind, $from));
        }
        $set = [$column => $to] + $set;
        if (array_key_exists('updated_at', $before)) {
            $set += ['updated_at' => gmdate('Y-m-d H:i:s')];
        }
        $assign = implode(', ', array_map(fn($c) => "$c = ?", array_keys($set)));
        $store->run("UPDATE $table SET $assign WHERE id = ? AND $column = ?", [...array_values($set), $id, $from]);
        $after = $store->one("SELECT * FROM $table WHERE id = ?", [$id]);
        foreach (self::LISTENERS as $listener) {
            $listener($store, $kind, $before, $after);
        }
        return $after;
    }

    /** "held (authorised, not captured)": a state as a message shows it. */
    public static function describe(string $kind, string $state): string
    {
        return match ("$kind:$state") {
            'payment:new' => 'new (not paid)',
            'payment:3ds' => '3ds (waiting for 3-D Secure)',
            'payment:pending' => 'pending (being processed)',
            'payment:held' => 'held (authorised, not captured)',
            'payment:success' => 'success (captured)',
            'payment:error' => 'error (declined)',
            'payment:revoked' => 'revoked (cancelled)',
            'payment:refunded' => 'refunded (fully)',
            default => $state,
        };
    }
}
