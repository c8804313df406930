--TEST--
WebStack: Debian nginx + php-fpm on loopback serve pages using the extension; one worker serves all; fatals and a killed worker do not break it; nothing is left behind
--DESCRIPTION--
The smoke test of tests/inc/webstack.inc. It starts real nginx and php-fpm
processes, so it runs only in the plain pass of CI, not under valgrind or
with the ASan build.
--EXTENSIONS--
freedompay
--SKIPIF--
<?php
require __DIR__ . '/../inc/webstack.inc';
if ($why = WebStack::unavailable()) {
    die("skip $why");
}
?>
--FILE--
<?php
require __DIR__ . '/../inc/webstack.inc';

$stack = new WebStack([
    'sign.php' => '<?php
        $so = "";
        foreach (file("/proc/self/maps") as $l) {
            if (preg_match("~\s(/\S+/freedompay\.so)$~", rtrim($l), $m)) { $so = $m[1]; break; }
        }
        echo json_encode(["sapi" => PHP_SAPI, "so" => $so, "env" => getenv("WEBSTACK_TEST"),
            "sig" => FreedomPay\Signature::sign("x", ["a" => "1"], "k")]);',
    'pid.php' => '<?php echo getmypid();',
    'fatal.php' => '<?php undefined_function_in_a_page();',
    'index.php' => '<?php echo "front controller: ", $_SERVER["REQUEST_URI"], " ", $_GET["q"] ?? "-";',
    'sub/path.php' => '<?php echo $_SERVER["SCRIPT_NAME"], " ", $_SERVER["PATH_INFO"] ?? "-";',
], ['workers' => 1, 'env' => ['WEBSTACK_TEST' => 'env ok'], 'ini' => ['memory_limit' => '64M']]);

echo "url: ", preg_match('~^http://127\.0\.0\.1:\d+$~', $stack->url) ? 'loopback' : $stack->url, "\n";
echo "private dir: ", is_dir($stack->dir) && str_starts_with($stack->dir, rtrim(sys_get_temp_dir(), '/') . '/') ? 'yes' : $stack->dir, "\n";

// 1. the extension in php-fpm answers exactly as in this CLI process
$page = json_decode($stack->get('/sign.php'), true) ?? die("bad page\n" . $stack->logs());
echo "sapi: ", $page['sapi'], "\n";
echo "same .so as this process: ", $page['so'] === WebStack::extensionPath() ? 'yes' : "no: {$page['so']}", "\n";
echo "worker env: ", $page['env'], "\n";
echo "sign() in php-fpm === sign() in the CLI: ",
    var_export($page['sig'] === FreedomPay\Signature::sign('x', ['a' => '1'], 'k'), true), "\n";

// 2. pm = static with one worker: every request is served by that worker
$pids = [];
for ($i = 0; $i < 20; $i++) {
    $pids[] = (int) $stack->get('/pid.php');
}
$workers = $stack->fpmWorkerPids();
echo "20 requests, distinct worker pids: ", count(array_unique($pids)), "\n";
echo "that pid is the fpm master's only child: ", var_export($workers === [$pids[0]], true), "\n";
$status = $stack->fpmStatus();
echo "fpm status: ", $status['process manager'], ', ', $status['total processes'], " process\n";

// 3. routing: a front controller for unknown paths, PATH_INFO, a 404 for a missing script
echo $stack->get('/some/route?q=42'), "\n";
echo $stack->get('/sub/path.php/extra/info'), "\n";
echo "missing script: HTTP ", $stack->fetch('/nope.php')['status'], "\n";

// 4. a fatal error in a page: HTTP 500, logged, and the stack goes on
$r = $stack->fetch('/fatal.php');
echo "fatal page: HTTP ", $r['status'], "\n";
echo "fpm log has the fatal: ", var_export(str_contains($stack->fpmLog(), 'Call to undefined function undefined_function_in_a_page()'), true), "\n";
echo "after the fatal: ", json_decode($stack->get('/sign.php'), true)['sig'] === $page['sig'] ? 'same signature' : 'BROKEN', "\n";

