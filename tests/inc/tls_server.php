<?php
/*
 * A small HTTPS server for the TLS tests: serves a fixed gateway error with
 * the certificate it is given (argv[1]: cert+key file). Binds a free port
 * and prints it. With argv[2] = "tls1.1" it speaks TLS 1.1 and nothing else
 * (at OpenSSL's security level 0, which still allows it).
 */
$pem = $argv[1];
$ssl = ['local_cert' => $pem, 'allow_self_signed' => true, 'verify_peer' => false];
if (($argv[2] ?? '') === 'tls1.1') {
    $ssl += ['crypto_method' => STREAM_CRYPTO_METHOD_TLSv1_1_SERVER, 'security_level' => 0,
             'ciphers' => 'DEFAULT@SECLEVEL=0'];
}
$ctx = stream_context_create(['ssl' => $ssl]);
$server = stream_socket_server('tls://127.0.0.1:0', $errno, $errstr, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN, $ctx);
echo substr(strrchr(stream_socket_get_name($server, false), ':'), 1), "\n";
$reply = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<response><pg_status>error</pg_status><pg_error_code>9998</pg_error_code>"
    . "<pg_error_description>Reached over TLS</pg_error_description></response>\n";
for ($i = 0; $i < 10; $i++) {
    $conn = @stream_socket_accept($server, 10);
    if ($conn === false) {
        continue; // a client that gave up during the handshake
    }
    stream_set_timeout($conn, 5);
    // Read the whole request, body too: closing a socket with unread data
    // sends a reset, which the client may see before the reply.
    $request = '';
    while (!str_contains($request, "\r\n\r\n") && !feof($conn)) {
        $request .= fread($conn, 8192);
    }
    [$head, $body] = explode("\r\n\r\n", $request, 2) + [1 => ''];
    $length = preg_match('/Content-Length: *(\d+)/i', $head, $m) ? (int) $m[1] : 0;
    while (strlen($body) < $length && !feof($conn)) {
        $body .= fread($conn, $length - strlen($body));
    }
    fwrite($conn, "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: " . strlen($reply) . "\r\nConnection: close\r\n\r\n$reply");
    fclose($conn);
}
