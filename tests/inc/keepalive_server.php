<?php
/*
 * An HTTP/1.1 server that keeps connections open, for the connection-reuse
 * test: answers every POST with a gateway error (unsigned 9998) and counts
 * the TCP connections it accepted; "GET /connections" returns the count.
 * Prints its port. Serves one connection at a time.
 */
$server = stream_socket_server('tcp://127.0.0.1:0');
echo substr(strrchr(stream_socket_get_name($server, false), ':'), 1), "\n";
$body = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<response><pg_status>error</pg_status><pg_error_code>9998</pg_error_code>"
    . "<pg_error_description>kept alive</pg_error_description></response>\n";
$connections = 0;
while ($conn = @stream_socket_accept($server, 30)) {
    $connections++;
    stream_set_timeout($conn, 5);
    while (true) {
        $head = '';
        while (!str_contains($head, "\r\n\r\n")) {
            $line = fgets($conn);
            if ($line === false) {
                break 2;
            }
            $head .= $line;
        }
        $length = preg_match('/Content-Length: *(\d+)/i', $head, $m) ? (int) $m[1] : 0;
        for ($read = 0; $read < $length && !feof($conn); ) {
            $read += strlen((string) fread($conn, $length - $read));
        }
        $answer = str_starts_with($head, 'GET /connections') ? (string) $connections : $body;
        fwrite($conn, "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: " . strlen($answer) . "\r\n\r\n$answer");
    }
    fclose($conn);
}
