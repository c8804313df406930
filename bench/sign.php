<?php
/*
 * Signing cost: the extension against the documentation's PHP snippet and
 * against the md5 floor (PHP's md5() of the already-joined canonical
 * string), in one run, as ns per signature and ratios.
 *
 *   php -d extension=modules/freedompay.so bench/sign.php [iterations]
 *
 * pg_salt changes on every call, as in real requests, so no cache can
 * flatter a figure. Each method runs in several interleaved rounds; the
 * best round counts (the least disturbed by the rest of the machine).
 */

$iterations = (int) ($argv[1] ?? 200000);
$rounds = 7;
$secret = 'bench-secret-key-0123456789';
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

function docs_snippet(array $request, string $secret): string
{
    ksort($request);
    array_unshift($request, 'reg2nonreg');
    array_push($request, $secret);
    return md5(implode(';', $request));
}

// Distinct salts, and the canonical strings they give, prepared outside the timing.
$salts = [];
$joined = [];
for ($i = 0; $i < 4096; $i++) {
    $salts[$i] = bin2hex(random_bytes(8));
    $r = $request;
    $r['pg_salt'] = $salts[$i];
    ksort($r);
    $joined[$i] = 'reg2nonreg;' . implode(';', $r) . ';' . $secret;
}

// The three must agree before they are timed.
$check = $request;
$check['pg_salt'] = $salts[0];
if (FreedomPay\Signature::sign('reg2nonreg', $check, $secret) !== docs_snippet($check, $secret)
    || docs_snippet($check, $secret) !== md5($joined[0])) {
    fwrite(STDERR, "signatures disagree\n");
    exit(1);
}

$methods = [
    'extension' => function (int $n) use ($request, $salts, $secret): void {
        $r = $request;
        for ($i = 0; $i < $n; $i++) {
            $r['pg_salt'] = $salts[$i & 4095];
            FreedomPay\Signature::sign('reg2nonreg', $r, $secret);
        }
    },
    'docs snippet' => function (int $n) use ($request, $salts, $secret): void {
        $r = $request;
        for ($i = 0; $i < $n; $i++) {
            $r['pg_salt'] = $salts[$i & 4095];
            docs_snippet($r, $secret);
        }
    },
    'md5 floor' => function (int $n) use ($joined): void {
        for ($i = 0; $i < $n; $i++) {
            md5($joined[$i & 4095]);
        }
    },
];

$best = array_fill_keys(array_keys($methods), INF);
for ($round = 0; $round < $rounds; $round++) {
    foreach ($methods as $name => $run) {
        $start = hrtime(true);
        $run($iterations);
        $ns = (hrtime(true) - $start) / $iterations;
        $best[$name] = min($best[$name], $ns);
    }
}

printf("8-field request, canonical string %d bytes, %d iterations x %d rounds (best round)\n",
    strlen($joined[0]), $iterations, $rounds);
foreach ($best as $name => $ns) {
    printf("  %-13s %7.1f ns/signature\n", $name, $ns);
}
printf("extension / md5 floor:    %.2fx (target <= 1.30x)\n", $best['extension'] / $best['md5 floor']);
printf("docs snippet / extension: %.2fx faster\n", $best['docs snippet'] / $best['extension']);
