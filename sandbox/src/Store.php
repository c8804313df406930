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
    private int $depth = 0;

    public function __construct(string $path)
    {
        $this->db = new PDO('sqlite:' . $path, null, null, [
            PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
            PDO::ATTR_DEFAULT_FETCH_MODE => PDO::FETCH_ASSOC,
            PDO::ATTR_TIMEOUT => 10,
        ]);
        $this->db->exec('PRAGMA busy_timeout = 10000');
        $this->wal();
        $this->db->exec('PRAGMA synchronous = NORMAL');
        $this->migrate();
    }

    /**
     * WAL mode (it stays with the file). Switching needs the file to itself,
     * and SQLite answers "locked" at once, without the busy timeout, when
     * another process is migrating it: so wait and try again.
     */
    private function wal(): void
    {
        for ($try = 0; ; $try++) {
            try {
                if (strtolower((string) $this->db->query('PRAGMA journal_mode')->fetchColumn()) !== 'wal') {
                    $this->db->exec('PRAGMA journal_mode = WAL');
                }
                return;
            } catch (\PDOException $e) {
                if ($try >= 500 || !str_contains($e->getMessage(), 'locked')) {
                    throw $e;
                }
                usleep(20000);
            }
        }
    }

    public function pdo(): PDO
    {
        return $this->db;
    }

    /**
     * Runs $fn in a write transaction taken up front (no upgrade deadlocks).
     * Inside one already, $fn simply joins it: every read-modify-write of a
     * request is one transaction however its helpers nest.
     */
    public function transaction(callable $fn): mixed
    {
        if ($this->depth > 0) {
            return $fn($this);
        }
        $this->db->exec('BEGIN IMMEDIATE');
        $this->depth = 1;
        try {
            $result = $fn($this);
            $this->depth = 0;
            $this->db->exec('COMMIT');
            return $result;
        } catch (\Throwable $e) {
            $this->depth = 0;
            $this->db->exec('ROLLBACK');
            throw $e;
        }
    }

    public function inTransaction(): bool
    {
        return $this->depth > 0;
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

    /**
     * The migrations: sandbox/migrations/NNN-name.sql, by number. A file runs
     * when NNN is above the database's PRAGMA user_version, which then becomes
     * NNN; so an existing sandbox file gets what is new and nothing twice.
     *
     * @return array<int, string> number => path, ascending
     */
    public static function migrations(): array
    {
        $files = [];
        foreach (glob(dirname(__DIR__) . '/migrations/*.sql') ?: [] as $path) {
            if (!preg_match('/^(\d{3})-[a-z0-9-]+\.sql$/', basename($path), $m)) {
                throw new \RuntimeException('migration file not named NNN-name.sql: ' . basename($path));
            }
            $n = (int) $m[1];
            if (isset($files[$n])) {
                throw new \RuntimeException("two migrations numbered $m[1]: " . basename($files[$n]) . ', ' . basename($path));
            }
            $files[$n] = $path;
        }
        ksort($files);
        return $files;
    }

    public function version(): int
    {
        return (int) $this->db->query('PRAGMA user_version')->fetchColumn();
    }

    private function migrate(): void
    {
        $files = self::migrations();
        $latest = $files === [] ? 0 : array_key_last($files);
        if ($this->version() >= $latest) {
            return;
        }
        // One writer at a time: a worker that waited finds the work done.
        $this->transaction(function () use ($files): void {
            $version = $this->version();
            foreach ($files as $n => $path) {
                if ($n <= $version) {
                    continue;
                }
                $this->db->exec((string) file_get_contents($path));
                $this->db->exec("PRAGMA user_version = $n");
            }
        });
    }
}
