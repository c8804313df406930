<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

/**
 * The sandbox calling the shop (check_url, result_url, post_link): one HTTP
 * request over a plain socket (no curl), with one deadline for connecting,
 * sending and reading. Only loopback addresses are called (127.0.0.0/8,
 * ::1, localhost), so a sandbox never reaches outside the machine; the
 * environment variable SANDBOX_CALLBACK_ANY_HOST=1 lifts that.
 */
final class Outbound
{
    /** The most of a reply that is read and kept. */
    public const MAX_REPLY = 65536;

    /** null when the sandbox may call $url, else why not. */
    public static function refusal(string $url): ?string
    {
        $parts = parse_url($url);
        $scheme = strtolower((string) ($parts['scheme'] ?? ''));
        if (!is_array($parts) || !in_array($scheme, ['http', 'https'], true) || !isset($parts['host'])) {
            return 'not an absolute http(s) URL';
        }
        if ($scheme === 'https' && !extension_loaded('openssl')) {
            return 'https needs the openssl extension';
        }
        if (getenv('SANDBOX_CALLBACK_ANY_HOST') === '1' || self::loopback((string) $parts['host'])) {
            return null;
        }
        return "{$parts['host']} is not a loopback address (the sandbox only calls 127.0.0.1, ::1 and localhost;"
            . ' SANDBOX_CALLBACK_ANY_HOST=1 allows any)';
    }

    public static function loopback(string $host): bool
    {
        $host = strtolower(trim($host, '[]'));
        return $host === 'localhost' || $host === '::1'
            || preg_match('/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/', $host) === 1;
    }

    /**
     * Sends one request: $method GET (no body) or POST ($body with
     * $contentType). Returns ['status' => int|null, 'body' => string,
     * 'error' => null|'unreachable'|'timeout'|'protocol', 'detail' => string].
     */
    public static function request(string $method, string $url, string $body, string $contentType, float $timeout): array
    {
        $deadline = microtime(true) + $timeout;
        $parts = parse_url($url);
        $tls = strtolower((string) $parts['scheme']) === 'https';
        $host = (string) $parts['host'];
        $port = (int) ($parts['port'] ?? ($tls ? 443 : 80));
        $target = ($parts['path'] ?? '') === '' ? '/' : $parts['path'];
        if (isset($parts['query'])) {
            $target .= '?' . $parts['query'];
        }
        $connectHost = strtolower($host) === 'localhost' ? '127.0.0.1' : $host;
        if (str_contains($connectHost, ':') && $connectHost[0] !== '[') {
            $connectHost = "[$connectHost]";
        }
        $context = stream_context_create(['ssl' => [
            // Loopback only (see refusal()): a shop's development certificate is accepted as it is.
            'verify_peer' => false, 'verify_peer_name' => false, 'allow_self_signed' => true,
        ]]);
        $errno = 0;
        $errstr = '';
        $fp = @stream_socket_client(($tls ? 'ssl' : 'tcp') . "://$connectHost:$port", $errno, $errstr,
            max(0.001, $deadline - microtime(true)), STREAM_CLIENT_CONNECT, $context);
        if ($fp === false) {
            $timedOut = microtime(true) >= $deadline || stripos($errstr, 'timed out') !== false;
            return self::failure($timedOut ? 'timeout' : 'unreachable',
                $timedOut ? "no connection within {$timeout}s" : "cannot connect to $host:$port: $errstr");
        }
        $hostHeader = isset($parts['port']) ? "$host:$port" : $host;
        $head = "$method $target HTTP/1.1\r\nHost: $hostHeader\r\nUser-Agent: FreedomPay-Sandbox\r\nConnection: close\r\n"
            . "Accept: application/xml, text/xml, */*\r\n";
        if ($method !== 'GET') {
            $head .= "Content-Type: $contentType\r\nContent-Length: " . strlen($body) . "\r\n";
        }
        $request = $head . "\r\n" . ($method !== 'GET' ? $body : '');
        $raw = '';
        try {
            while ($request !== '') {
                if (!self::wait($fp, $deadline, true)) {
                    return self::failure('timeout', "the request was not sent within {$timeout}s");
                }
                $n = @fwrite($fp, $request);
                if ($n === false || ($n === 0 && feof($fp))) {
                    return self::failure('unreachable', 'the connection closed while sending');
                }
                $request = (string) substr($request, $n);
            }
            while (!feof($fp)) {
                if (!self::wait($fp, $deadline)) {
                    return self::failure('timeout', "no complete answer within {$timeout}s", self::statusOf($raw));
                }
                $chunk = fread($fp, 16384);
                if ($chunk === false) {
                    break;
                }
                $raw .= $chunk;
                if (strlen($raw) > self::MAX_REPLY * 4) {
                    break;   // enough: the rest is not kept anyway
                }
                if (self::complete($raw)) {
                    break;
                }
            }
        } finally {
            fclose($fp);
        }
        return self::parse($raw);
    }

