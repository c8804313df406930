<?php
/*
 * Many statuses while the server takes 50 ms to answer each:
 * statusMany($queries, 32) against status() one query after another, for
 * the same queries, against a responder that delays every answer by 50 ms
 * without holding up its other connections.
 *
 *   php -d extension=modules/freedompay.so bench/many.php --url=http://127.0.0.1:PORT --fixtures=DIR
 *       [--quick] [--rounds=N] [--queries=N]
 *
 * Figure: wall time for all the queries (ms), the median over interleaved
 * rounds (the one-by-one pass is long: 1,000 x 50 ms, so few rounds).
 * Every result is checked: a reply about the queried payment. Also
 * reported, as information: how many new connections each pass opened
 * (counted by the responder). Target:
 * statusMany at least 20x less wall time. With 32 at a time the best
 * possible is queries / ceil(queries / 32) (31.25x for 1,000).
 */
require __DIR__ . '/lib/common.php';

$opts = bench_options($argv);
bench_require_extension();
$fixture = bench_fixture($opts);
$url = $opts['url'] ?? bench_fail('many: --url is required');
$quick = isset($opts['quick']);
$rounds = (int) ($opts['rounds'] ?? ($quick ? 1 : 3));
$count = (int) ($opts['queries'] ?? ($quick ? 128 : 1000));
$concurrency = 32;
$id = $fixture['payment_id'];

$client = new FreedomPay\Client(BENCH_MERCHANT, BENCH_SECRET, ['base_url' => $url]);
$queries = [];
for ($i = 0; $i < $count; $i++) {
    $queries["q$i"] = ['pg_payment_id' => $id];
}

function many_check(array $results, array $queries): void
{
    if (array_keys($results) !== array_keys($queries)) {
        bench_fail('many: statusMany did not answer every query, keyed as asked');
    }
    foreach ($results as $key => $r) {
        if ($r instanceof Throwable) {
            bench_fail("many: query $key failed: " . $r->getMessage());
        }
        if (($r['pg_payment_id'] ?? null) !== $queries[$key]['pg_payment_id']) {
            bench_fail("many: query $key: a reply about another payment");
        }
    }
}

// Connections each pass opened, as the responder counts them (its stats
// query, one short request, is taken off; it adds well under 1 ms).
$opened = ['ours' => [], 'theirs' => []];
$counted = function (string $who, callable $pass) use ($url, &$opened): void {
    [$before] = bench_responder_stats($url);
    $pass();
    [$after] = bench_responder_stats($url);
    $opened[$who][] = $after - $before - 1;
};
$variants = [
    'ours' => [function (int $n) use ($client, $queries, $concurrency, $counted): void {
        $counted('ours', fn() => many_check($client->statusMany($queries, $concurrency), $queries));
    }, 1],
    'theirs' => [function (int $n) use ($client, $queries, $counted): void {
        $counted('theirs', function () use ($client, $queries): void {
            $results = [];
            foreach ($queries as $key => $query) {
                $results[$key] = $client->status($query);
            }
            many_check($results, $queries);
        });
    }, 1],
];
$variants['ours'][0](1); // warm-up: opens the connections
$opened = ['ours' => [], 'theirs' => []];
$s = bench_interleave($variants, $rounds);
$ms = fn(array $xs) => array_map(fn($x) => $x / 1e6, $xs);
$ratio = bench_paired_ratio($s['theirs']['wall'], $s['ours']['wall']);
$best = $count / ceil($count / $concurrency);
bench_row($opts, [
    'bench' => 'many',
    'title' => sprintf('%s statuses, 50 ms each', number_format($count)),
    'measure' => 'wall, all of them',
    'unit' => 'ms',
    'ours' => bench_median($ms($s['ours']['wall'])), 'theirs' => bench_median($ms($s['theirs']['wall'])),
    'ratio' => $ratio, 'ratio_is' => 'theirs/ours',
    'target' => '>= 20x less wall', 'met' => $ratio >= 20,
    'rounds' => $rounds, 'per_round' => $count,
    'note' => sprintf('ours: statusMany(%d queries, %d); theirs: status() one by one; best possible %.2fx; CPU ms ours %.0f, theirs %.0f',
        $count, $concurrency, $best, bench_median($ms($s['ours']['cpu'])), bench_median($ms($s['theirs']['cpu']))),
] + bench_spread('ours', $ms($s['ours']['wall'])) + bench_spread('theirs', $ms($s['theirs']['wall'])));
bench_row($opts, [
    'bench' => 'many_connections',
    'title' => '(info) connections per pass',
    'measure' => 'TCP connections opened',
    'unit' => '',
    'ours' => bench_median($opened['ours']), 'theirs' => bench_median($opened['theirs']),
    'target' => 'information', 'met' => null,
    'rounds' => $rounds, 'per_round' => $count,
    'note' => sprintf('new connections the responder accepted during each pass (after a warm-up pass), by round: ours %s; theirs %s; with its connections kept, a pass after the first needs no new ones (%d at most)',
        implode(', ', $opened['ours']), implode(', ', $opened['theirs']), $concurrency),
]);
