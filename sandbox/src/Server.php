<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

/**
 * Starts the sandbox under `php -S` on a free 127.0.0.1 port with a fresh
 * SQLite file, and stops it (workers included) when the object goes away.
 * Used by the tests and the demo; needs no extension but PHP's own.
 */
class Server
{
    public string $url;
    public int $port;
    private $process;
    private string $db;
    private string $log;

    /** Whether the database file is this object's own (made here, removed by stop()). */
    private bool $ownDb;

    /**
     * $database: an existing SQLite file to serve (migrated on the first
     * request, left in place by stop()); null for a fresh temporary one.
     * $env: more environment variables for the server (SANDBOX_SLOW_POLLS...).
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
    }

    public function __destruct()
    {
        $this->stop();
    }

    public function stop(): void
    {
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

    /** Changes settings (slow_polls, slow_seconds) and returns them all. */
    public function settings(array $settings = []): array
    {
        return $settings === [] ? $this->controlGet('/_sandbox/settings') : $this->control('/_sandbox/settings', $settings);
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

    /** SIGTERM to the server's process group: the master and its workers. */
    private static function killGroup($proc): void
    {
        $pid = proc_get_status($proc)['pid'];
        if (function_exists('posix_kill')) {
            posix_kill(-$pid, 15);
        } else {
            proc_close(proc_open(['kill', '-TERM', '--', "-$pid"], [], $pipes));
        }
        proc_close($proc);
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
                    return true;
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
        // that the sandbox runs with the system's ini (pdo_sqlite).
        return PHP_BINARY;
    }
}
