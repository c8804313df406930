<?php
/*
 * A gateway that misbehaves at random, for tests/faults/048: a keep-alive
 * HTTP/1.1 server on a free 127.0.0.1 port (printed first), any number of
 * connections open, one request answered at a time (stream_select). Each
 * request's form body carries fp_seed; fault_plan() turns it
 * into what is sent back: a genuine signed reply, whole or dripped in small
 * pieces, or one of many broken ones (see fault_plan.inc). Every request is
 * logged as "script seed" to LOG, so the test can count how often each was
 * sent.
 *
 *   php fault_server.php SECRET LOG STALL_SECONDS
 */
require __DIR__ . '/fault_plan.inc';
require_once dirname(__DIR__, 2) . '/sandbox/src/autoload.php';

use FreedomPaySandbox\Reply;

[, $secret, $log, $stall] = $argv;
$server = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr);
echo substr(strrchr(stream_socket_get_name($server, false), ':'), 1), "\n";
$logFile = fopen($log, 'a');

/**
 * A whole request at the start of $buffer: [script, fields], taken off the
 * buffer; null while it is incomplete.
 */
function take_request(string &$buffer): ?array
{
    $end = strpos($buffer, "\r\n\r\n");
    if ($end === false) {
        return null;
    }
    $head = substr($buffer, 0, $end);
    $length = preg_match('/\r\nContent-Length: *(\d+)/i', $head, $m) ? (int) $m[1] : 0;
    if (strlen($buffer) < $end + 4 + $length) {
        return null;
    }
    $body = substr($buffer, $end + 4, $length);
    $buffer = (string) substr($buffer, $end + 4 + $length);
    parse_str($body, $fields);
    $path = preg_match('~^POST (\S+)~', $head, $m) ? parse_url($m[1], PHP_URL_PATH) : '';
    return [basename((string) $path), $fields];
}

/** The genuine reply to a request, signed with $secret. */
function genuine(string $script, array $fields, string $secret, array $extra = []): string
{
    $reply = $script === 'init_payment.php'
        ? ['pg_status' => 'ok', 'pg_payment_id' => '9' . $fields['fp_seed'],
           'pg_redirect_url' => 'https://customer.freedompay.kz/pay.html?customer=' . md5($fields['fp_seed']),
           'pg_redirect_url_type' => 'need data']
        : ['pg_status' => 'ok', 'pg_payment_id' => $fields['pg_payment_id'], 'pg_order_id' => 'order-7',
           'pg_currency' => 'KZT', 'pg_amount' => '2500.00', 'pg_payment_status' => 'success'];
    return (new Reply($extra + $reply))->render($script, $secret);
}

function http(int $code, string $body, array $headers = []): string
{
    $head = "HTTP/1.1 $code X\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Length: " . strlen($body) . "\r\n";
    foreach ($headers as $h) {
        $head .= "$h\r\n";
    }
    return "$head\r\n$body";
}

