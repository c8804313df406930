<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

/**
 * The one table of allowed state changes, keyed by kind. Every status change
 * of every row goes through move(), inside the caller's transaction, so a
 * move the table does not list cannot happen anywhere.
 *
 * TRANSITIONS is kind => from => allowed to => the operations that may make
 * that move. A state may be "moved" to itself when an operation keeps it
 * there (a partial refund leaves a payment "success"); naming the operation
 * is what keeps a capture from doing the same. A kind names its table and
 * status column in KINDS. The purchase side's kind is here; a module
 * declares its own kinds (payouts, card storage) in its LIFECYCLE constant:
 * kind => ['table', 'column', 'noun', 'states' => state => description,
 * 'transitions' => from => to => operations], merged by kinds() like the
 * modules' ENDPOINTS. One move() and one set of rules for all of them.
 */
final class Lifecycle
{
    /** kind => [table, status column, what a row is called in messages] */
    public const KINDS = [
        'payment' => ['payments', 'status', 'payment'],
    ];

    /**
     * kind => from => to => operations. The payment operations:
     *   pay           a card is charged (g2g/payment, hosted page, card/direct, recurring)
     *   authenticate  3-D Secure is done (g2g/paymentAcs, or the hosted page after the ACS)
     *   settle        a slow card is decided (status query, /_sandbox/settle)
     *   capture       do_capture.php
     *   cancel        cancel.php
     *   refund        revoke.php
     */
    public const TRANSITIONS = [
        'payment' => [
            // Created, waiting for the payer (hosted page, card/init) or being charged.
            'new' => ['3ds' => ['pay'], 'pending' => ['pay'], 'held' => ['pay'], 'success' => ['pay'], 'error' => ['pay'],
                'revoked' => ['cancel']],
            // Waiting for 3-D Secure.
            '3ds' => ['pending' => ['authenticate'], 'held' => ['authenticate'], 'success' => ['authenticate'],
                'error' => ['authenticate']],
            // A slow card, decided later.
            'pending' => ['held' => ['settle'], 'success' => ['settle'], 'error' => ['settle']],
            // Two-stage (pg_auto_clearing=0): authorised, money held, not captured.
            'held' => ['success' => ['capture'], 'revoked' => ['cancel']],
            // Captured (cleared). A partial refund keeps it here; the last one refunds it.
            'success' => ['success' => ['refund'], 'refunded' => ['refund']],
            'error' => [],      // declined
            'revoked' => [],    // cancelled: hold released, or an unpaid payment called off
            'refunded' => [],   // refunded in full
        ],
    ];

    /**
     * Called after every move, inside the same transaction, with
     * (Store, kind, operation, row before, row after). For modules that react
     * to state changes (result_url callbacks...): add a static method here.
     *
     * @var list<callable>
     */
    public const LISTENERS = [
        [Notifications::class, 'onMove'],   // result_url once a payment is decided
        [Payouts::class, 'onMove'],         // post_link once a payout is decided
        [CardStorage::class, 'onMove'],     // post_link once a card is saved
    ];

    public static function allowed(string $kind, string $from, string $to, string $operation): bool
    {
        return in_array($operation, self::transitions($kind)[$from][$to] ?? [], true);
    }

    /**
     * Every kind: kind => ['table', 'column', 'noun', 'states', 'transitions'],
     * the purchase side's from KINDS and TRANSITIONS, the modules' from LIFECYCLE.
     */
    public static function kinds(): array
    {
        $all = [];
        foreach (self::KINDS as $kind => [$table, $column, $noun]) {
            $all[$kind] = ['table' => $table, 'column' => $column, 'noun' => $noun, 'states' => [],
                'transitions' => self::TRANSITIONS[$kind]];
        }
        foreach (Gateway::merged('LIFECYCLE') as $kind => $def) {
            if (isset($all[$kind])) {
                throw new \LogicException("lifecycle kind $kind is declared twice");
            }
            $all[$kind] = $def;
        }
        return $all;
    }

    /** from => to => operations for $kind. */
    public static function transitions(string $kind): array
    {
        return self::TRANSITIONS[$kind] ?? (Gateway::merged('LIFECYCLE')[$kind]['transitions']
            ?? throw new \LogicException("unknown kind $kind"));
    }

    /**
     * Moves a row to $to by $operation, setting $set's columns with it. The
     * row is read again here (the caller's copy may be stale). A move the
     * table does not allow is a signed GatewayError 350 naming $what (the
     * endpoint or page; $operation when null). Must run in a transaction.
     *
     * @return array the row after the move
     */
    public static function move(Store $store, string $kind, int|string $id, string $to, array $set, string $operation,
        ?string $what = null): array
    {
        if (!$store->inTransaction()) {
            throw new \LogicException('Lifecycle::move outside a transaction');
        }
        $def = self::kinds()[$kind] ?? throw new \LogicException("unknown kind $kind");
        ['table' => $table, 'column' => $column, 'noun' => $noun] = $def;
        if (!isset($def['transitions'][$to])) {
            throw new \LogicException("unknown $kind state $to");
        }
        $before = $store->one("SELECT * FROM $table WHERE id = ?", [$id])
            ?? throw new GatewayError(340, 'Transaction not found');
        $from = (string) $before[$column];
        if (!self::allowed($kind, $from, $to, $operation)) {
            throw new GatewayError(350, ($what ?? $operation) . " is not allowed: $noun {$before['id']} is "
                . self::describe($kind, $from));
        }
        $set = [$column => $to] + $set;
        if (array_key_exists('updated_at', $before)) {
            $set += ['updated_at' => gmdate('Y-m-d H:i:s')];
        }
        $assign = implode(', ', array_map(fn($c) => "$c = ?", array_keys($set)));
        $store->run("UPDATE $table SET $assign WHERE id = ? AND $column = ?", [...array_values($set), $id, $from]);
        $after = $store->one("SELECT * FROM $table WHERE id = ?", [$id]);
        foreach (self::LISTENERS as $listener) {
            $listener($store, $kind, $operation, $before, $after);
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
            default => (Gateway::merged('LIFECYCLE')[$kind]['states'][$state] ?? $state),
        };
    }
}
