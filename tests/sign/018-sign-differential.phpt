--TEST--
Signature: 20,000 generated arrays signed by the extension and by the docs' own PHP agree
--EXTENSIONS--
freedompay
--FILE--
<?php
require dirname(__DIR__) . '/inc/sign_reference.inc';
use FreedomPay\Signature;

$seed = 20261122;
mt_srand($seed);
$n = 20000;
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
--EXPECT--
20000 arrays, 0 mismatches
