<?php
/*
 * Signing an 8-field request, pg_salt new on every call: the extension's
 * Signature::sign against the documentation's PHP snippet, and against the
 * floor, PHP's md5() of the already-joined canonical string (the hashing
 * any signer must do, and nothing else).
 *
 *   php -d extension=modules/freedompay.so bench/sign.php [--quick] [--rounds=N] [--n=N]
 *
 * Every variant gets its input made before any timing, 4,096 of them with
 * 4,096 salts: the floor the joined strings, the extension and the snippet
 * the request arrays (each a copy of one literal with its own pg_salt, the
 * way a shop's code makes them). None builds its input in the timed loop,
 * so each figure is the signing alone. (Until commit 0c285ca the
 * extension's and the snippet's loops wrote the salt into one request
 * before every call, about 150 instructions a signature that the floor's
 * loop did not pay.)
 *
 * Figure: this process's CPU time (user + system) per signature, in ns,
 * the median over interleaved rounds; each round runs every variant for
 * --n signatures. Target: the extension at most 1.25x the md5 floor.
 */
require __DIR__ . '/lib/common.php';
require __DIR__ . '/lib/phpway.php';

$opts = bench_options($argv);
bench_require_extension();
$quick = isset($opts['quick']);
$rounds = (int) ($opts['rounds'] ?? ($quick ? 5 : 15));
$n = (int) ($opts['n'] ?? ($quick ? 30000 : 150000));

$secret = 'bench-secret-key-0123456789';
$script = 'reg2nonreg';
$request = [
    'pg_merchant_id' => 500001,
    'pg_amount' => 10,
    'pg_order_id' => 1234,
    'pg_description' => 'Payment for order 1234',
    'pg_post_link' => 'http://site.kz/post',
    'pg_back_link' => 'http://site.kz/back',
    'pg_order_time_limit' => '2020-12-31 12:00:00',
    'pg_salt' => '',
];

// The requests, and the canonical strings they give, made before any timing.
$requests = [];
$joined = [];
for ($i = 0; $i < 4096; $i++) {
    $r = $request;
    $r['pg_salt'] = bin2hex(random_bytes(16)); // 32 hex digits, as Signature::salt() makes
    $requests[$i] = $r;
    ksort($r);
    $joined[$i] = $script . ';' . implode(';', $r) . ';' . $secret;
}
for ($i = 0; $i < 4096; $i += 97) {
    $r = $requests[$i];
    $sig = md5($joined[$i]);
    if (FreedomPay\Signature::sign($script, $r, $secret) !== $sig || phpway_sign($script, $r, $secret) !== $sig) {
        bench_fail('sign: the extension, the snippet and the floor disagree');
    }
}

$variants = [
    'ours' => [function (int $n) use ($requests, $script, $secret): void {
        for ($i = 0; $i < $n; $i++) {
            FreedomPay\Signature::sign($script, $requests[$i & 4095], $secret);
        }
    }, $n],
    'theirs' => [function (int $n) use ($requests, $script, $secret): void {
        for ($i = 0; $i < $n; $i++) {
            phpway_sign($script, $requests[$i & 4095], $secret);
        }
    }, $n],
    'floor' => [function (int $n) use ($joined): void {
        for ($i = 0; $i < $n; $i++) {
            md5($joined[$i & 4095]);
        }
    }, $n],
];
bench_interleave($variants, 1); // warm-up
$s = bench_interleave($variants, $rounds);

$ours = bench_median($s['ours']['cpu']);
$theirs = bench_median($s['theirs']['cpu']);
$floor = bench_median($s['floor']['cpu']);
$ratio = bench_paired_ratio($s['ours']['cpu'], $s['floor']['cpu']);
bench_row($opts, [
    'bench' => 'sign8',
    'title' => 'sign, 8 fields, new salt each',
    'measure' => 'CPU/signature',
    'unit' => 'ns',
    'ours' => $ours, 'theirs' => $theirs, 'floor' => $floor,
    'ratio' => $ratio, 'ratio_is' => 'ours/floor',
    'target' => '<= 1.25x floor', 'met' => $ratio <= 1.25,
    'rounds' => $rounds, 'per_round' => $n,
    'note' => sprintf('canonical string %d bytes; snippet / ours %.2fx; wall ns ours %.0f, snippet %.0f, floor %.0f',
        strlen($joined[0]), bench_paired_ratio($s['theirs']['cpu'], $s['ours']['cpu']),
        bench_median($s['ours']['wall']), bench_median($s['theirs']['wall']), bench_median($s['floor']['wall'])),
] + bench_spread('ours', $s['ours']['cpu']) + bench_spread('theirs', $s['theirs']['cpu'])
  + bench_spread('floor', $s['floor']['cpu']));
