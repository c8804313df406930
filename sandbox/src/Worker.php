<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

/**
 * The delivery worker's loop (sandbox/worker.php): every POLL seconds it
 * delivers the notifications that are due (Delivery::runDue), one after the
 * other. `php -S` answers requests only; this process is what makes a retry
 * happen on time with no request arriving. Several workers may run: each
 * notification is claimed before it is sent.
 */
final class Worker
{
    public const POLL = 0.1;

    public static function main(array $argv): int
    {
        ini_set('display_errors', '0');
        ini_set('log_errors', '1');
        error_reporting(E_ALL);
        $watch = in_array('--watch-stdin', $argv, true);
        $serverGroup = 0;
        foreach ($argv as $arg) {
            if (preg_match('/^--server-group=(\d+)$/', $arg, $m)) {
                $serverGroup = (int) $m[1];
            }
        }
        if ($watch) {
            stream_set_blocking(STDIN, false);
        }
        $store = new Store(Config::databasePath());
        $config = new Config();
        while (true) {
            $sent = 0;
            try {
                $sent = Delivery::runDue($store, $config);
            } catch (\Throwable $e) {
                error_log('sandbox worker: ' . get_class($e) . ': ' . $e->getMessage());
            }
            if ($watch ? self::parentGone($sent > 0 ? 0.0 : self::POLL) : false) {
                // The process that started us is gone without stopping the server (killed):
                // take the server down too, so that nothing outlives it.
                if ($serverGroup > 1) {
                    self::terminateGroup($serverGroup);
                }
                return 0;
            }
            if (!$watch && $sent === 0) {
                usleep((int) (self::POLL * 1e6));
            }
        }
    }

    private static function terminateGroup(int $group): void
    {
        if (function_exists('posix_kill')) {
            posix_kill(-$group, 15);
            return;
        }
        $p = proc_open(['kill', '-TERM', '--', "-$group"], [1 => ['file', '/dev/null', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
        if ($p !== false) {
            proc_close($p);
        }
    }

    /** Waits up to $seconds for standard input; true once it is closed. */
    private static function parentGone(float $seconds): bool
    {
        $r = [STDIN];
        $w = $e = null;
        $ready = @stream_select($r, $w, $e, 0, (int) ($seconds * 1e6));
        if ($ready === false || $ready === 0) {
            return false;
        }
        $data = fread(STDIN, 8192);
        return ($data === '' || $data === false) && feof(STDIN);
    }
}
