<?php
/*
 * 1,000 status calls from one process with one Client: how many TCP
 * connections the responder accepted for them (counted by the responder,
 * which is asked before and after; its own stats queries are taken off).
 *
 *   php -d extension=modules/freedompay.so bench/conns.php --url=http://127.0.0.1:PORT --fixtures=DIR [--calls=N]
 *
 * Target: 1 connection.
 */
require __DIR__ . '/lib/common.php';

$opts = bench_options($argv);
bench_require_extension();
$fixture = bench_fixture($opts);
$url = $opts['url'] ?? bench_fail('conns: --url is required');
$calls = (int) ($opts['calls'] ?? 1000);
$id = $fixture['payment_id'];

[$conns0, $requests0] = bench_responder_stats($url);
$client = new FreedomPay\Client(BENCH_MERCHANT, BENCH_SECRET, ['base_url' => $url]);
$wall = hrtime(true);
for ($i = 0; $i < $calls; $i++) {
    if ($client->status(['pg_payment_id' => $id])['pg_payment_id'] !== $id) {
        bench_fail('conns: a reply about another payment');
    }
}
$wall = (hrtime(true) - $wall) / $calls / 1000;
[$conns1, $requests1] = bench_responder_stats($url);
$connections = $conns1 - $conns0 - 1;
if ($requests1 - $requests0 !== $calls) {
    bench_fail(sprintf('conns: the responder answered %d requests, not %d', $requests1 - $requests0, $calls));
}
bench_row($opts, [
    'bench' => 'connections',
    'title' => sprintf('%s calls, one process', number_format($calls)),
    'measure' => 'TCP connections',
    'unit' => '',
    'ours' => $connections,
    'target' => '1 connection', 'met' => $connections === 1,
    'per_round' => $calls,
    'note' => sprintf('status() in a loop, one Client; connections counted by the responder; %.0f µs wall per call', $wall),
]);
