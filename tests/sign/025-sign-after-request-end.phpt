--TEST--
Signature: signing after the extension's request shutdown (a session save handler runs in session's) leaves nothing behind for the next request; a server process signs request after request correctly
--EXTENSIONS--
freedompay
session
--FILE--
<?php
/*
 * Regression: the remembered request shape was filled again by a session
 * save handler that signs during session's shutdown, after ours had
 * emptied it: the next request in the same process read key strings the
 * first request had freed (caught by ASan in a server process). The
 * server's stderr is part of the verdict: an ASan or valgrind report there
 * fails the test (the server runs under ASan in the ASan pass; valgrind
 * leaves it alone, as it does everything in tests/inc).
 */
require dirname(__DIR__) . '/inc/sign_reference.inc';
require dirname(__DIR__) . '/inc/webstack.inc';

$dir = sys_get_temp_dir() . '/fp-session-' . bin2hex(random_bytes(6));
mkdir($dir, 0700);

$sock = stream_socket_server('tcp://127.0.0.1:0');
$port = (int) substr(strrchr(stream_socket_get_name($sock, false), ':'), 1);
fclose($sock);
$ext = WebStack::extensionPath('freedompay');
// session is built in on Debian 12's PHP, a shared extension on Debian 13's.
$session = shell_exec(escapeshellarg(PHP_BINARY) . ' -n -r "echo extension_loaded(\'session\') ? 1 : 0;"') === '1' ? [] : ['-d', 'extension=session'];
$proc = proc_open([PHP_BINARY, '-n', ...$session, '-d', "extension=$ext", '-S', "127.0.0.1:$port", dirname(__DIR__) . '/inc/session_router.php'],
    [1 => ['file', '/dev/null', 'w'], 2 => ['file', "$dir/stderr", 'w']], $pipes);
for ($i = 0; $i < 100 && !@fsockopen('127.0.0.1', $port); $i++) {
    usleep(50000);
}
$wrong = 0;
for ($n = 1; $n <= 8; $n++) {
    $expected = [];
    foreach (['amount', 'merchant_id', 'order_id', 'salt'] as $i => $name) {
        $expected['pg_' . $name] = "$n-$i";
    }
    $got = @file_get_contents("http://127.0.0.1:$port/?n=$n");
    $wrong += $got !== ref_sign('init_payment.php', $expected, 'k');
}
proc_terminate($proc);
proc_close($proc);
$stderr = (string) file_get_contents("$dir/stderr");
echo "8 requests in one server process, wrong signatures: $wrong\n";
echo "server errors: ", preg_match('/AddressSanitizer|Invalid read|Segmentation|Fatal|Warning/i', $stderr) ? "\n$stderr" : "none", "\n";
array_map('unlink', glob("$dir/*"));
rmdir($dir);
?>
--EXPECT--
8 requests in one server process, wrong signatures: 0
server errors: none
