--TEST--
Signature: nested arrays are signed in one pass (cost linear in receipt positions), identical to makeFlatParamsArray + the snippet, colliding names included
--EXTENSIONS--
freedompay
--FILE--
<?php
require dirname(__DIR__) . '/inc/sign_reference.inc';
use FreedomPay\Signature;

// Realistic requests, and nested keys built to make flattened names collide
// ("a" at 1 holding "c" at 2 is "a001c002", as is a sibling "a001c" at 2).
mt_srand(23);
$differ = 0;
function build_nested(int $depth): array
{
    static $nestedKeys = ['count', 'name', 'price', 'tax_type', 0, 1, 2, 10, 'a001c', 'c', 'a', '001', 'pg_sig', '', 'ключ'];
    $a = [];
    for ($n = mt_rand(0, 4); $n > 0; $n--) {
        $k = $nestedKeys[mt_rand(0, count($nestedKeys) - 1)];
        $a[$k] = $depth < 3 && mt_rand(0, 3) === 0 ? build_nested($depth + 1) : ref_value();
    }
    return $a;
}
for ($i = 0; $i < 5000; $i++) {
    $p = ['pg_order_id' => (string) mt_rand(), 'pg_amount' => '100', 'pg_salt' => 's'];
    foreach (['pg_receipt_positions', 'a', 'a001c', 'pg_param', 'x'] as $top) {
        if (mt_rand(0, 1)) {
            $p[$top] = build_nested(0);
        }
    }
    if (Signature::sign('init_payment.php', $p, 'k') !== md5(ref_joined('init_payment.php', $p, 'k'))) {
        $differ++;
    }
}
echo "5000 nested requests: $differ differ from the docs' PHP\n";

// Linear: the cost per position stays flat as positions grow (array_merge per
// position made it grow with their number). Compared within this process, in
// CPU time (what other processes take of the machine does not count), each
// size signed again until it has taken at least 50 ms.
function cpu_ns(): float
{
    $u = getrusage();
    return ($u['ru_utime.tv_sec'] + $u['ru_stime.tv_sec']) * 1e9 + ($u['ru_utime.tv_usec'] + $u['ru_stime.tv_usec']) * 1e3;
}
function per_position(int $n): float
{
    $p = ['pg_order_id' => '1', 'pg_amount' => '10', 'pg_description' => 'd', 'pg_merchant_id' => '1', 'pg_salt' => 's', 'pg_receipt_positions' => []];
    for ($i = 0; $i < $n; $i++) {
        $p['pg_receipt_positions'][] = ['count' => 1, 'name' => "item $i", 'price' => '10.00', 'tax_type' => 0];
    }
    Signature::sign('init_payment.php', $p, 'k'); // warm
    $start = cpu_ns();
    $reps = 0;
    do {
        Signature::sign('init_payment.php', $p, 'k');
        $reps++;
    } while ($reps < 3 || cpu_ns() - $start < 50e6);
    return (cpu_ns() - $start) / ($reps * $n);
}
$small = per_position(100);
$large = per_position(3200);
echo "per position at 3200 against 100: ", $large < 4 * $small ? 'about the same (linear)' : sprintf('%.1f times more', $large / $small), "\n";
?>
--EXPECT--
5000 nested requests: 0 differ from the docs' PHP
per position at 3200 against 100: about the same (linear)
