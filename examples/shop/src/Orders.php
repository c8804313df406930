<?php
declare(strict_types=1);

namespace Shop;

use PDO;

/**
 * The orders, in SQLite through PDO.
 *
 * An order is open until a verified result_url callback marks it paid, or
 * the shop cancels it. It can have several payments (a payer who comes back
 * after a declined card, or pays in two tabs): each is a row in payments,
 * and the one that paid the order is orders.paid_payment_id. Every change
 * of an order is a row in order_events, its history.
 *
 * Changes that depend on what is stored run in transaction() (BEGIN
 * IMMEDIATE: one writer at a time, so two deliveries of one callback
 * handled at the same moment by two PHP workers cannot both see the order
 * open), and the change itself is guarded by its condition (UPDATE ...
 * WHERE status = 'open'), so it happens once whatever calls it.
 */
final class Orders
{
    private PDO $db;

    public function __construct(string $path)
    {
        $this->db = new PDO('sqlite:' . $path, null, null, [
            PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
            PDO::ATTR_DEFAULT_FETCH_MODE => PDO::FETCH_ASSOC,
            PDO::ATTR_TIMEOUT => 10,   // seconds to wait for another writer
        ]);
        $this->db->exec('PRAGMA foreign_keys = ON');
        if ((int) $this->db->query('PRAGMA user_version')->fetchColumn() < self::SCHEMA) {
            $this->migrate();
        }
        if ($this->db->query('PRAGMA journal_mode')->fetchColumn() !== 'wal') {
            // Readers need not wait for the writer. The switch needs the file
            // to itself for a moment; when another worker has it open, a
            // later request makes it.
            try {
                $this->db->exec('PRAGMA journal_mode = WAL');
            } catch (\PDOException) {
            }
        }
    }

    /** The schema's version, in PRAGMA user_version. */
    private const SCHEMA = 1;

    /** Creates the tables, once, whichever PHP worker gets there first. */
    private function migrate(): void
    {
        $this->transaction(function (): void {
            if ((int) $this->db->query('PRAGMA user_version')->fetchColumn() >= self::SCHEMA) {
                return;
            }
            $this->db->exec(<<<'SQL'
                CREATE TABLE orders (
                    id TEXT PRIMARY KEY,                  -- pg_order_id
                    description TEXT NOT NULL,
                    amount TEXT NOT NULL,                 -- pg_amount: "5000.00"
                    currency TEXT NOT NULL,
                    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paid', 'cancelled')),
                    paid_payment_id TEXT UNIQUE,          -- the payment that paid it, set once
                    created_at TEXT NOT NULL,
                    paid_at TEXT
                );
                CREATE TABLE payments (
                    payment_id TEXT PRIMARY KEY,          -- pg_payment_id
                    order_id TEXT NOT NULL REFERENCES orders (id),
                    status TEXT NOT NULL DEFAULT 'started'
                        CHECK (status IN ('started', 'paid', 'failed', 'rejected', 'refund_due')),
                    detail TEXT NOT NULL DEFAULT '',
                    created_at TEXT NOT NULL,
                    updated_at TEXT
                );
                CREATE INDEX payments_order ON payments (order_id);
                CREATE TABLE order_events (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    order_id TEXT NOT NULL REFERENCES orders (id),
                    event TEXT NOT NULL,                  -- created, payment_started, paid, payment_failed, ...
                    payment_id TEXT,
                    detail TEXT NOT NULL DEFAULT '',
                    at TEXT NOT NULL
                );
                SQL);
            $this->db->exec('PRAGMA user_version = ' . self::SCHEMA);
        });
    }

    /**
     * Runs $fn($this) in one write transaction and returns what it returns;
     * rolled back if it throws.
     */
    public function transaction(callable $fn): mixed
    {
        $this->db->exec('BEGIN IMMEDIATE');
        try {
            $result = $fn($this);
            $this->db->exec('COMMIT');
            return $result;
        } catch (\Throwable $e) {
            $this->db->exec('ROLLBACK');
            throw $e;
        }
    }

