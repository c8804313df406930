<?php
/*
 * Verifying and parsing a signed get_status3.php reply with three refunds
 * (the fixture the responders serve): the extension's reply path against
 * the PHP way.
 *
 * Ours: Callback::fromRequest(['pg_xml' => $xml], 'get_status3.php',
 * $secret)->params(). A callback sent as pg_xml goes through the same core
 * as a reply to a call: the hardened parser, checkXML verification within
 * its bounds, and the conversion to an array (repeating elements as lists).
 * Theirs: simplexml_load_string, makeFlatParamsXML + makeFlatParamsArray +
 * the snippet + hash_equals (checkXML), and the conversion to the same
 * array. The two results are checked equal before anything is timed.
 *
 *   php -d extension=modules/freedompay.so bench/reply.php --fixtures=DIR [--quick] [--rounds=N]
 *
 * Figure: this process's CPU time per reply, in µs, the median over
 * interleaved rounds. Target: the extension at least 4x faster.
 */
require __DIR__ . '/lib/common.php';
require __DIR__ . '/lib/phpway.php';

$opts = bench_options($argv);
bench_require_extension();
$fixture = bench_fixture($opts);
$quick = isset($opts['quick']);
$rounds = (int) ($opts['rounds'] ?? ($quick ? 5 : 15));
$target_ms = $quick ? 25 : 80;

$xml = $fixture['reply'];
$secret = BENCH_SECRET;
$script = 'get_status3.php';

$ours = FreedomPay\Callback::fromRequest(['pg_xml' => $xml], $script, $secret)->params();
$theirs = phpway_reply($script, $xml, $secret);
if ($ours !== $theirs) {
    bench_fail('reply: the extension and the PHP way give different arrays');
}
if (count($ours['pg_refund_payments']['pg_refund_payment'] ?? []) !== 3) {
    bench_fail('reply: the fixture has not three refunds');
}
// A reply signed with another secret must fail both ways.
try {
    FreedomPay\Callback::fromRequest(['pg_xml' => $xml], $script, 'another-secret');
    bench_fail('reply: the extension accepted a wrong signature');
} catch (FreedomPay\SignatureException) {
}

$variants = [
    'ours' => function (int $n) use ($xml, $script, $secret): void {
        for ($i = 0; $i < $n; $i++) {
            FreedomPay\Callback::fromRequest(['pg_xml' => $xml], $script, $secret)->params();
        }
    },
    'theirs' => function (int $n) use ($xml, $script, $secret): void {
        for ($i = 0; $i < $n; $i++) {
            phpway_reply($script, $xml, $secret);
        }
    },
];
foreach ($variants as $name => $run) {
    $variants[$name] = [$run, bench_calibrate($run, $target_ms)];
}
$s = bench_interleave($variants, $rounds);
$us = fn(array $xs) => array_map(fn($x) => $x / 1000, $xs);
$ratio = bench_paired_ratio($s['theirs']['cpu'], $s['ours']['cpu']);
bench_row($opts, [
    'bench' => 'reply',
    'title' => sprintf('reply: verify + parse, %.1f kB', strlen($xml) / 1000),
    'measure' => 'CPU/reply',
    'unit' => 'µs',
    'ours' => bench_median($us($s['ours']['cpu'])), 'theirs' => bench_median($us($s['theirs']['cpu'])),
    'ratio' => $ratio, 'ratio_is' => 'theirs/ours',
    'target' => '>= 4x faster', 'met' => $ratio >= 4,
    'rounds' => $rounds, 'per_round' => $variants['ours'][1],
    'note' => 'get_status3 with 3 refunds; ours: Callback::fromRequest over pg_xml (the reply core); theirs: SimpleXML + checkXML + to array',
] + bench_spread('ours', $us($s['ours']['cpu'])) + bench_spread('theirs', $us($s['theirs']['cpu'])));
