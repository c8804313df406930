--TEST--
Signature: huge callbacks (100,000 fields in any order) are signed in O(n log n), within a small factor of ksort()
--EXTENSIONS--
freedompay
--FILE--
<?php
/*
 * verify('result', $_POST, ...) where max_input_vars is raised: the sort
 * must not be quadratic. It was: 100,000 keys in reverse order took 2.7 s
 * against 0.03 s for the snippet. Compared here with the snippet in the
 * same process, so a slow or busy machine (or valgrind) slows both alike;
 * the bound is loose, a quadratic sort is ~100 times over it.
 */
require dirname(__DIR__) . '/inc/sign_reference.inc';
use FreedomPay\Signature;

function seconds(callable $fn): float
{
    $best = INF;
    for ($i = 0; $i < 3; $i++) {
        $t = hrtime(true);
        $fn();
        $best = min($best, (hrtime(true) - $t) / 1e9);
    }
    return $best;
}

$orders = [
    'reverse' => range(100000, 1),
    'sorted' => range(1, 100000),
    'shuffled' => (function () { mt_srand(5); $k = range(1, 100000); shuffle($k); return $k; })(),
];
foreach ($orders as $name => $numbers) {
    $params = [];
    foreach ($numbers as $n) {
        $params['f' . str_pad((string) $n, 6, '0', STR_PAD_LEFT)] = "v$n";
    }
    $ours = seconds(fn() => Signature::sign('result', $params, 'k'));
    $snippet = seconds(fn() => md5(ref_joined('result', $params, 'k')));
    $same = Signature::sign('result', $params, 'k') === md5(ref_joined('result', $params, 'k'));
    printf("%-8s 100000 keys: %s; %s\n", $name, $same ? 'same signature' : 'DIFFERENT SIGNATURE',
        $ours <= 5 * $snippet + 0.05 ? 'within 5x the snippet' : sprintf('%.3f s against %.3f s for the snippet', $ours, $snippet));
}
// Integer and numeric keys (ksort's own comparison, zend_sort) at the same size.
$mixed = [];
foreach (range(60000, 1) as $n) {
    $mixed[$n % 3 ? $n : "k$n"] = $n;
}
$ours = seconds(fn() => Signature::sign('result', $mixed, 'k'));
$snippet = seconds(fn() => md5(ref_joined('result', $mixed, 'k')));
printf("mixed    60000 keys: %s; %s\n", Signature::sign('result', $mixed, 'k') === md5(ref_joined('result', $mixed, 'k')) ? 'same signature' : 'DIFFERENT',
    $ours <= 5 * $snippet + 0.05 ? 'within 5x the snippet' : sprintf('%.3f s against %.3f s', $ours, $snippet));
?>
--EXPECT--
reverse  100000 keys: same signature; within 5x the snippet
sorted   100000 keys: same signature; within 5x the snippet
shuffled 100000 keys: same signature; within 5x the snippet
mixed    60000 keys: same signature; within 5x the snippet
