<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

/**
 * Starts the sandbox under `php -S` on a free 127.0.0.1 port with a fresh
 * SQLite file, and stops it (workers included) when the object goes away.
 * Next to it runs the delivery worker (sandbox/worker.php), which sends the
 * callbacks (result_url, post_link) when they are due; it is stopped with the
 * server, and exits by itself if the process that started it goes away.
 * Used by the tests and the demo; needs no extension but PHP's own.
 */
class Server
{
    public string $url;
    public int $port;
    private $process;
    private $worker = null;
    private $workerStdin = null;
    private string $db;
    private string $log;
    private string $instance = '';

    /** Whether the database file is this object's own (made here, removed by stop()). */
    private bool $ownDb;

    /**
     * $database: an existing SQLite file to serve (migrated on the first
     * request, left in place by stop()); null for a fresh temporary one.
     * $env: more environment variables for the server (SANDBOX_SLOW_POLLS...);
     * SANDBOX_WORKER=0: no delivery worker (callbacks are then sent only by
     * POST /_sandbox/notifications/deliver, see deliver()).
     */
    public function __construct(int $workers = 1, ?string $database = null, array $env = [])
    {
        $router = dirname(__DIR__) . '/router.php';
        $base = tempnam(sys_get_temp_dir(), 'fp-sandbox-');
        unlink($base);
        $this->log = $base . '.log';
        $this->ownDb = $database === null;
        $this->db = $database ?? $base . '.sqlite';
        $extra = array_map('strval', $env);
        for ($try = 0; $try < 5 && $this->process === null; $try++) {
            $this->port = self::freePort();
            $env = $extra + getenv();
            $env['SANDBOX_DB'] = $this->db;
            // The port is free when chosen, but another process may take it before php -S binds it:
            // waitUntilUp() then must not take that process's answer for ours.
            $this->instance = bin2hex(random_bytes(8));
            $env['SANDBOX_INSTANCE'] = $this->instance;
            if ($workers > 1) {
                $env['PHP_CLI_SERVER_WORKERS'] = (string) $workers;
            }
            // The sandbox runs on the system's PHP with its usual ini (pdo_sqlite,
            // SimpleXML), never with this extension or valgrind.
            unset($env['USE_ZEND_ALLOC'], $env['ZEND_DONT_UNLOAD_MODULES'], $env['LD_PRELOAD'],
                $env['ASAN_OPTIONS'], $env['UBSAN_OPTIONS'], $env['TEST_PHP_EXECUTABLE']);
            // setsid: the server and its workers form one process group, stopped together.
            $cmd = ['setsid', self::php(), '-S', "127.0.0.1:{$this->port}", $router];
            $proc = proc_open($cmd, [0 => ['pipe', 'r'], 1 => ['file', $this->log, 'a'], 2 => ['file', $this->log, 'a']],
                $pipes, dirname($router), $env);
            if ($proc === false) {
                continue;
            }
            $this->url = "http://127.0.0.1:{$this->port}";
            if ($this->waitUntilUp($proc)) {
                $this->process = $proc;
                break;
            }
            self::killGroup($proc);
        }
        if ($this->process === null) {
            throw new \RuntimeException("the sandbox did not start:\n" . @file_get_contents($this->log));
        }
        if (($extra['SANDBOX_WORKER'] ?? '1') !== '0') {
            $this->startWorker($env);
        }
    }

    /**
     * The delivery worker: its own process group (setsid), its standard input
     * a pipe from here, so that it exits when this process does, however it
     * ends; if that happens without stop() (this process was killed), it
     * stops the server's process group on its way out.
     */
    private function startWorker(array $env): void
    {
        $group = proc_get_status($this->process)['pid'];
        $cmd = ['setsid', self::php(), dirname(__DIR__) . '/worker.php', '--watch-stdin', "--server-group=$group"];
        $proc = proc_open($cmd, [0 => ['pipe', 'r'], 1 => ['file', $this->log, 'a'], 2 => ['file', $this->log, 'a']],
            $pipes, dirname(__DIR__), $env);
        if ($proc === false) {
            $this->stop();
            throw new \RuntimeException('the sandbox delivery worker did not start');
        }
        $this->worker = $proc;
        $this->workerStdin = $pipes[0];
    }

    public function __destruct()
    {
        $this->stop();
    }

    public function stop(): void
    {
        if ($this->worker !== null) {
            self::killGroup($this->worker, $this->workerStdin);
            $this->worker = $this->workerStdin = null;
        }
        if ($this->process !== null) {
            self::killGroup($this->process);
            $this->process = null;
            $files = $this->ownDb ? [$this->db, $this->db . '-wal', $this->db . '-shm', $this->log] : [$this->log];
            foreach ($files as $f) {
                @unlink($f);
            }
        }
    }

    /** Pays a payment with a card, as the payer would on the hosted page. */
    public function pay(string|int $paymentId, string $card = '4405645000006150', string $exp = '12/30', string $cvc = '123'): array
    {
        [$status, $body] = $this->post('/_sandbox/pay', [
            'pg_payment_id' => (string) $paymentId,
            'card_number' => $card,
            'card_exp' => $exp,
            'card_cvc' => $cvc,
        ]);
        $json = json_decode($body, true);
        if (!is_array($json)) {
            throw new \RuntimeException("pay: HTTP $status $body");
        }
        return $json + ['http_status' => $status];
    }

