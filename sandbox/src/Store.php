<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

use PDO;

/**
 * The sandbox's state in SQLite. Several `php -S` workers share the file:
 * WAL mode and a busy timeout keep concurrent writers from failing.
 */
final class Store
{
    private PDO $db;

    public function __construct(string $path)
    {
        $this->db = new PDO('sqlite:' . $path, null, null, [
            PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
            PDO::ATTR_DEFAULT_FETCH_MODE => PDO::FETCH_ASSOC,
            PDO::ATTR_TIMEOUT => 10,
        ]);
        $this->db->exec('PRAGMA busy_timeout = 10000');
        $this->db->exec('PRAGMA journal_mode = WAL');
        $this->db->exec('PRAGMA synchronous = NORMAL');
        $this->migrate();
    }

    public function pdo(): PDO
    {
        return $this->db;
    }

    /** Runs $fn in a write transaction taken up front (no upgrade deadlocks). */
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

    public function one(string $sql, array $args = []): ?array
    {
        $st = $this->db->prepare($sql);
        $st->execute($args);
        $row = $st->fetch();
        return $row === false ? null : $row;
    }

    public function all(string $sql, array $args = []): array
    {
        $st = $this->db->prepare($sql);
        $st->execute($args);
        return $st->fetchAll();
    }

    public function run(string $sql, array $args = []): int
    {
        $st = $this->db->prepare($sql);
        $st->execute($args);
        return $st->rowCount();
    }

    public function insert(string $table, array $row): int
    {
        $cols = implode(', ', array_keys($row));
        $marks = implode(', ', array_fill(0, count($row), '?'));
        $this->run("INSERT INTO $table ($cols) VALUES ($marks)", array_values($row));
        return (int) $this->db->lastInsertId();
    }

    private function migrate(): void
    {
        if ($this->one("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'payments'") !== null) {
            return;
        }
        $this->transaction(function (): void {
            $this->db->exec(<<<'SQL'
                CREATE TABLE IF NOT EXISTS payments (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    merchant_id TEXT NOT NULL,
                    order_id TEXT NOT NULL,
                    amount TEXT NOT NULL,
                    currency TEXT NOT NULL,
                    description TEXT NOT NULL,
                    status TEXT NOT NULL,             -- new, success, error
                    token TEXT NOT NULL UNIQUE,       -- the payment page's customer token
                    testing_mode TEXT NOT NULL,
                    idempotency_key TEXT,
                    fields TEXT NOT NULL,             -- every field of the init request, JSON
                    created_at TEXT NOT NULL,
                    paid_at TEXT,
                    card_pan TEXT,
                    card_name TEXT,
                    reference TEXT,
                    auth_code TEXT,
                    failure_code TEXT,
                    failure_description TEXT
                );
                CREATE UNIQUE INDEX IF NOT EXISTS payments_idempotency
                    ON payments (merchant_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
                CREATE INDEX IF NOT EXISTS payments_order ON payments (merchant_id, order_id);
                CREATE TABLE IF NOT EXISTS requests (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    method TEXT NOT NULL,
                    path TEXT NOT NULL,
                    headers TEXT NOT NULL,
                    raw_body TEXT NOT NULL,
                    fields TEXT NOT NULL,
                    created_at TEXT NOT NULL
                );
                SQL);
            // Payment ids start at 1000001, like real ones they are big numbers.
            if ($this->one("SELECT seq FROM sqlite_sequence WHERE name = 'payments'") === null) {
                $this->db->exec("INSERT INTO sqlite_sequence (name, seq) VALUES ('payments', 1000000)");
            }
        });
    }
}
