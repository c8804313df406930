--TEST--
Client transport: refused connection, connect and total timeouts, TLS verification on by default, ca_info; a payment that never left is a plain TransportException
--EXTENSIONS--
freedompay
--FILE--
<?php
require dirname(__DIR__) . '/inc/sandbox.inc';
/*
 * Each case shows which limit ended the call: the error (libcurl's code 28
 * is a timeout) and the time against that limit, with slack for a busy
 * machine or valgrind, but far below the next limit that could have fired.
 */
function timed(string $label, callable $fn, float $atLeast, float $below): void
{
    $t = microtime(true);
    try {
        $fn();
        echo "$label: no exception\n";
    } catch (FreedomPay\Exception $e) {
        echo "$label: ", outcome($e), "\n";
    }
    $elapsed = microtime(true) - $t;
    echo $elapsed >= $atLeast && $elapsed < $below ? "  ended by that limit\n" : "  took $elapsed s, expected [$atLeast, $below)\n";
}
$opts = ['retries' => 0];
$pay = ['pg_order_id' => 't-1', 'pg_amount' => '10', 'pg_description' => 'never sent'];

// Nothing listens on port 1 (and no other test can take it: binding it needs root).
$refused = new FreedomPay\Client(500001, 'k', $opts + ['base_url' => 'http://127.0.0.1:1']);
timed('refused', fn() => $refused->status(['pg_payment_id' => 1]), 0, 10);
timed('refused payment', fn() => $refused->initPayment($pay), 0, 10);

// A listener that accepts (in the kernel) but never answers: the total timeout.
$silent = stream_socket_server('tcp://127.0.0.1:0');
$port = (int) substr(strrchr(stream_socket_get_name($silent, false), ':'), 1);
$quiet = new FreedomPay\Client(500001, 'k', $opts + ['base_url' => "http://127.0.0.1:$port", 'timeout' => 0.6, 'connect_timeout' => 30]);
timed('silent server', fn() => $quiet->status(['pg_payment_id' => 1]), 0.55, 25);
// The request was sent: a payment's outcome is unknown.
timed('silent server, payment', fn() => $quiet->initPayment($pay), 0.55, 25);

// A full accept queue drops further SYNs: the connect timeout. Fill it until
// a probe connection cannot get through, so a busy machine cannot skew it.
$full = stream_socket_server('tcp://127.0.0.1:0', $e, $es, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN, stream_context_create(['socket' => ['backlog' => 0]]));
$port = (int) substr(strrchr(stream_socket_get_name($full, false), ':'), 1);
$fillers = [];
for ($i = 0; $i < 64; $i++) {
    $probe = @stream_socket_client("tcp://127.0.0.1:$port", $e, $es, 0.3);
    if ($probe === false) {
        break; // the queue is full
    }
    $fillers[] = $probe;
}
echo $i < 64 ? "accept queue full\n" : "could not fill the accept queue\n";
$blocked = new FreedomPay\Client(500001, 'k', $opts + ['base_url' => "http://127.0.0.1:$port", 'connect_timeout' => 0.4, 'timeout' => 30]);
timed('connect timeout', fn() => $blocked->status(['pg_payment_id' => 1]), 0.35, 25);
timed('connect timeout, payment', fn() => $blocked->initPayment($pay), 0.35, 25);

// TLS: a self-signed certificate for 127.0.0.1.
$dir = tempnam(sys_get_temp_dir(), 'fp-tls-');
unlink($dir);
mkdir($dir);
proc_close(proc_open(['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', "$dir/key.pem", '-out', "$dir/cert.pem"],
    [1 => ['file', '/dev/null', 'w'], 2 => ['file', '/dev/null', 'w']], $p));
file_put_contents("$dir/both.pem", file_get_contents("$dir/cert.pem") . file_get_contents("$dir/key.pem"));
$server = proc_open([PHP_BINARY, '-n', dirname(__DIR__) . '/inc/tls_server.php', "$dir/both.pem"],
    [1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes, null, ['PATH' => getenv('PATH')]);
$tlsPort = (int) fgets($pipes[1]); // the server binds a free port itself and prints it
$url = "https://127.0.0.1:$tlsPort";
$tls = fn(array $o) => new FreedomPay\Client(500001, 'k', $opts + $o);
function tls_case(string $label, callable $fn): void
{
    try {
        $fn();
        echo "$label: no exception\n";
    } catch (FreedomPay\Exception $e) {
        // Our part of the message and the class; the TLS library's reason varies.
        echo "$label: ", get_class($e), preg_match('~^POST https://\S+ failed: ~', $e->getMessage()) ? ' (POST ... failed)' : ': ' . $e->getMessage(), "\n";
    }
}
tls_case('default CA store', fn() => $tls(['base_url' => $url])->status(['pg_payment_id' => 1]));
tls_case('default CA store, payment', fn() => $tls(['base_url' => $url])->initPayment($pay));
tls_case('ca_info = the certificate', fn() => $tls(['base_url' => $url, 'ca_info' => "$dir/cert.pem"])->status(['pg_payment_id' => 1]));
tls_case('wrong host name', fn() => $tls(['base_url' => "https://localhost:$tlsPort", 'ca_info' => "$dir/cert.pem"])->status(['pg_payment_id' => 1]));
proc_terminate($server);
proc_close($server);
array_map('unlink', glob("$dir/*"));
rmdir($dir);
?>
--EXPECT--
refused: TransportException: POST http://HOST/get_status3.php failed (transport)
  ended by that limit
refused payment: TransportException: POST http://HOST/init_payment.php failed (transport)
  ended by that limit
silent server: TransportException: POST http://HOST/get_status3.php failed (timeout)
  ended by that limit
silent server, payment: OutcomeUnknownException: order t-1: POST http://HOST/init_payment.php failed (timeout)
  ended by that limit
accept queue full
connect timeout: TransportException: POST http://HOST/get_status3.php failed (timeout)
  ended by that limit
connect timeout, payment: TransportException: POST http://HOST/init_payment.php failed (timeout)
  ended by that limit
default CA store: FreedomPay\TransportException (POST ... failed)
default CA store, payment: FreedomPay\TransportException (POST ... failed)
ca_info = the certificate: FreedomPay\ApiException: Reached over TLS
wrong host name: FreedomPay\TransportException (POST ... failed)