    public function create(string $id, string $description, string $amount, string $currency): array
    {
        return $this->transaction(function () use ($id, $description, $amount, $currency): array {
            $this->db->prepare('INSERT INTO orders (id, description, amount, currency, created_at) VALUES (?, ?, ?, ?, ?)')
                ->execute([$id, $description, $amount, $currency, self::now()]);
            $this->event($id, 'created', null, "$amount $currency");
            return $this->find($id);
        });
    }

    public function find(string $id): ?array
    {
        $st = $this->db->prepare('SELECT * FROM orders WHERE id = ?');
        $st->execute([$id]);
        return $st->fetch() ?: null;
    }

    /** The order's payments, oldest first. */
    public function payments(string $orderId): array
    {
        $st = $this->db->prepare('SELECT * FROM payments WHERE order_id = ? ORDER BY created_at, rowid');
        $st->execute([$orderId]);
        return $st->fetchAll();
    }

    public function history(string $orderId): array
    {
        $st = $this->db->prepare('SELECT event, payment_id, detail, at FROM order_events WHERE order_id = ? ORDER BY id');
        $st->execute([$orderId]);
        return $st->fetchAll();
    }

    /**
     * Records a payment of the order; nothing if it is known already (the
     * gateway answered a repeated pg_idempotency_key with the same payment,
     * or a callback names a payment whose checkout died before recording it).
     */
    public function addPayment(string $orderId, string $paymentId): void
    {
        $st = $this->db->prepare('INSERT OR IGNORE INTO payments (payment_id, order_id, created_at) VALUES (?, ?, ?)');
        $st->execute([$paymentId, $orderId, self::now()]);
        if ($st->rowCount() === 1) {
            $this->event($orderId, 'payment_started', $paymentId);
        }
    }

    /**
     * Marks the order paid by $paymentId if it is still open. True when this
     * call did it; false when it was not open (paid already, or cancelled).
     */
    public function markPaid(string $orderId, string $paymentId): bool
    {
        $st = $this->db->prepare("UPDATE orders SET status = 'paid', paid_payment_id = ?, paid_at = ? WHERE id = ? AND status = 'open'");
        $st->execute([$paymentId, self::now(), $orderId]);
        if ($st->rowCount() !== 1) {
            return false;
        }
        $this->setPaymentStatus($paymentId, 'paid');
        $this->event($orderId, 'paid', $paymentId);
        return true;
    }

    /** Cancels an open order (the shop cannot deliver it). True when this call did it. */
    public function cancel(string $orderId, string $why): bool
    {
        return $this->transaction(function () use ($orderId, $why): bool {
            $st = $this->db->prepare("UPDATE orders SET status = 'cancelled' WHERE id = ? AND status = 'open'");
            $st->execute([$orderId]);
            if ($st->rowCount() === 1) {
                $this->event($orderId, 'cancelled', null, $why);
            }
            return $st->rowCount() === 1;
        });
    }

    /**
     * Moves a payment on from "started" (the first word on a payment wins;
     * a repeated callback changes nothing). True when this call changed it.
     */
    public function setPaymentStatus(string $paymentId, string $status, string $detail = ''): bool
    {
        $st = $this->db->prepare("UPDATE payments SET status = ?, detail = ?, updated_at = ? WHERE payment_id = ? AND status = 'started'");
        $st->execute([$status, $detail, self::now(), $paymentId]);
        if ($st->rowCount() !== 1) {
            return false;
        }
        if ($status !== 'paid') {
            $orderId = $this->db->prepare('SELECT order_id FROM payments WHERE payment_id = ?');
            $orderId->execute([$paymentId]);
            $this->event((string) $orderId->fetchColumn(), "payment_$status", $paymentId, $detail);
        }
        return true;
    }

    private function event(string $orderId, string $event, ?string $paymentId, string $detail = ''): void
    {
        $this->db->prepare('INSERT INTO order_events (order_id, event, payment_id, detail, at) VALUES (?, ?, ?, ?, ?)')
            ->execute([$orderId, $event, $paymentId, $detail, self::now()]);
    }

    private static function now(): string
    {
        return gmdate('Y-m-d H:i:s');
    }
}
