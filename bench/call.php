<?php
/*
 * A whole status call over loopback to a keep-alive responder that answers
 * at once with the signed get_status3.php reply: $client->status() against
 * the PHP way (ext/curl with its handle reused, the snippet, SimpleXML,
 * checkXML verification, the reply as an array), and against the floor, a
 * small C program (curl_floor.c) doing only the libcurl transfers with a
 * reused handle.
 *
 *   php -d extension=modules/freedompay.so bench/call.php --url=http://127.0.0.1:PORT
 *       --fixtures=DIR --floor=PATH [--quick] [--rounds=N] [--n=N]
 *
 * Figure: CPU time (user + system, getrusage) per call of the process that
 * makes the calls: this one for ours and theirs, the C program's own for
 * the floor. The median over interleaved rounds of --n calls each. The
 * responder runs in its own process, so its work is not in the figure;
 * wall time per call is reported too, but on a shared 2-core machine it
 * includes the responder's turn. Target: ours at most 1.2x the floor.
 * Also reported, as information: the same transfers driven through a
 * libcurl multi handle (the interface the extension uses for every call);
 * the same transfers each followed by a libxml2 parse of the reply (what any
 * client that reads the reply with libxml2 pays at the least: where libxml2
 * puts the limit); and how many connections the responder accepted during
 * the run.
 */
require __DIR__ . '/lib/common.php';
require __DIR__ . '/lib/phpway.php';

$opts = bench_options($argv);
bench_require_extension();
if (!extension_loaded('curl')) {
    bench_fail('call: the PHP way needs ext/curl (Debian: php-curl)');
}
$fixture = bench_fixture($opts);
$url = $opts['url'] ?? bench_fail('call: --url is required');
$floorBin = $opts['floor'] ?? bench_fail('call: --floor is required');
$quick = isset($opts['quick']);
$rounds = (int) ($opts['rounds'] ?? ($quick ? 5 : 11));
$n = (int) ($opts['n'] ?? ($quick ? 500 : 2000));
$id = $fixture['payment_id'];

$client = new FreedomPay\Client(BENCH_MERCHANT, BENCH_SECRET, ['base_url' => $url]);
$php = new PhpWayClient($url, BENCH_MERCHANT, BENCH_SECRET);

/** The C program as a coprocess: "N" in, "cpu_ns wall_ns" per transfer out. */
function floor_process(string $bin, string $url, string $form, string $mode = ''): array
{
    $cmd = [$bin, "$url/get_status3.php", $form];
    if ($mode !== '') {
        $cmd[] = $mode;
    }
    $proc = proc_open($cmd, [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => STDERR], $pipes);
    if ($proc === false) {
        bench_fail("call: cannot start $bin");
    }
    $run = function (int $n) use ($pipes, $bin): array {
        fwrite($pipes[0], "$n\n");
        $line = fgets($pipes[1]);
        if ($line === false || !preg_match('/^([\d.]+) ([\d.]+)$/', trim($line), $m)) {
            bench_fail('call: the floor program failed: ' . trim((string) $line));
        }
        return ['cpu' => (float) $m[1], 'wall' => (float) $m[2]];
    };
    return [$proc, $pipes, $run];
}

[$conns0] = bench_responder_stats($url);
[$floorProc, $floorPipes, $floorRun] = floor_process($floorBin, $url, $fixture['form']);
[$multiProc, $multiPipes, $multiRun] = floor_process($floorBin, $url, $fixture['form'], '--multi');
[$parseProc, $parsePipes, $parseRun] = floor_process($floorBin, $url, $fixture['form'], '--parse');

$ours = $client->status(['pg_payment_id' => $id]);
$theirs = $php->status(['pg_payment_id' => $id]);
if (($ours['pg_payment_id'] ?? null) !== $id || ($ours['pg_payment_status'] ?? null) !== 'success'
    || array_diff_key($theirs, $ours) !== []) {
    bench_fail('call: unexpected replies');
}

