<?php
/*
 * Memory over 10,000 status calls in one process: the extension's Client
 * against the PHP client's code (bench/lib/phpway.php, with ext/curl), each
 * in a fresh PHP process of its own (the PHP way's without the extension),
 * against the keep-alive responder.
 *
 *   php -d extension=modules/freedompay.so bench/memory.php --ext=PATH --url=http://127.0.0.1:PORT
 *       --fixtures=DIR [--calls=N]
 *
 * Figures: resident memory (VmRSS) of the process at start (PHP with the
 * extension or ext/curl loaded, before the client exists), after the first
 * call, after call 1,000 and after the last; PHP's heap (memory_get_usage)
 * at the same points; and the growth per call between call 1,000 and the
 * last. Target: no growth between call 1,000 and 10,000, taken as PHP's
 * heap not growing at all and the resident memory by at most 64 KiB (16
 * pages; under 8 bytes a call).
 */
require __DIR__ . '/lib/common.php';

$opts = bench_options($argv);
$fixture = bench_fixture($opts);
$url = $opts['url'] ?? bench_fail('memory: --url is required');
$calls = (int) ($opts['calls'] ?? 10000);
$id = $fixture['payment_id'];

function memory_rss(): int
{
    $status = file_get_contents('/proc/self/status');
    if (!preg_match('/^VmRSS:\s+(\d+) kB/m', $status, $m)) {
        bench_fail('memory: no VmRSS in /proc/self/status');
    }
    return (int) $m[1] * 1024;
}

if (isset($opts['child'])) {
    // Samples go into variables that exist before the loop, so that taking
    // one allocates nothing that the next one would count.
    $rss0 = memory_rss();
    $heap0 = memory_get_usage();
    $rss1 = $heap1 = $rss1000 = $heap1000 = $rssN = $heapN = 0;
    if ($opts['child'] === 'ours') {
        bench_require_extension();
        $client = new FreedomPay\Client(BENCH_MERCHANT, BENCH_SECRET, ['base_url' => $url]);
    } else {
        require __DIR__ . '/lib/phpway.php';
        if (extension_loaded('freedompay') || !extension_loaded('curl')) {
            bench_fail('memory: the PHP way runs with ext/curl and without the extension');
        }
        $client = new PhpWayClient($url, BENCH_MERCHANT, BENCH_SECRET);
    }
    $query = ['pg_payment_id' => $id];
    for ($i = 1; $i <= $calls; $i++) {
        if ($client->status($query)['pg_payment_id'] !== $id) {
            bench_fail('memory: a reply about another payment');
        }
        if ($i === 1) {
            $rss1 = memory_rss();
            $heap1 = memory_get_usage();
        } elseif ($i === 1000) {
            $rss1000 = memory_rss();
            $heap1000 = memory_get_usage();
        }
    }
    $rssN = memory_rss();
    $heapN = memory_get_usage();
    echo json_encode(['start' => [$rss0, $heap0], 1 => [$rss1, $heap1], 1000 => [$rss1000, $heap1000],
        $calls => [$rssN, $heapN]]), "\n";
    exit(0);
}

$ext = $opts['ext'] ?? bench_fail('memory: --ext=PATH (the extension) is required');
$run = function (string $who) use ($ext, $url, $opts, $calls): array {
    $cmd = [PHP_BINARY];
    if ($who === 'ours') {
        array_push($cmd, '-d', "extension=$ext");
    }
    array_push($cmd, __FILE__, "--child=$who", "--url=$url", "--fixtures={$opts['fixtures']}", "--calls=$calls");
    $proc = proc_open($cmd, [1 => ['pipe', 'w'], 2 => STDERR], $pipes);
    $out = stream_get_contents($pipes[1]);
    fclose($pipes[1]);
    $rc = proc_close($proc);
    $at = json_decode((string) $out, true);
    if ($rc !== 0 || !is_array($at)) {
        bench_fail("memory: the $who process failed");
    }
    return $at;
};
$ours = $run('ours');
$theirs = $run('theirs');

$mib = fn(int $b) => $b / 1048576;
$growth = fn(array $at, int $k) => ($at[$calls][$k] - $at[1000][$k]);
$perCall = fn(array $at, int $k) => $growth($at, $k) / ($calls - 1000);
$met = $growth($ours, 1) <= 0 && $growth($ours, 0) <= 65536;
$show = fn(array $at) => sprintf('RSS MiB start %.1f, call 1 %.1f, 1,000 %.1f, %s %.1f; heap KiB %.0f / %.0f / %.0f / %.0f',
    $mib($at['start'][0]), $mib($at[1][0]), $mib($at[1000][0]), number_format($calls), $mib($at[$calls][0]),
    $at['start'][1] / 1024, $at[1][1] / 1024, $at[1000][1] / 1024, $at[$calls][1] / 1024);
bench_row($opts, [
    'bench' => 'memory',
    'title' => sprintf('memory, %s calls', number_format($calls)),
    'measure' => 'RSS at the end',
    'unit' => 'MiB',
    'ours' => $mib($ours[$calls][0]), 'theirs' => $mib($theirs[$calls][0]),
    'ratio' => $ours[$calls][0] / $theirs[$calls][0], 'ratio_is' => 'ours/theirs',
    'target' => 'information', 'met' => null,
    'per_round' => $calls,
    'note' => 'ours: ' . $show($ours) . ' | theirs: ' . $show($theirs),
]);
bench_row($opts, [
    'bench' => 'memory_growth',
    'title' => sprintf('memory, call 1,000 to %s', number_format($calls)),
    'measure' => 'RSS growth/call',
    'unit' => 'B/call',
    'ours' => $perCall($ours, 0), 'theirs' => $perCall($theirs, 0),
    'target' => 'no growth', 'met' => $met,
    'per_round' => $calls,
    'note' => sprintf('RSS growth ours %d KiB, theirs %d KiB; PHP heap growth ours %d B, theirs %d B',
        $growth($ours, 0) / 1024, $growth($theirs, 0) / 1024, $growth($ours, 1), $growth($theirs, 1)),
]);
