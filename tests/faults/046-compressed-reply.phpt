--TEST--
Client: a reply compressed though the client never asked (a signed one, or a gzip bomb) is refused as not XML, with memory bounded
--EXTENSIONS--
freedompay
zlib
--FILE--
<?php
require dirname(__DIR__) . '/inc/sandbox.inc';
require dirname(__DIR__, 2) . '/sandbox/src/autoload.php';

$dir = tempnam(sys_get_temp_dir(), 'fp-gzip-');
unlink($dir);
mkdir($dir);
$port = (function () { $s = stream_socket_server('tcp://127.0.0.1:0'); $p = (int) substr(strrchr(stream_socket_get_name($s, false), ':'), 1); fclose($s); return $p; })();
$server = proc_open(['setsid', PHP_BINARY, '-n', '-S', "127.0.0.1:$port", dirname(__DIR__) . '/inc/fixture_router.php'],
    [1 => ['file', '/dev/null', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes, null, ['FIXTURE_DIR' => $dir]);
for ($i = 0; $i < 200 && !@fsockopen('127.0.0.1', $port); $i++) { usleep(20000); }

$secret = 'gzip-test-secret';
$reply = (new FreedomPaySandbox\Reply([
    'pg_status' => 'ok', 'pg_payment_id' => '7301', 'pg_order_id' => 'gz-1',
    'pg_payment_status' => 'success', 'pg_amount' => '15.00', 'pg_currency' => 'KZT',
]))->render('get_status3.php', $secret);
$init = (new FreedomPaySandbox\Reply([
    'pg_status' => 'ok', 'pg_payment_id' => '7302', 'pg_redirect_url' => 'https://pay.example/7302',
]))->render('init_payment.php', $secret);
file_put_contents("$dir/plain.xml", $reply);
file_put_contents("$dir/signed.xml.gz", gzencode($reply));
file_put_contents("$dir/init.xml.gz", gzencode($init));
// 64 MB of zeros, compressed a chunk at a time: about 64 kB on the wire.
$z = deflate_init(ZLIB_ENCODING_GZIP);
$bomb = '';
$chunk = str_repeat("\0", 1 << 20);
for ($i = 0; $i < 64; $i++) {
    $bomb .= deflate_add($z, $chunk, ZLIB_NO_FLUSH);
}
$bomb .= deflate_add($z, '', ZLIB_FINISH);
file_put_contents("$dir/bomb.xml.gz", $bomb);
printf("bomb: %s on the wire\n", strlen($bomb) < 1 << 20 ? 'under 1 MB' : strlen($bomb) . ' bytes');
unset($chunk, $z);

function at(string $name, int $port, string $secret): FreedomPay\Client
{
    return new FreedomPay\Client(500001, $secret, ['base_url' => "http://127.0.0.1:$port/$name", 'retries' => 0]);
}

// The control: the same signed reply, not compressed, is accepted.
$r = at('plain', $port, $secret)->status(['pg_payment_id' => 7301]);
echo "plain: {$r['pg_payment_status']} {$r['pg_amount']}\n";

$rss = getrusage()['ru_maxrss'];
foreach (['signed', 'bomb'] as $name) {
    try {
        at($name, $port, $secret)->status(['pg_payment_id' => 7301]);
        echo "$name: accepted\n";
    } catch (FreedomPay\Exception $e) {
        echo "$name: ", outcome($e), "\n";
    }
}
$grew = (getrusage()['ru_maxrss'] - $rss) / 1024;
echo $grew < 32 ? "peak memory grew by less than 32 MB\n" : "peak memory grew by $grew MB\n";

// A payment whose reply cannot be read: its outcome is unknown, never success.
try {
    at('init', $port, $secret)->initPayment(['pg_order_id' => 'gz-2', 'pg_amount' => '15', 'pg_description' => 'gzip']);
    echo "init: accepted\n";
} catch (FreedomPay\Exception $e) {
    echo "init: ", outcome($e), "\n";
}

proc_close(proc_open(['kill', '-TERM', '--', '-' . proc_get_status($server)['pid']], [], $p));
proc_close($server);
array_map('unlink', glob("$dir/*"));
rmdir($dir);
?>
--EXPECT--
bomb: under 1 MB on the wire
plain: success 15.00
signed: TransportException: The reply from http://HOST/signed/get_status3.php is not a gateway reply: not well-formed XML (...)
bomb: TransportException: The reply from http://HOST/bomb/get_status3.php is not a gateway reply: not well-formed XML (...)
peak memory grew by less than 32 MB
init: OutcomeUnknownException: order gz-2: The reply from http://HOST/init/init_payment.php is not a gateway reply: not well-formed XML (...)
