--TEST--
Web stack: a php-fpm worker keeps its gateway connection from one PHP request to the next (100 requests, 1 connection); persistent_connections => false opts out
--DESCRIPTION--
Runs in the plain pass only: nginx and php-fpm are driven for real.
--EXTENSIONS--
freedompay
--SKIPIF--
<?php
require dirname(__DIR__) . '/inc/webstack.inc';
if ($why = WebStack::unavailable()) die("skip $why");
?>
--FILE--
<?php
require dirname(__DIR__) . '/inc/webstack.inc';

// A gateway stand-in that keeps connections open and counts them.
function keepalive_server(): array
{
    $proc = proc_open([PHP_BINARY, '-n', dirname(__DIR__) . '/inc/keepalive_server.php'], [1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
    return [$proc, (int) fgets($pipes[1])];
}

$page = <<<'PHP'
<?php
$client = new FreedomPay\Client(500001, 'k', ['base_url' => getenv('GATEWAY'), 'retries' => 0,
    'persistent_connections' => ($_GET['persistent'] ?? '1') === '1']);
try {
    $client->status(['pg_payment_id' => 1]);
} catch (FreedomPay\ApiException $e) {
    echo getmypid(), ' ', $e->getMessage();
}
PHP;

foreach (['1' => 'kept', '0' => 'not kept'] as $persistent => $label) {
    [$server, $port] = keepalive_server();
    $stack = new WebStack(['status.php' => $page], ['workers' => 1, 'env' => ['GATEWAY' => "http://127.0.0.1:$port"]]);
    $workers = $answers = [];
    for ($i = 0; $i < 100; $i++) {
        [$pid, $answer] = explode(' ', $stack->get("/status.php?persistent=$persistent"), 2);
        $workers[$pid] = true;
        $answers[$answer] = true;
    }
    $stack->stop();
    $connections = (int) file_get_contents("http://127.0.0.1:$port/connections") - 1; // this query is one too
    printf("connections %s: 100 requests by %d worker, answers %s, %d TCP connection%s to the gateway\n", $label, count($workers),
        implode(',', array_keys($answers)), $connections, $connections === 1 ? '' : 's');
    proc_terminate($server);
    proc_close($server);
}
?>
--EXPECT--
connections kept: 100 requests by 1 worker, answers kept alive, 1 TCP connection to the gateway
connections not kept: 100 requests by 1 worker, answers kept alive, 100 TCP connections to the gateway