/** Sends the answer the plan calls for; false when the connection is to be closed. */
function answer($conn, string $script, array $fields, string $secret, float $stall): bool
{
    $plan = fault_plan((int) ($fields['fp_seed'] ?? 0));
    mt_srand($plan['rand']);
    $xml = genuine($script, $fields, $secret);
    switch ($plan['kind']) {
        case 'ok':
            fwrite($conn, http(200, $xml));
            return true;
        case 'ok_drip': // the genuine reply in pieces of 1 to 200 bytes, a little apart
            $all = http(200, $xml);
            for ($at = 0; $at < strlen($all); $at += $n) {
                $n = mt_rand(1, 200);
                fwrite($conn, substr($all, $at, $n));
                usleep(mt_rand(0, 300));
            }
            return true;
        case 'truncate_close': // Content-Length of the whole, fewer bytes, then the end
            fwrite($conn, substr(http(200, $xml), 0, -mt_rand(1, strlen($xml))));
            return false;
        case 'truncate_short': // a shorter body that says so, cut before its last '>'
            fwrite($conn, http(200, substr($xml, 0, mt_rand(0, strrpos($xml, '>')))));
            return true;
        case 'flip': // one byte of one value changed
            preg_match_all('~>([^<\s][^<]*)<~', $xml, $m, PREG_OFFSET_CAPTURE);
            [$text, $offset] = $m[1][mt_rand(0, count($m[1]) - 1)];
            $at = $offset + mt_rand(0, strlen($text) - 1);
            $xml[$at] = chr((ord($xml[$at]) + mt_rand(1, 255)) % 256);
            fwrite($conn, http(200, $xml));
            return true;
        case 'http_status':
            $code = [400, 403, 404, 500, 502, 503, 504][mt_rand(0, 6)];
            fwrite($conn, http($code, mt_rand(0, 1) ? $xml : "<html><body>$code</body></html>"));
            return true;
        case 'redirect':
            fwrite($conn, http(302, '', ['Location: http://127.0.0.1:1/' . $script]));
            return true;
        case 'drop_silent':
            return false;
        case 'drop_headers':
            fwrite($conn, substr("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 9", 0, mt_rand(1, 60)));
            return false;
        case 'other_secret':
            fwrite($conn, http(200, genuine($script, $fields, 'not-' . $secret)));
            return true;
        case 'other_payment': // signed, about another payment (a new payment: signed for another script)
            $other = $fields + ['pg_payment_id' => '1'];
            $other['pg_payment_id'] .= '1';
            $xml = genuine($script, $other, $secret);
            if ($script === 'init_payment.php') {
                $xml = genuine('get_status3.php', $other, $secret);
            }
            fwrite($conn, http(200, $xml));
            return true;
        case 'gateway_error':
            fwrite($conn, http(200, (new Reply(['pg_status' => 'error', 'pg_error_code' => '101',
                'pg_error_description' => 'Unknown payment']))->render($script, $secret)));
            return true;
        case 'nosig':
            fwrite($conn, http(200, preg_replace('~\s*<pg_sig>[^<]*</pg_sig>~', '', $xml)));
            return true;
        case 'gzip':
            fwrite($conn, http(200, gzencode($xml), ['Content-Encoding: gzip']));
            return true;
        case 'chunked_bad':
            fwrite($conn, "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nTransfer-Encoding: chunked\r\n\r\n"
                . dechex(strlen($xml) + mt_rand(1, 999)) . "\r\n$xml\r\nzz\r\n");
            return false;
        case 'garbage':
            fwrite($conn, http(200, random_bytes(mt_rand(0, 4000))));
            return true;
        case 'huge': // genuine and signed, but far over the client's max_response_size
            fwrite($conn, http(200, genuine($script, $fields, $secret, ['pg_padding' => str_repeat('x', 200000)])));
            return true;
        case 'stall': // the genuine reply, after the client's deadline
            usleep((int) ($stall * 1e6));
            @fwrite($conn, http(200, $xml));
            return false;
    }
    return false;
}

$open = []; // id => [stream, buffered bytes]
$idle = 0;
while ($idle < 120) {
    $read = [$server];
    foreach ($open as [$conn]) {
        $read[] = $conn;
    }
    $write = $except = null;
    if (stream_select($read, $write, $except, 1) === 0) {
        $idle++;
        continue;
    }
    $idle = 0;
    foreach ($read as $ready) {
        if ($ready === $server) {
            $conn = @stream_socket_accept($server, 0);
            if ($conn !== false) {
                $open[(int) $conn] = [$conn, ''];
            }
            continue;
        }
        $id = (int) $ready;
        $chunk = @fread($ready, 65536);
        if ($chunk === false || $chunk === '') {
            @fclose($ready);
            unset($open[$id]);
            continue;
        }
        $open[$id][1] .= $chunk;
        while (isset($open[$id]) && ($request = take_request($open[$id][1])) !== null) {
            [$script, $fields] = $request;
            fwrite($logFile, $script . ' ' . ($fields['fp_seed'] ?? '-') . "\n");
            fflush($logFile);
            if (!@answer($ready, $script, $fields, $secret, (float) $stall)) {
                @fclose($ready);
                unset($open[$id]);
            }
        }
    }
}
