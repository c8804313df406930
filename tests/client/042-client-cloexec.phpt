--TEST--
Client: programs a script starts (proc_open, shell_exec, exec) inherit none of the extension's descriptors
--EXTENSIONS--
freedompay
--SKIPIF--
<?php if (!is_dir('/proc/self/fd')) die('skip needs /proc'); ?>
--FILE--
<?php
/*
 * Regression: the kept-alive gateway connection and libcurl's multi
 * wake-up socket pair stayed open in every process the script started.
 */
require dirname(__DIR__) . '/inc/sandbox.inc';
// The children list their own descriptors; only sockets could be ours. The
// count before any client exists is the baseline (run-tests -j, for one,
// hands its workers a socket that their children inherit).
$list = 'for f in /proc/self/fd/*; do readlink "$f"; done';
$baseline = substr_count((string) shell_exec($list), 'socket:');
$sandbox = new SandboxServer();
$client = $sandbox->client(['retries' => 0]);
$id = $client->initPayment(['pg_order_id' => 'cx-1', 'pg_amount' => '3', 'pg_description' => 'fds'])['pg_payment_id'];
$client->status(['pg_payment_id' => $id]); // a connection is now kept alive
$mine = count(array_filter(scandir('/proc/self/fd'), fn($fd) => str_starts_with((string) @readlink("/proc/self/fd/$fd"), 'socket:')));
echo "sockets open in this process: ", $mine >= 2 ? 'the kept-alive connection and the wake-up pair' : $mine, "\n";

echo "shell_exec: ", substr_count((string) shell_exec($list), 'socket:') - $baseline, " sockets inherited\n";
exec($list, $lines);
echo "exec: ", substr_count(implode("\n", $lines), 'socket:') - $baseline, " sockets inherited\n";
$p = proc_open(['sh', '-c', $list], [1 => ['pipe', 'w']], $pipes);
echo "proc_open: ", substr_count(stream_get_contents($pipes[1]), 'socket:') - $baseline, " sockets inherited\n";
proc_close($p);
?>
--EXPECT--
sockets open in this process: the kept-alive connection and the wake-up pair
shell_exec: 0 sockets inherited
exec: 0 sockets inherited
proc_open: 0 sockets inherited