    /** Whether $fp becomes readable ($write false) or writable before the deadline. */
    private static function wait($fp, float $deadline, bool $write = false): bool
    {
        $left = $deadline - microtime(true);
        if ($left <= 0) {
            return false;
        }
        $sec = (int) $left;
        $usec = (int) (($left - $sec) * 1e6);
        stream_set_timeout($fp, $sec, $usec);
        $r = $write ? null : [$fp];
        $w = $write ? [$fp] : null;
        $e = null;
        $ready = @stream_select($r, $w, $e, $sec, $usec);
        return $ready === false || $ready > 0;   // false (a signal): let the read or write find out
    }

    /** A response whose whole body (Content-Length or the last chunk) is in. */
    private static function complete(string $raw): bool
    {
        $end = strpos($raw, "\r\n\r\n");
        if ($end === false) {
            return false;
        }
        $head = substr($raw, 0, $end);
        $body = substr($raw, $end + 4);
        if (preg_match('/^content-length:\s*(\d+)/mi', $head, $m)) {
            return strlen($body) >= (int) $m[1];
        }
        if (preg_match('/^transfer-encoding:\s*chunked/mi', $head)) {
            return preg_match('/(^|\r\n)0\r\n(.*\r\n)?\r\n$/s', $body) === 1;
        }
        return false;   // until the connection closes
    }

    private static function statusOf(string $raw): ?int
    {
        return preg_match('~^HTTP/\d(?:\.\d)? (\d{3})~', $raw, $m) ? (int) $m[1] : null;
    }

    private static function parse(string $raw): array
    {
        $status = self::statusOf($raw);
        $end = strpos($raw, "\r\n\r\n");
        if ($status === null || $end === false) {
            return self::failure('protocol', $raw === '' ? 'the connection closed without an answer' : 'not an HTTP answer');
        }
        $head = substr($raw, 0, $end);
        $body = substr($raw, $end + 4);
        if (preg_match('/^transfer-encoding:\s*chunked/mi', $head)) {
            $body = self::dechunk($body);
        } elseif (preg_match('/^content-length:\s*(\d+)/mi', $head, $m)) {
            $body = substr($body, 0, (int) $m[1]);
        }
        return ['status' => $status, 'body' => substr($body, 0, self::MAX_REPLY), 'error' => null, 'detail' => "HTTP $status"];
    }

    private static function dechunk(string $body): string
    {
        $out = '';
        while (preg_match('/^([0-9a-fA-F]+)[^\r\n]*\r\n/', $body, $m)) {
            $size = hexdec($m[1]);
            if ($size === 0) {
                break;
            }
            $out .= substr($body, strlen($m[0]), (int) $size);
            $body = (string) substr($body, strlen($m[0]) + (int) $size + 2);
        }
        return $out;
    }

    private static function failure(string $error, string $detail, ?int $status = null): array
    {
        return ['status' => $status, 'body' => '', 'error' => $error, 'detail' => $detail];
    }
}
