<?php
/*
 * An HTTP/1.1 server that keeps any number of connections open at once
 * (one process, stream_select): answers every POST with a gateway error
 * (unsigned 9998) whose description names the client's port, so a test can
 * tell which connection carried a request. A POST with pg_order_id "slow-N"
 * is answered after N tenths of a second, "fail" with HTTP 500. "GET /connections" returns how
 * many TCP connections it accepted. Prints its port; stops after 30 s idle.
 */
$server = stream_socket_server('tcp://127.0.0.1:0');
echo substr(strrchr(stream_socket_get_name($server, false), ':'), 1), "\n";
$clients = [];   // id => ['conn' => stream, 'buf' => string, 'peer' => int]
$pending = [];   // [due, id, answer]
$accepted = 0;

function answer_for(string $head, string $body, int $peer, int $accepted): array
{
    if (str_starts_with($head, 'GET /connections')) {
        return [0.0, (string) $accepted];
    }
    parse_str($body, $fields);
    if (($fields['pg_order_id'] ?? '') === 'fail') {
        return [0.0, null];
    }
    $delay = preg_match('/^slow-(\d+)$/', (string) ($fields['pg_order_id'] ?? ''), $m) ? $m[1] / 10 : 0.0;
    return [$delay, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<response><pg_status>error</pg_status>"
        . "<pg_error_code>9998</pg_error_code><pg_error_description>peer=$peer</pg_error_description></response>\n"];
}

$idle_since = microtime(true);
while (microtime(true) - $idle_since < 30) {
    $read = [$server];
    foreach ($clients as $c) {
        $read[] = $c['conn'];
    }
    $write = $except = null;
    $wait = 200000;
    if ($pending) {
        $wait = max(0, (int) ((min(array_column($pending, 0)) - microtime(true)) * 1e6));
    }
    if (@stream_select($read, $write, $except, 0, min($wait, 200000)) === false) {
        break;
    }
    foreach ($read as $r) {
        if ($r === $server) {
            $conn = @stream_socket_accept($server, 0, $name);
            if ($conn) {
                $accepted++;
                $clients[(int) $conn] = ['conn' => $conn, 'buf' => '', 'peer' => (int) substr(strrchr($name, ':'), 1)];
            }
            continue;
        }
        $id = (int) $r;
        $data = fread($r, 65536);
        if ($data === '' || $data === false) {
            fclose($r);
            unset($clients[$id]);
            continue;
        }
        $clients[$id]['buf'] .= $data;
        $idle_since = microtime(true);
        while (($end = strpos($clients[$id]['buf'], "\r\n\r\n")) !== false) {
            $head = substr($clients[$id]['buf'], 0, $end);
            $length = preg_match('/Content-Length: *(\d+)/i', $head, $m) ? (int) $m[1] : 0;
            if (strlen($clients[$id]['buf']) < $end + 4 + $length) {
                break;
            }
            $body = substr($clients[$id]['buf'], $end + 4, $length);
            $clients[$id]['buf'] = (string) substr($clients[$id]['buf'], $end + 4 + $length);
            [$delay, $text] = answer_for($head, $body, $clients[$id]['peer'], $accepted);
            $pending[] = [microtime(true) + $delay, $id, $text, (bool) preg_match('/^Connection: *close/mi', $head)];
        }
    }
    $now = microtime(true);
    foreach ($pending as $k => [$due, $id, $text, $close]) {
        if ($due <= $now) {
            unset($pending[$k]);
            if (isset($clients[$id])) {
                fwrite($clients[$id]['conn'], $text === null
                    ? "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n"
                    : "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: " . strlen($text) . "\r\n\r\n$text");
                if ($close) {
                    fclose($clients[$id]['conn']);
                    unset($clients[$id]);
                }
            }
        }
    }
}
