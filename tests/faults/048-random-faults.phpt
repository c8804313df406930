--TEST--
Client: 10,000 calls (400 under valgrind and ASan) to a gateway that misbehaves at random (cut, dripped, flipped, resigned, compressed, redirected, dropped, stalled, oversized replies) and none is a false success: a call returns only a genuine signed reply about its own payment, anything else is a FreedomPay exception, and no payment request is sent twice
--EXTENSIONS--
freedompay
--INI--
freedompay.max_response_size=64K
--FILE--
<?php
/*
 * Reliability goal 1 (NET-2 b): a call ends in a verified reply or in one
 * typed exception, never a false success. Half the calls are status()
 * (a read the client may retry), half initPayment() (creates a payment: never
 * sent twice, never over a kept-alive connection). Each request carries a
 * seed; tests/inc/fault_plan.inc turns it into the server's behaviour, so this
 * side knows which replies were genuine.
 */
require dirname(__DIR__) . '/inc/fault_plan.inc';

$checker = getenv('USE_ZEND_ALLOC') === '0'; // valgrind or ASan: slow, fewer calls
$calls = $checker ? 400 : 10000;
$timeout = $checker ? 4.0 : 1.0;
$log = tempnam(sys_get_temp_dir(), 'fp-faults-');
// The server signs with the sandbox's PHP (SimpleXML): the system's PHP and
// ini, as the sandbox runs, never this extension, valgrind or ASan.
$env = getenv();
unset($env['USE_ZEND_ALLOC'], $env['ZEND_DONT_UNLOAD_MODULES'], $env['LD_PRELOAD'], $env['ASAN_OPTIONS'],
    $env['UBSAN_OPTIONS'], $env['TEST_PHP_EXECUTABLE']);
$php = getenv('SANDBOX_PHP') ?: PHP_BINARY;
$server = proc_open([$php, dirname(__DIR__) . '/inc/fault_server.php', 'fault-secret', $log, (string) ($timeout + 0.3)],
    [1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes, null, $env);
$port = (int) fgets($pipes[1]);
$options = ['base_url' => "http://127.0.0.1:$port", 'timeout' => $timeout, 'connect_timeout' => $timeout];
// One status call in 50 may be retried (the default): a retry pauses, and the
// retry itself is tested in 033. The rest are not.
$retrying = new FreedomPay\Client(500001, 'fault-secret', $options + ['retries' => 1]);
$client = new FreedomPay\Client(500001, 'fault-secret', $options + ['retries' => 0]);

$false = $genuine = $genuineReturned = 0;
$outcomes = [];
$strays = [];
for ($seed = 1; $seed <= $calls; $seed++) {
    $plan = fault_plan($seed);
    $create = $seed % 2 === 0;
    try {
        $reply = $create
            ? $client->initPayment(['pg_order_id' => "order-$seed", 'pg_amount' => '10', 'pg_description' => 'faults', 'fp_seed' => $seed])
            : ($seed % 50 === 1 ? $retrying : $client)->status(['pg_payment_id' => (string) (700000000 + $seed), 'fp_seed' => $seed]);
        $ok = fault_is_genuine($plan) && ($create
            ? $reply['pg_payment_id'] === "9$seed"
            : $reply['pg_payment_id'] === (string) (700000000 + $seed) && $reply['pg_payment_status'] === 'success');
        if (!$ok) {
            $false++;
            if ($false <= 3) {
                echo "FALSE SUCCESS, seed $seed ({$plan['kind']}): ", json_encode($reply), "\n";
            }
        }
        $outcome = 'returned';
    } catch (FreedomPay\Exception $e) {
        $outcome = substr(strrchr('\\' . get_class($e), '\\'), 1);
    } catch (Throwable $e) {
        $strays[] = "seed $seed ({$plan['kind']}): " . get_class($e) . ': ' . $e->getMessage();
        $outcome = 'stray';
    }
    if (fault_is_genuine($plan)) {
        $genuine++;
        $genuineReturned += $outcome === 'returned';
    }
    $outcomes[$plan['kind']][$outcome] = ($outcomes[$plan['kind']][$outcome] ?? 0) + 1;
}
proc_terminate($server);
proc_close($server);

// How often the server saw each payment request: once, or not at all (a
// connection that failed before sending), never twice.
$sent = [];
foreach (file($log, FILE_IGNORE_NEW_LINES) as $line) {
    [$script, $seed] = explode(' ', $line);
    if ($script === 'init_payment.php') {
        $sent[$seed] = ($sent[$seed] ?? 0) + 1;
    }
}
unlink($log);
$twice = array_filter($sent, fn($n) => $n > 1);

echo "$calls calls, $false false successes\n";
echo "other than FreedomPay exceptions: ", $strays ? implode('; ', array_slice($strays, 0, 3)) : 'none', "\n";
echo "payment requests sent twice: ", $twice ? implode(', ', array_keys($twice)) : 'none', "\n";
// Every genuine reply should get through; a busy machine may time a few out.
echo "genuine replies returned: ", $genuineReturned >= 0.9 * $genuine ? 'at least 90%' : "only $genuineReturned of $genuine", "\n";
ksort($outcomes);
foreach ($outcomes as $kind => $by) {
    if (!fault_is_genuine(['kind' => $kind]) && isset($by['returned'])) {
        echo "$kind: returned {$by['returned']} times\n";
    }
}
echo count($outcomes) >= ($checker ? 10 : 18) ? "every kind of fault was served\n" : "only " . count($outcomes) . " kinds served\n";
?>
--EXPECTF--
%d calls, 0 false successes
other than FreedomPay exceptions: none
payment requests sent twice: none
genuine replies returned: at least 90%
every kind of fault was served
