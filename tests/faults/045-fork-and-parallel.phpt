--TEST--
Client: a forked child never talks on its parent's connections; statusMany keeps as many connections as it runs at once; a retry waiting for a free slot does not spin the CPU
--EXTENSIONS--
freedompay
pcntl
--FILE--
<?php
$proc = proc_open([PHP_BINARY, '-n', dirname(__DIR__) . '/inc/peer_server.php'], [1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
$port = (int) fgets($pipes[1]);
$base = "http://127.0.0.1:$port";

// The client port of the connection that carried a status() call.
function peer(FreedomPay\Client $client, string $order): int
{
    try {
        $client->status(['pg_order_id' => $order]);
    } catch (FreedomPay\ApiException $e) {
        return (int) substr($e->getResponse()['pg_error_description'] ?? '', strlen('peer='));
    }
    return -1;
}

// fork(): the child gets a connection of its own; the parent keeps its own.
$client = new FreedomPay\Client(500001, 'k', ['base_url' => $base, 'retries' => 0]);
$before = peer($client, 'parent-before');
$channel = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$pid = pcntl_fork();
if ($pid === 0) {
    fwrite($channel[1], peer($client, 'child-1') . ' ' . peer($client, 'child-2'));
    exit(0);
}
fclose($channel[1]);
[$child1, $child2] = explode(' ', stream_get_contents($channel[0]));
pcntl_waitpid($pid, $status);
$after = peer($client, 'parent-after');
echo "parent's connection before and after the fork: ", $before > 0 && $before === $after ? 'the same' : "$before, $after", "\n";
echo "the child's: ", $child1 > 0 && $child1 !== (string) $before ? 'its own' : "$child1 (parent's $before)", ', ',
    $child2 === $child1 ? 'kept' : 'not kept', "\n";
echo "child exited cleanly: ", pcntl_wifexited($status) && pcntl_wexitstatus($status) === 0 ? 'yes' : 'no', "\n";

// 32 at once, twice: the second pass finds all 32 connections kept.
$count = fn() => (int) file_get_contents("$base/connections") - 1; // that query is one too
$queries = [];
for ($i = 0; $i < 32; $i++) {
    $queries[] = ['pg_order_id' => 'slow-2'];
}
$opened = $count();
$client->statusMany($queries, 32);
$first = $count() - $opened;
$client->statusMany($queries, 32);
$second = $count() - $opened - $first - 1;
echo "statusMany(32 at once): first pass opened ", $first >= 32 ? '32 or more' : $first, ", the second pass $second new\n";

// One slot: a failed query waits for its retry while slow ones hold the slot; waiting, not spinning.
$client = new FreedomPay\Client(500001, 'k', ['base_url' => $base, 'retries' => 2, 'timeout' => 10]);
$cpu = fn() => array_sum(array_map(fn($k) => getrusage()["ru_$k.tv_sec"] + getrusage()["ru_$k.tv_usec"] / 1e6, ['utime', 'stime']));
$start = $cpu();
$wall = microtime(true);
$out = $client->statusMany([['pg_order_id' => 'fail'], ['pg_order_id' => 'slow-15'], ['pg_order_id' => 'slow-15']], 1);
$used = $cpu() - $start;
printf("a failing and 2 slow queries through 1 slot: %s, %s wall, CPU %s\n",
    implode(' ', array_map(fn($r) => (new ReflectionClass($r))->getShortName(), $out)),
    microtime(true) - $wall >= 2.9 ? 'at least 3 s' : 'too short', $used < 1.0 ? 'well under 1 s' : sprintf('%.2f s', $used));
proc_terminate($proc);
proc_close($proc);
?>
--EXPECT--
parent's connection before and after the fork: the same
the child's: its own, kept
child exited cleanly: yes
statusMany(32 at once): first pass opened 32 or more, the second pass 0 new
a failing and 2 slow queries through 1 slot: TransportException ApiException ApiException, at least 3 s wall, CPU well under 1 s