    /** Decides a slow card's pending payment now (POST /_sandbox/settle). */
    public function settle(string|int $paymentId): array
    {
        return $this->control('/_sandbox/settle', ['pg_payment_id' => (string) $paymentId]);
    }

    /** Answers 3-D Secure as the payer would: ['pg_3d_md' => …, 'pg_3d_pares' => …] for g2g/paymentAcs. */
    public function threeDs(string|int $paymentId, bool $pass = true): array
    {
        return $this->control('/_sandbox/3ds', ['pg_payment_id' => (string) $paymentId, 'result' => $pass ? 'pass' : 'fail']);
    }

    /** Saves a card for a user (POST /_sandbox/cards): pg_card_id, pg_card_token, pg_card_hash, pg_status. */
    public function addCard(string|int $userId, string $card = '4405645000006150', string $status = 'approved',
        string|int $merchantId = 500001): array
    {
        return $this->control('/_sandbox/cards', ['user_id' => (string) $userId, 'card_number' => $card,
            'status' => $status, 'merchant_id' => (string) $merchantId]);
    }

    /**
     * Changes settings and returns them all: the purchase side's (slow_polls,
     * slow_seconds), or a module's group ('notifications': retry_interval,
     * retry_window, callback_timeout, check_timeout, can_reject; 'payouts':
     * cbc_lifetime).
     */
    public function settings(array $settings = [], string $group = ''): array
    {
        $path = $group === '' ? '/_sandbox/settings' : "/_sandbox/$group/settings";
        return $settings === [] ? $this->controlGet($path) : $this->control($path, $settings);
    }

    /**
     * The callbacks sent (and being sent) about a pg_payment_id, oldest first,
     * each with every attempt: GET /_sandbox/notifications. $kind: check,
     * result or post_link; $subject: payment, payout or card_session.
     */
    public function notifications(string|int|null $paymentId = null, ?string $kind = null, ?string $subject = null): array
    {
        $query = http_build_query(array_filter(['pg_payment_id' => $paymentId === null ? null : (string) $paymentId,
            'kind' => $kind, 'subject' => $subject], fn($v) => $v !== null));
        [$status, $body] = $this->get('/_sandbox/notifications' . ($query === '' ? '' : "?$query"));
        $json = json_decode($body, true);
        if (!is_array($json)) {
            throw new \RuntimeException("notifications: HTTP $status $body");
        }
        return $json;
    }

    /**
     * Waits until the latest $kind notification about $paymentId satisfies
     * $until (default: it is no longer pending: delivered or given up), and
     * returns it. Polls; throws after $timeout seconds.
     */
    public function awaitNotification(string|int $paymentId, string $kind = 'result', ?callable $until = null,
        float $timeout = 60.0, ?string $subject = null): array
    {
        $until ??= fn(array $n) => $n['status'] !== 'pending';
        $deadline = microtime(true) + $timeout;
        $last = null;
        do {
            $all = $this->notifications($paymentId, $kind, $subject);
            $last = $all === [] ? null : end($all);
            if ($last !== null && $until($last)) {
                return $last;
            }
            usleep(50000);
        } while (microtime(true) < $deadline);
        throw new \RuntimeException("no such $kind notification about $paymentId within {$timeout}s; last: "
            . json_encode($last, JSON_UNESCAPED_SLASHES));
    }

    /** The merchant's payout balance ("1000000.00"), after setting it to $set when given (GET|POST /_sandbox/balance). */
    public function balance(?string $set = null, string|int $merchantId = 500001): string
    {
        $json = $set === null ? $this->controlGet('/_sandbox/balance?merchant_id=' . rawurlencode((string) $merchantId))
            : $this->control('/_sandbox/balance', ['merchant_id' => (string) $merchantId, 'balance' => $set]);
        return (string) ($json['pg_balance'] ?? throw new \RuntimeException('balance: ' . json_encode($json)));
    }

    /** The recipient of a reg2nonreg payout enters a card (POST /_sandbox/payouts/card). */
    public function payoutCard(string|int $paymentId, string $card = '4671593866478252'): array
    {
        return $this->control('/_sandbox/payouts/card', ['pg_payment_id' => (string) $paymentId, 'card_number' => $card]);
    }

    /** Decides a payout in "process" now (POST /_sandbox/payouts/settle). */
    public function settlePayout(string|int $paymentId): array
    {
        return $this->control('/_sandbox/payouts/settle', ['pg_payment_id' => (string) $paymentId]);
    }

    /** The recipient takes the cash of an executed cash-by-code transfer (POST /_sandbox/cbc/withdraw). */
    public function withdrawCash(string|int $paymentId): array
    {
        return $this->control('/_sandbox/cbc/withdraw', ['pg_payment_id' => (string) $paymentId]);
    }