$variants = [
    'ours' => [function (int $n) use ($client, $id): void {
        for ($i = 0; $i < $n; $i++) {
            $client->status(['pg_payment_id' => $id]);
        }
    }, $n],
    'theirs' => [function (int $n) use ($php, $id): void {
        for ($i = 0; $i < $n; $i++) {
            $php->status(['pg_payment_id' => $id]);
        }
    }, $n],
    'floor' => [$floorRun, $n],
    'multi' => [$multiRun, $n],
    'parse' => [$parseRun, $n],
];
bench_interleave(array_map(fn($v) => [$v[0], max(50, intdiv($v[1], 5))], $variants), 1); // warm-up
[, $requests0] = bench_responder_stats($url);
$s = bench_interleave($variants, $rounds);
[$conns1, $requests1] = bench_responder_stats($url);
foreach ([[$floorProc, $floorPipes], [$multiProc, $multiPipes], [$parseProc, $parsePipes]] as [$proc, $pipes]) {
    fwrite($pipes[0], "q\n");
    fclose($pipes[0]);
    fclose($pipes[1]);
    proc_close($proc);
}
$connections = $conns1 - $conns0 - 2; // less the stats queries' own
$served = $requests1 - $requests0;
if ($served !== count($variants) * $rounds * $n) {
    bench_fail("call: the responder answered $served requests, not " . count($variants) * $rounds * $n);
}

$us = fn(array $xs) => array_map(fn($x) => $x / 1000, $xs);
$ratio = bench_paired_ratio($s['ours']['cpu'], $s['floor']['cpu']);
bench_row($opts, [
    'bench' => 'call',
    'title' => 'status() over loopback',
    'measure' => 'client CPU/call',
    'unit' => 'µs',
    'ours' => bench_median($us($s['ours']['cpu'])), 'theirs' => bench_median($us($s['theirs']['cpu'])),
    'floor' => bench_median($us($s['floor']['cpu'])),
    'ratio' => $ratio, 'ratio_is' => 'ours/floor',
    'target' => '<= 1.2x floor', 'met' => $ratio <= 1.2,
    'rounds' => $rounds, 'per_round' => $n,
    'note' => sprintf('theirs / ours %.2fx; wall µs per call ours %.0f, theirs %.0f, floor %.0f; connections opened: %d (expected %d, one per client)',
        bench_paired_ratio($s['theirs']['cpu'], $s['ours']['cpu']), bench_median($us($s['ours']['wall'])),
        bench_median($us($s['theirs']['wall'])), bench_median($us($s['floor']['wall'])), $connections, count($variants)),
] + bench_spread('ours', $us($s['ours']['cpu'])) + bench_spread('theirs', $us($s['theirs']['cpu']))
  + bench_spread('floor', $us($s['floor']['cpu'])));
bench_row($opts, [
    'bench' => 'call_multi',
    'title' => '(info) floor via curl_multi',
    'measure' => 'client CPU/call',
    'unit' => 'µs',
    'ours' => bench_median($us($s['multi']['cpu'])), 'floor' => bench_median($us($s['floor']['cpu'])),
    'ratio' => bench_paired_ratio($s['multi']['cpu'], $s['floor']['cpu']), 'ratio_is' => 'multi/floor',
    'target' => 'information', 'met' => null,
    'rounds' => $rounds, 'per_round' => $n,
    'note' => 'the same C transfers via curl_multi_perform + curl_multi_poll, as the extension drives every call',
] + bench_spread('ours', $us($s['multi']['cpu'])) + bench_spread('floor', $us($s['floor']['cpu'])));
bench_row($opts, [
    'bench' => 'call_parse',
    'title' => '(info) floor + libxml2 parse',
    'measure' => 'client CPU/call',
    'unit' => 'µs',
    'ours' => bench_median($us($s['parse']['cpu'])), 'floor' => bench_median($us($s['floor']['cpu'])),
    'ratio' => bench_paired_ratio($s['parse']['cpu'], $s['floor']['cpu']), 'ratio_is' => 'parse/floor',
    'target' => 'information', 'met' => null,
    'rounds' => $rounds, 'per_round' => $n,
    'note' => sprintf('the same C transfers, each reply then read by libxml2 (push parser, no-op SAX: no tree, no verification); ours / this %.2fx',
        bench_paired_ratio($s['ours']['cpu'], $s['parse']['cpu'])),
] + bench_spread('ours', $us($s['parse']['cpu'])) + bench_spread('floor', $us($s['floor']['cpu'])));
