--TEST--
Sandbox callbacks: the delivery worker runs next to php -S and stops with it (also when the process that started them is killed), leaving no files; without it, the deliver control sends what is due; Notifications::enqueue, the API for post_link, by POST and XML
--FILE--
<?php
require __DIR__ . '/shop.inc';
use FreedomPaySandbox\{Notifications, Server, Store};

/** PIDs of processes whose environment has SANDBOX_DB=$db (the server, its workers, the delivery worker). */
function sandbox_pids(string $db): array
{
    $pids = [];
    foreach (glob('/proc/[0-9]*') as $dir) {
        $env = @file_get_contents("$dir/environ");
        if ($env !== false && in_array("SANDBOX_DB=$db", explode("\0", $env), true)) {
            $cmd = str_replace("\0", ' ', (string) @file_get_contents("$dir/cmdline"));
            $pids[basename($dir)] = str_contains($cmd, 'worker.php') ? 'worker' : (str_contains($cmd, ' -S ') ? 'server' : 'other');
        }
    }
    ksort($pids);
    return $pids;
}

/** sandbox_pids() once it shows $want processes (a process just started may not have exec'd yet). */
function settled_pids(string $db, array $want): array
{
    $deadline = microtime(true) + 30;
    do {
        $counts = array_count_values(sandbox_pids($db));
        ksort($counts);
        if ($counts === $want) {
            break;
        }
        usleep(50000);
    } while (microtime(true) < $deadline);
    return $counts;
}

function files_of(string $db): array
{
    $base = substr($db, 0, -strlen('.sqlite'));
    return array_values(array_filter([$db, "$db-wal", "$db-shm", "$base.log"], 'file_exists'));
}

$dbOf = fn(Server $s) => (new ReflectionProperty(Server::class, 'db'))->getValue($s);

// Started and stopped together.
$s = new Server();
$db = $dbOf($s);
echo 'running: ', json_encode(settled_pids($db, ['server' => 1, 'worker' => 1])), "\n";
$s->stop();
echo 'after stop(): ', count(sandbox_pids($db)), ' processes, ', count(files_of($db)), " files\n";
$s = new Server(3);
$db = $dbOf($s);
echo 'three php -S workers: ', json_encode(settled_pids($db, ['server' => 4, 'worker' => 1])), "\n";
unset($s);
echo 'after unset: ', count(sandbox_pids($db)), ' processes, ', count(files_of($db)), " files\n";

// The process that started them is killed: they go too.
$code = 'require ' . var_export(dirname(__DIR__, 2) . '/sandbox/src/autoload.php', true) . ';'
    . '$s = new FreedomPaySandbox\Server(); echo (new ReflectionProperty(FreedomPaySandbox\Server::class, "db"))->getValue($s), "\n";'
    . 'sleep(60);';
