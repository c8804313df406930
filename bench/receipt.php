<?php
/*
 * Signing an init_payment.php request with receipt positions
 * (pg_receipt_positions[i][count,name,price,tax_type]), pg_salt new on
 * every call: the extension's Signature::sign against the documentation's
 * makeFlatParamsArray followed by the snippet, at 20 and 80 positions; and
 * the extension alone at 0, 20, 80 and 320 positions for its cost per
 * position.
 *
 *   php -d extension=modules/freedompay.so bench/receipt.php [--quick] [--rounds=N]
 *
 * Figures: this process's CPU time per signature, in µs, the median over
 * interleaved rounds (each variant runs for about 80 ms of CPU a round). The cost per position at N is (t(N) - t(0)) / N,
 * t(0) being the same request without positions. Targets: the extension
 * at least 3x faster than the PHP way at 20 and at 80 positions; its cost
 * linear in positions, taken as the per-position costs at 20, 80 and 320
 * within 1.5x of each other.
 */
require __DIR__ . '/lib/common.php';
require __DIR__ . '/lib/phpway.php';

$opts = bench_options($argv);
bench_require_extension();
$quick = isset($opts['quick']);
$rounds = (int) ($opts['rounds'] ?? ($quick ? 5 : 11));
$target_ms = $quick ? 25 : 80; // CPU per variant per round

$secret = 'bench-secret-key-0123456789';
$script = 'init_payment.php';

function receipt_request(int $positions): array
{
    $r = [
        'pg_merchant_id' => '500001',
        'pg_order_id' => '100045',
        'pg_amount' => '0',
        'pg_currency' => 'KZT',
        'pg_description' => 'Order 100045',
        'pg_result_url' => 'https://shop.example.kz/freedompay/result',
        'pg_testing_mode' => '1',
        'pg_salt' => '',
    ];
    $total = 0;
    for ($i = 0; $i < $positions; $i++) {
        $count = 1 + $i % 3;
        $price = 150 + ($i * 37) % 900;
        $r['pg_receipt_positions'][] = [
            'count' => $count,
            'name' => 'Item ' . ($i + 1) . ' of the order',
            'price' => $price,
            'tax_type' => $i % 4,
        ];
        $total += $count * $price;
    }
    $r['pg_amount'] = $total . '.00';
    return $r;
}

$salts = [];
for ($i = 0; $i < 1024; $i++) {
    $salts[$i] = bin2hex(random_bytes(16));
}
$sizes = [0, 20, 80, 320];
$requests = [];
foreach ($sizes as $size) {
    $requests[$size] = receipt_request($size);
    foreach ([0, 511] as $k) {
        $r = $requests[$size];
        $r['pg_salt'] = $salts[$k];
        $want = $size ? phpway_sign_nested($script, $r, $secret) : phpway_sign($script, $r, $secret);
        if (FreedomPay\Signature::sign($script, $r, $secret) !== $want) {
            bench_fail("receipt: the extension and makeFlatParamsArray + snippet disagree at $size positions");
        }
    }
}

$ours = fn(array $request) => function (int $n) use ($request, $salts, $script, $secret): void {
    $r = $request;
    for ($i = 0; $i < $n; $i++) {
        $r['pg_salt'] = $salts[$i & 1023];
        FreedomPay\Signature::sign($script, $r, $secret);
    }
};
$theirs = fn(array $request) => function (int $n) use ($request, $salts, $script, $secret): void {
    $r = $request;
    for ($i = 0; $i < $n; $i++) {
        $r['pg_salt'] = $salts[$i & 1023];
        phpway_sign_nested($script, $r, $secret);
    }
};
$variants = [];
foreach ($sizes as $size) {
    $run = $ours($requests[$size]);
    $variants["ours$size"] = [$run, bench_calibrate($run, $target_ms)];
}
foreach ([20, 80] as $size) {
    $run = $theirs($requests[$size]);
    $variants["theirs$size"] = [$run, bench_calibrate($run, $target_ms)];
}

bench_interleave($variants, 1); // warm-up
$s = bench_interleave($variants, $rounds);
$us = fn(array $xs) => array_map(fn($x) => $x / 1000, $xs);
$med = [];
foreach ($s as $name => $samples) {
    $med[$name] = bench_median($us($samples['cpu']));
}

foreach ([20, 80] as $size) {
    $ratio = bench_paired_ratio($s["theirs$size"]['cpu'], $s["ours$size"]['cpu']);
    bench_row($opts, [
        'bench' => "receipt$size",
        'title' => "sign, $size receipt positions",
        'measure' => 'CPU/signature',
        'unit' => 'µs',
        'ours' => $med["ours$size"], 'theirs' => $med["theirs$size"],
        'ratio' => $ratio, 'ratio_is' => 'theirs/ours',
        'target' => '>= 3x faster', 'met' => $ratio >= 3,
        'rounds' => $rounds, 'per_round' => $variants["ours$size"][1],
        'note' => sprintf('theirs: makeFlatParamsArray + snippet; %d-field request plus positions', count($requests[0])),
    ] + bench_spread('ours', $us($s["ours$size"]['cpu'])) + bench_spread('theirs', $us($s["theirs$size"]['cpu'])));
}

// Cost per position, from round medians of t(N) - t(0).
$per = [];
foreach ([20, 80, 320] as $size) {
    $d = [];
    foreach ($s["ours$size"]['cpu'] as $i => $t) {
        $d[] = ($t - $s['ours0']['cpu'][$i]) / $size;
    }
    $per[$size] = bench_median($d);
}
$spread = max($per) / min($per);
bench_row($opts, [
    'bench' => 'receipt_linear',
    'title' => 'sign, cost per position',
    'measure' => 'CPU/position at 80',
    'unit' => 'ns',
    'ours' => $per[80],
    'ratio' => $spread, 'ratio_is' => 'max/min',
    'target' => 'linear (<= 1.5x)', 'met' => $spread <= 1.5,
    'rounds' => $rounds,
    'note' => sprintf('ours, (t(N) - t(0)) / N: %.0f ns at 20, %.0f ns at 80, %.0f ns at 320; t(0) = %.2f µs; t(320) = %.1f µs; ratio: max / min of the three',
        $per[20], $per[80], $per[320], $med['ours0'], $med['ours320']),
]);