    /**
     * The payer enters a card on a card storage session's page (POST
     * /_sandbox/cardstorage/enter); a payout card needs the number only.
     */
    public function storeCard(string|int $paymentId, string $card = '4405645000006150', string $exp = '12/30', bool $threeDsPass = true): array
    {
        return $this->control('/_sandbox/cardstorage/enter', ['pg_payment_id' => (string) $paymentId, 'card_number' => $card,
            'card_exp' => $exp, 'card_cvc' => '123', 'three_ds' => $threeDsPass ? 'pass' : 'fail']);
    }

    /** A payout as stored (GET /_sandbox/payout). */
    public function payout(string|int $paymentId): array
    {
        return $this->controlGet('/_sandbox/payout?pg_payment_id=' . rawurlencode((string) $paymentId));
    }

    /** Delivers what is due now, in a request (POST /_sandbox/notifications/deliver): for a server without the worker. */
    public function deliver(): int
    {
        return (int) $this->control('/_sandbox/notifications/deliver', [])['delivered'];
    }

    /** A POST to a test control; its JSON with http_status added. */
    public function control(string $path, array $fields): array
    {
        [$status, $body] = $this->post($path, $fields);
        return self::json($status, $body, $path);
    }

    private function controlGet(string $path): array
    {
        [$status, $body] = $this->get($path);
        return self::json($status, $body, $path);
    }

    private static function json(int $status, string $body, string $path): array
    {
        $json = json_decode($body, true);
        if (!is_array($json)) {
            throw new \RuntimeException("$path: HTTP $status $body");
        }
        return $json + ['http_status' => $status];
    }

    /** The last requests the sandbox received, newest first. */
    public function requests(int $limit = 10): array
    {
        [, $body] = $this->get("/_sandbox/requests?limit=$limit");
        return json_decode($body, true) ?? [];
    }

    /** A raw POST; returns [status, body]. */
    public function post(string $path, array $fields, array $headers = []): array
    {
        return $this->http('POST', $path, http_build_query($fields), $headers + [
            'Content-Type' => 'application/x-www-form-urlencoded',
        ]);
    }

    public function get(string $path): array
    {
        return $this->http('GET', $path, '', []);
    }

    private function http(string $method, string $path, string $body, array $headers): array
    {
        $lines = '';
        foreach ($headers as $k => $v) {
            $lines .= "$k: $v\r\n";
        }
        $ctx = stream_context_create(['http' => [
            'method' => $method, 'header' => $lines, 'content' => $body,
            'ignore_errors' => true, 'timeout' => 30,
        ]]);
        $response = file_get_contents($this->url . $path, false, $ctx);
        $status = 0;
        foreach ($http_response_header ?? [] as $h) {
            if (preg_match('~^HTTP/\S+ (\d+)~', $h, $m)) {
                $status = (int) $m[1];
            }
        }
        return [$status, (string) $response];
    }

    /**
     * SIGTERM to a process group (the server's: the master and its workers;
     * the delivery worker's), then wait until every process of it is gone
     * (php -S workers exit a moment after their master; at most 5 seconds).
     */
    private static function killGroup($proc, $stdin = null): void
    {
        $pid = proc_get_status($proc)['pid'];
        self::signalGroup($pid, 'TERM');
        if (is_resource($stdin)) {
            fclose($stdin);
        }
        proc_close($proc);
        for ($i = 0; $i < 500 && self::signalGroup($pid, '0'); $i++) {
            usleep(10000);
        }
    }

    /** kill -SIGNAL -- -GROUP; for signal 0, whether a process of the group is still there. */
    private static function signalGroup(int $group, string $signal): bool
    {
        if (function_exists('posix_kill')) {
            return posix_kill(-$group, $signal === 'TERM' ? 15 : 0);
        }
        $p = proc_open(['kill', "-$signal", '--', "-$group"], [1 => ['file', '/dev/null', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
        return $p !== false && proc_close($p) === 0;
    }

    private function waitUntilUp($proc): bool
    {
        for ($i = 0; $i < 200; $i++) {
            if (!proc_get_status($proc)['running']) {
                return false;
            }
            $fp = @fsockopen('127.0.0.1', $this->port, $errno, $errstr, 0.1);
            if ($fp) {
                fwrite($fp, "GET /_sandbox/health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n");
                $answer = stream_get_contents($fp);
                fclose($fp);
                if (str_contains((string) $answer, "\r\n\r\nok")) {
                    return stripos((string) $answer, "\r\nX-Sandbox-Instance: {$this->instance}\r\n") !== false;
                }
            }
            usleep(25000);
        }
        return false;
    }

    private static function freePort(): int
    {
        $s = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr);
        $name = stream_socket_get_name($s, false);
        fclose($s);
        return (int) substr(strrchr($name, ':'), 1);
    }

    private static function php(): string
    {
        // The binary itself (not a test wrapper such as the ASan one), so
        // that the sandbox runs with the system's ini (pdo_sqlite); or
        // SANDBOX_PHP, to run the sandbox under another PHP than the caller's.
        $php = getenv('SANDBOX_PHP');
        return $php !== false && $php !== '' ? $php : PHP_BINARY;
    }
}