$env = getenv();
unset($env['USE_ZEND_ALLOC'], $env['ZEND_DONT_UNLOAD_MODULES'], $env['LD_PRELOAD'], $env['ASAN_OPTIONS'], $env['TEST_PHP_EXECUTABLE']);
$child = proc_open([PHP_BINARY, '-r', $code], [1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes, null, $env);
$childDb = trim((string) fgets($pipes[1]));
echo 'child started: ', json_encode(settled_pids($childDb, ['server' => 1, 'worker' => 1])), "\n";
proc_terminate($child, 9);
proc_close($child);
$deadline = microtime(true) + 30;
while (sandbox_pids($childDb) !== [] && microtime(true) < $deadline) {
    usleep(50000);
}
echo 'child killed: ', count(sandbox_pids($childDb)), " processes left\n";
foreach (files_of($childDb) as $f) {   // stop() never ran: its files are ours to remove
    unlink($f);
}

// Without the worker nothing is sent until the deliver control is called.
$shop = new TestShop();
$s = new Server(1, null, ['SANDBOX_WORKER' => '0']);
echo 'no worker: ', json_encode(settled_pids($dbOf($s), ['server' => 1])), "\n";
$id = sb_pay_card($s, '4716047261941981', ['pg_result_url' => "$shop->url/result"])['pg_payment_id'];
usleep(500000);
echo '  queued: ', sb_show($s->notifications($id)[0], 'status', 'attempts'), "\n";
echo '  deliver(): ', $s->deliver(), ' sent, ', sb_show($s->notifications($id)[0], 'status', 'outcome', 'attempts'), "\n";
echo '  again: ', $s->deliver(), " sent\n";
echo '  GET is refused: ', json_encode(json_decode($s->get('/_sandbox/notifications/deliver')[1], true)), "\n";

// The generic API: any kind of notification, signed with either key, by POST or XML.
$store = new Store($dbOf($s));
$shop->plan('/payouts/post', ['bare-ok'], 'sandbox-payout-secret');
$n = $store->transaction(fn(Store $st) => Notifications::enqueue($st, '500001', 'post_link', "$shop->url/payouts/post",
    ['pg_payment_id' => '77', 'pg_status' => 'ok', 'note' => 'x'], 'XML', 'payout', 'payout', 77));
echo 'enqueued: ', sb_show($n, 'kind', 'subject', 'method', 'key_name', 'status', 'attempts'), "\n";
$s->deliver();
$n = $s->notifications(77, 'post_link', 'payout')[0];
$got = $shop->received('/payouts/post')[0];
echo '  sent: ', sb_show($n, 'status', 'outcome'), ' ', $n['history'][0]['detail'], '; the shop got ', $got['xml'] !== null ? 'pg_xml' : 'a form',
    ' ', json_encode(array_keys($got['fields'])), ', payout key: ', $got['sig_ok'] ? 'valid' : 'INVALID', "\n";
$shop->plan('/post2', ['notxml']);
$store->transaction(fn(Store $st) => Notifications::enqueue($st, '500001', 'post_link', "$shop->url/post2", ['pg_payment_id' => '78'],
    subject: 'payout', paymentId: 78));
$s->deliver();
echo '  a post_link answered 200 with any text: ', $s->notifications(78)[0]['outcome'], "\n";
$shop->plan('/post3', ['error:busy', 'badsig']);
$store->transaction(fn(Store $st) => Notifications::enqueue($st, '500001', 'post_link', "$shop->url/post3", ['pg_payment_id' => '79'],
    subject: 'payout', paymentId: 79));
$s->settings(['retry_window' => 0], 'notifications');
$s->deliver();
echo '  but not one saying error: ', $s->notifications(79)[0]['outcome'], "\n";
// A post_link is retried on the same schedule: not yet due at once, due a retry_interval after the first attempt.
$s->settings(['retry_interval' => 2, 'retry_window' => 6], 'notifications');
$shop->plan('/post4', ['http500', 'bare-ok']);
$store->transaction(fn(Store $st) => Notifications::enqueue($st, '500001', 'post_link', "$shop->url/post4", ['pg_payment_id' => '80'],
    subject: 'payout', paymentId: 80));
echo '  retried: ', $s->deliver(), ' sent (', $s->notifications(80)[0]['outcome'], '), at once ', $s->deliver(), ' sent';
usleep(2200000);
echo ', two seconds later ', $s->deliver(), ' sent: ', sb_show($s->notifications(80)[0], 'status', 'outcome', 'attempts'), "\n";
try {
    $store->transaction(fn(Store $st) => Notifications::enqueue($st, '500001', 'push', "$shop->url/x", []));
} catch (LogicException $e) {
    echo 'unknown kind: ', $e->getMessage(), "\n";
}
unset($store);
?>
--EXPECT--
running: {"server":1,"worker":1}
after stop(): 0 processes, 0 files
three php -S workers: {"server":4,"worker":1}
after unset: 0 processes, 0 files
child started: {"server":1,"worker":1}
child killed: 0 processes left
no worker: {"server":1}
  queued: status=pending attempts=0
  deliver(): 1 sent, status=delivered outcome=ok attempts=1
  again: 0 sent
  GET is refused: {"error":"POST to deliver what is due"}
enqueued: kind=post_link subject=payout method=XML key_name=payout status=pending attempts=0
  sent: status=delivered outcome=ok HTTP 200, pg_status=ok; the shop got pg_xml ["pg_payment_id","pg_status","note","pg_salt","pg_sig"], payout key: valid
  a post_link answered 200 with any text: ok
  but not one saying error: error
  retried: 1 sent (http_status), at once 0 sent, two seconds later 1 sent: status=delivered outcome=ok attempts=2
unknown kind: unknown notification kind push
