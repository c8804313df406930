--TEST--
Client transport: refused connection, connect and total timeouts, TLS verification on by default, ca_info
--EXTENSIONS--
freedompay
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
function timed(string $label, callable $fn, float $min, float $max): void
{
    $t = microtime(true);
    echo "$label: ";
    throws($fn);
    $elapsed = microtime(true) - $t;
    echo $elapsed >= $min && $elapsed <= $max ? "  within [$min, $max] s\n" : "  took $elapsed s\n";
}
$opts = ['retries' => 0];

// The bounds show which limit ended each call (it waited for that one, not for
// the 30 s default); they are loose enough for valgrind.

// Nothing listens on port 1 (and no other test can take it: binding it needs root).
timed('refused', fn() => (new FreedomPay\Client(500001, 'k', $opts + ['base_url' => 'http://127.0.0.1:1']))->status(['pg_payment_id' => 1]), 0, 5);

// A listener that accepts (in the kernel) but never answers: the total timeout.
$silent = stream_socket_server('tcp://127.0.0.1:0');
$port = (int) substr(strrchr(stream_socket_get_name($silent, false), ':'), 1);
timed('silent server', fn() => (new FreedomPay\Client(500001, 'k', $opts + ['base_url' => "http://127.0.0.1:$port", 'timeout' => 0.6]))->status(['pg_payment_id' => 1]), 0.55, 8);

// A full backlog drops the SYN: the connect timeout.
$full = stream_socket_server('tcp://127.0.0.1:0', $e, $es, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN, stream_context_create(['socket' => ['backlog' => 0]]));
$port = (int) substr(strrchr(stream_socket_get_name($full, false), ':'), 1);
$fillers = [];
for ($i = 0; $i < 4; $i++) {
    $fillers[] = @stream_socket_client("tcp://127.0.0.1:$port", $e, $es, 0.2, STREAM_CLIENT_CONNECT | STREAM_CLIENT_ASYNC_CONNECT);
}
usleep(200000);
timed('connect timeout', fn() => (new FreedomPay\Client(500001, 'k', $opts + ['base_url' => "http://127.0.0.1:$port", 'connect_timeout' => 0.4, 'timeout' => 20]))->status(['pg_payment_id' => 1]), 0.35, 8);

// TLS: a self-signed certificate for 127.0.0.1.
$dir = sys_get_temp_dir() . '/fp-tls-' . getmypid();
@mkdir($dir);
proc_close(proc_open(['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', "$dir/key.pem", '-out', "$dir/cert.pem"],
    [1 => ['file', '/dev/null', 'w'], 2 => ['file', '/dev/null', 'w']], $p));
file_put_contents("$dir/both.pem", file_get_contents("$dir/cert.pem") . file_get_contents("$dir/key.pem"));
$server = proc_open([PHP_BINARY, '-n', __DIR__ . '/../inc/tls_server.php', "$dir/both.pem"],
    [1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes, null, ['PATH' => getenv('PATH')]);
$tlsPort = (int) fgets($pipes[1]); // the server binds a free port itself and prints it
$url = "https://127.0.0.1:$tlsPort";
echo "default CA store: ";
throws(fn() => (new FreedomPay\Client(500001, 'k', $opts + ['base_url' => $url]))->status(['pg_payment_id' => 1]));
echo "ca_info = the certificate: ";
throws(fn() => (new FreedomPay\Client(500001, 'k', $opts + ['base_url' => $url, 'ca_info' => "$dir/cert.pem"]))->status(['pg_payment_id' => 1]));
echo "wrong host name: ";
throws(fn() => (new FreedomPay\Client(500001, 'k', $opts + ['base_url' => "https://localhost:$tlsPort", 'ca_info' => "$dir/cert.pem"]))->status(['pg_payment_id' => 1]));
proc_terminate($server);
proc_close($server);
array_map('unlink', glob("$dir/*"));
rmdir($dir);
?>
--EXPECTF--
refused: FreedomPay\TransportException: POST http://127.0.0.1:1/get_status3.php failed: Failed to connect to 127.0.0.1 port 1 after %d ms: Couldn't connect to server
  within [0, 5] s
silent server: FreedomPay\TransportException: POST http://127.0.0.1:%d/get_status3.php failed: Operation timed out after %d milliseconds with 0 bytes received
  within [0.55, 8] s
connect timeout: FreedomPay\TransportException: POST http://127.0.0.1:%d/get_status3.php failed: Failed to connect to 127.0.0.1 port %d after %d ms: Timeout was reached
  within [0.35, 8] s
default CA store: FreedomPay\TransportException: POST https://127.0.0.1:%d/get_status3.php failed: SSL certificate problem: self-signed certificate
ca_info = the certificate: FreedomPay\ApiException: Reached over TLS
wrong host name: FreedomPay\TransportException: POST https://localhost:%d/get_status3.php failed: SSL: no alternative certificate subject name matches target host name 'localhost'