// 5. a worker killed outright is replaced by the master
ProcessKeeper::signal($pids[0], 9);
$deadline = microtime(true) + 30;
do {
    usleep(50000);
    $now = $stack->fpmWorkerPids();
} while (($now === [] || $now === [$pids[0]]) && microtime(true) < $deadline);
$new = (int) $stack->get('/pid.php');
echo "killed worker replaced: ", var_export($new !== $pids[0] && $now === [$new], true), "\n";

// 6. stop(): every process of both groups ends and the directory is removed
$dir = $stack->dir;
$groups = $stack->groups();
echo "processes while running: ", count($stack->processes()), " (2 masters, 1 fpm worker, 1 nginx worker)\n";
unset($stack);
$left = array_merge(...array_map([ProcessKeeper::class, 'groupMembers'], $groups));
echo "after unset: processes left ", count($left), ", dir ", file_exists($dir) ? 'still there' : 'removed', "\n";

// 7. a test that dies of a fatal error: the shutdown function stops the stack;
// 8. a test killed with SIGKILL (a run-tests timeout): the watchdog does
$child = function (string $end) {
    $code = 'require ' . var_export(__DIR__ . '/../inc/webstack.inc', true) . ';
        $s = new WebStack(["i.php" => "<?php echo 1;"], ["extension" => false]);
        echo json_encode(["dir" => $s->dir, "groups" => $s->groups(), "ok" => $s->get("/i.php")]), "\n";
        ' . $end;
    $proc = proc_open([PHP_BINARY, '-d', 'display_errors=stderr', '-r', $code], [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    $r = [$pipes[1]];
    $w = $e = null;
    $line = stream_select($r, $w, $e, 60) ? fgets($pipes[1]) : false;
    return [$proc, $pipes, json_decode((string) $line, true)];
};
$gone = function (array $info, float $within): bool {
    $deadline = microtime(true) + $within;
    do {
        $left = array_merge(...array_map([ProcessKeeper::class, 'groupMembers'], $info['groups']));
        if (!$left && !file_exists($info['dir']) && !ProcessKeeper::processesMentioning($info['dir'])) {
            return true;
        }
        usleep(50000);
    } while (microtime(true) < $deadline);
    return false;
};

[$proc, $pipes, $info] = $child('undefined_function_after_start();');
$err = stream_get_contents($pipes[2]);
$rc = proc_close($proc);
echo "fatal child: served ", $info['ok'] ?? '?', ", exit ", $rc, ", ",
    str_contains($err, 'undefined_function_after_start') ? 'fatal error' : "no fatal? $err", "\n";
echo "  its stack gone: ", var_export($info && $gone($info, 5), true), "\n";

[$proc, $pipes, $info] = $child('sleep(120);');
$pid = proc_get_status($proc)['pid'];
ProcessKeeper::signal($pid, 9);
proc_close($proc);
echo "SIGKILLed child: served ", $info['ok'] ?? '?', "\n";
echo "  its stack gone (watchdog): ", var_export($info && $gone($info, 30), true), "\n";
?>
--EXPECT--
url: loopback
private dir: yes
sapi: fpm-fcgi
same .so as this process: yes
worker env: env ok
sign() in php-fpm === sign() in the CLI: true
20 requests, distinct worker pids: 1
that pid is the fpm master's only child: true
fpm status: static, 1 process
front controller: /some/route?q=42 42
/sub/path.php /extra/info
missing script: HTTP 404
fatal page: HTTP 500
fpm log has the fatal: true
after the fatal: same signature
killed worker replaced: true
processes while running: 4 (2 masters, 1 fpm worker, 1 nginx worker)
after unset: processes left 0, dir removed
fatal child: served 1, exit 255, fatal error
  its stack gone: true
SIGKILLed child: served 1
  its stack gone (watchdog): true
