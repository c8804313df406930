--TEST--
Client: proxy environment variables are never used; the explicit proxy option is
--EXTENSIONS--
freedompay
--FILE--
<?php
/*
 * Regression: http_proxy, ALL_PROXY and all_proxy sent a plain-http
 * loopback call, signed body and all, through the proxy they named.
 */
require dirname(__DIR__) . '/inc/sandbox.inc';
$sandbox = new SandboxServer();
$log = tempnam(sys_get_temp_dir(), 'fp-proxy-');
$proxy = proc_open([PHP_BINARY, '-n', dirname(__DIR__) . '/inc/proxy_server.php', $log], [1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
$proxyUrl = 'http://127.0.0.1:' . (int) fgets($pipes[1]);
$seen = fn() => count(array_filter(explode("\n", (string) file_get_contents($log))));

foreach (['http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY', 'ALL_PROXY', 'all_proxy'] as $var) {
    putenv("$var=$proxyUrl");
}
putenv('NO_PROXY=');
putenv('no_proxy=');
$client = $sandbox->client(['retries' => 0]);
$id = $client->initPayment(['pg_order_id' => 'px-1', 'pg_amount' => '3', 'pg_description' => 'env'])['pg_payment_id'];
echo "with every proxy variable set: ", $client->status(['pg_payment_id' => $id])['pg_payment_status'], ", proxy saw ", $seen(), " requests\n";

$via = $sandbox->client(['retries' => 0, 'proxy' => $proxyUrl]);
echo "with the proxy option: ", $via->status(['pg_payment_id' => $id])['pg_payment_status'], ", proxy saw ", $seen(), " request: ",
    preg_replace('~:\d+/~', ':PORT/', trim(file_get_contents($log))), "\n";

// no_proxy from the environment does not switch an explicit proxy off either.
putenv('no_proxy=*');
putenv('NO_PROXY=*');
$via->status(['pg_payment_id' => $id]);
echo "with no_proxy=*: proxy saw ", $seen(), " requests\n";

// Credentials in RFC 3986 form (an escaped @ too) reach the proxy; malformed ones are refused up front,
// never quoted (a %00 would otherwise end the password, or drop the proxy altogether).
$creds = $sandbox->client(['retries' => 0, 'proxy' => str_replace('http://', 'http://shop:p%40ss;w0rd@', $proxyUrl)]);
$creds->status(['pg_payment_id' => $id]);
echo "with credentials: proxy saw ", $seen(), " requests\n";
foreach (['SECRET%00PW', 'SECRET%zzPW', 'SECRET#PW', 'SECRET?PW', 'SE[CRET', 'SECRET@PW', "SE\x80CRET"] as $password) {
    try {
        $sandbox->client(['proxy' => str_replace('http://', "http://shop:$password@", $proxyUrl)]);
        echo "$password: accepted\n";
    } catch (FreedomPay\InvalidArgumentException $e) {
        echo bin2hex($password) === bin2hex('') || str_contains($e->getMessage(), 'SECRET') || str_contains($e->getMessage(), 'CRET')
            ? "password shown: {$e->getMessage()}\n" : "refused\n";
    }
}

// A proxy that is down fails the call; it never falls back to a direct connection.
$down = $sandbox->client(['retries' => 0, 'proxy' => 'http://127.0.0.1:1']);
echo "proxy down: ";
try {
    $down->status(['pg_payment_id' => $id]);
    echo "no exception\n";
} catch (FreedomPay\TransportException $e) {
    echo get_class($e), "\n";
}
proc_terminate($proxy);
proc_close($proxy);
unlink($log);
?>
--EXPECT--
with every proxy variable set: new, proxy saw 0 requests
with the proxy option: new, proxy saw 1 request: POST http://127.0.0.1:PORT/get_status3.php HTTP/1.1
with no_proxy=*: proxy saw 2 requests
with credentials: proxy saw 3 requests
refused
refused
refused
refused
refused
refused
refused
proxy down: FreedomPay\TransportException
