--TEST--
Signature: 100,000 generated arrays (2,000 under valgrind and ASan) signed by the extension and by the docs' own PHP agree
--EXTENSIONS--
freedompay
--FILE--
<?php
require dirname(__DIR__) . '/inc/sign_reference.inc';
use FreedomPay\Signature;

$seed = 20261122;
mt_srand($seed);
// Under a memory checker (valgrind, ASan: both run PHP without its allocator)
// 2,000: the checker looks for bad memory use, the plain and PHP 8.4
// passes for disagreement, and a busy machine must finish within run-tests' limit.
$n = getenv('USE_ZEND_ALLOC') === '0' ? 2000 : 100000;
$mismatches = [];
$precisions = [14, 17, 5, 1, -1, 20];
for ($i = 0; $i < $n; $i++) {
    ini_set('precision', (string) $precisions[mt_rand(0, count($precisions) - 1)]);
    $params = $i % 2 ? ref_nested_array() : ref_flat_array();
    $script = ['init_payment.php', 'get_status3.php', 'result', 'add', ''][mt_rand(0, 4)];
    $secret = ['secret', 'sk;with;semicolons', "\0bin", ''][mt_rand(0, 3)];

    $joined = ref_joined($script, $params, $secret);
    $expected = md5($joined);
    $sig = Signature::sign($script, $params, $secret);
    $canonical = Signature::canonical($script, $params);
    $withSig = $params;
    $withSig['pg_sig'] = $expected;
    $verified = Signature::verify($script, $withSig, $secret);
    $wantCanonical = substr($joined, 0, strlen($joined) - strlen($secret)) . '***';

    if ($sig !== $expected || $canonical !== $wantCanonical || !$verified) {
        $mismatches[] = compact('i', 'script', 'params', 'joined', 'canonical', 'sig', 'expected', 'verified');
    }
}
ini_restore('precision');
printf("%d arrays, %d mismatches\n", $n, count($mismatches));
if ($mismatches) {
    echo "seed $seed; first mismatches:\n";
    var_export(array_slice($mismatches, 0, 3));
}
?>
--EXPECTF--
%d arrays, 0 mismatches
