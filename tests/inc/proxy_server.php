<?php
/*
 * A plain-http forwarding proxy for the proxy tests: accepts requests in
 * absolute form ("POST http://host:port/path HTTP/1.1"), appends each
 * request line to the log file argv[1], forwards the request and relays
 * the answer. Binds a free 127.0.0.1 port and prints it. One connection at
 * a time, each closed after its answer.
 */
$log = $argv[1];
$server = stream_socket_server('tcp://127.0.0.1:0');
echo substr(strrchr(stream_socket_get_name($server, false), ':'), 1), "\n";
while ($conn = @stream_socket_accept($server, 60)) {
    stream_set_timeout($conn, 10);
    $head = '';
    while (!str_contains($head, "\r\n\r\n") && ($line = fgets($conn)) !== false) {
        $head .= $line;
    }
    $length = preg_match('/^Content-Length: *(\d+)/mi', $head, $m) ? (int) $m[1] : 0;
    $body = '';
    while (strlen($body) < $length && !feof($conn)) {
        $body .= fread($conn, $length - strlen($body));
    }
    $requestLine = strtok($head, "\r\n");
    file_put_contents($log, $requestLine . "\n", FILE_APPEND);
    [$method, $target] = explode(' ', $requestLine) + [1 => ''];
    $answer = @file_get_contents($target, false, stream_context_create(['http' => [
        'method' => $method, 'content' => $body, 'ignore_errors' => true, 'timeout' => 10,
        'header' => "Content-Type: application/x-www-form-urlencoded\r\n",
    ]]));
    $status = isset($http_response_header[0]) ? $http_response_header[0] : 'HTTP/1.1 502 Bad Gateway';
    fwrite($conn, "$status\r\nContent-Type: text/xml\r\nContent-Length: " . strlen((string) $answer) . "\r\nConnection: close\r\n\r\n$answer");
    fclose($conn);
}
