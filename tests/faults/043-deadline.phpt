--TEST--
Client: timeout is the deadline of the whole call, retries and pauses included
--EXTENSIONS--
freedompay
--FILE--
<?php
/*
 * Regression: the timeout applied per attempt, so status() against a silent
 * server took 60 s with the defaults, and 38 s with timeout 2 and retries 10.
 * Bounds are loose (a busy machine, valgrind) but far below any per-attempt
 * sum: 10 retries of 1.5 s would take over 16 s.
 */
require dirname(__DIR__) . '/inc/sandbox.inc';

function timed(string $label, callable $fn, float $limit): void
{
    $t = microtime(true);
    try {
        $fn();
        echo "$label: no exception";
    } catch (FreedomPay\Exception $e) {
        echo "$label: ", outcome($e);
    }
    $elapsed = microtime(true) - $t;
    echo $elapsed < $limit + 5 ? "; within the deadline\n" : "; took $elapsed s\n";
}

$silent = stream_socket_server('tcp://127.0.0.1:0');
$port = (int) substr(strrchr(stream_socket_get_name($silent, false), ':'), 1);
$client = new FreedomPay\Client(500001, 'k', ['base_url' => "http://127.0.0.1:$port", 'timeout' => 1.5, 'retries' => 10]);
timed('silent server, 10 retries', fn() => $client->status(['pg_payment_id' => 1]), 1.5);

// Retries of a failing read stop when the next pause would pass the deadline.
$sandbox = new SandboxServer(2);
$client = $sandbox->client(['timeout' => 1.2, 'retries' => 10]);
$id = $client->initPayment(['pg_order_id' => 'd-1', 'pg_amount' => '1', 'pg_description' => 'deadline'])['pg_payment_id'];
timed('HTTP 502 each time, 10 retries', fn() => $client->status(['pg_payment_id' => $id, 'sandbox_fault' => 'http502']), 1.2);
$attempts = count(array_filter($sandbox->requests(50), fn($r) => ($r['fields']['sandbox_fault'] ?? '') === 'http502'));
echo "attempts: ", $attempts >= 2 && $attempts <= 4 ? 'as many as fit in 1.2 s' : $attempts, "\n";

// A slow reply: one attempt, cut at the deadline, no retry after it.
timed('a 5 s reply, 3 retries', fn() => $client->status(['pg_payment_id' => $id, 'sandbox_fault' => 'delay:5']), 1.2);
$attempts = count(array_filter($sandbox->requests(50), fn($r) => ($r['fields']['sandbox_fault'] ?? '') === 'delay:5'));
echo "attempts: $attempts\n";
?>
--EXPECT--
silent server, 10 retries: TransportException: POST http://HOST/get_status3.php failed (timeout); within the deadline
HTTP 502 each time, 10 retries: TransportException: POST http://HOST/get_status3.php answered HTTP 502 (text/html; charset=utf-8); within the deadline
attempts: as many as fit in 1.2 s
a 5 s reply, 3 retries: TransportException: POST http://HOST/get_status3.php failed (timeout); within the deadline
attempts: 1
