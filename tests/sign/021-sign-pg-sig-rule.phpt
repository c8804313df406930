--TEST--
Signature: one pg_sig rule everywhere: a top-level pg_sig is removed before anything else, wherever it stands; the sandbox agrees
--EXTENSIONS--
freedompay
--FILE--
<?php
require dirname(__DIR__) . '/inc/sign_reference.inc';
require_once dirname(__DIR__, 2) . '/sandbox/src/autoload.php';
use FreedomPay\Signature;
use FreedomPaySandbox\Signature as Gateway;

// pg_sig before, between and after nested arrays; the sandbox (the docs' PHP
// as the gateway runs it) must compute the same signature.
mt_srand(20261123);
// A tenth as many under a memory checker (valgrind, ASan): see tests/sign/018.
$n = getenv('USE_ZEND_ALLOC') === '0' ? 2000 : 20000;
$differ = $sandboxDiffers = 0;
for ($i = 0; $i < $n; $i++) {
    $p = ref_nested_array();
    $without = $p;
    unset($without['pg_sig']);
    $keys = array_keys($without);
    $at = mt_rand(0, count($keys));
    $with = array_slice($without, 0, $at, true) + ['pg_sig' => ref_value()] + array_slice($without, $at, null, true);
    $sig = Signature::sign('init_payment.php', $with, 'k');
    if ($sig !== Signature::sign('init_payment.php', $without, 'k') || $sig !== md5(ref_joined('init_payment.php', $without, 'k'))) {
        $differ++;
    }
    if ($sig !== Gateway::forRequest('init_payment.php', $with, 'k')) {
        $sandboxDiffers++;
    }
}
echo "$n nested arrays with pg_sig at a random place: $differ differ from the array without it, $sandboxDiffers from the sandbox\n";

// A nested pg_sig is not the signature: makeFlatParamsArray skips it after counting its place.
$nested = ['a' => ['pg_sig' => 'x', 'b' => '1'], 'c' => '2'];
echo Signature::canonical('s', $nested), ' = ', substr(ref_joined('s', $nested, 'k'), 0, -1), "***\n";
var_dump(Signature::sign('s', $nested, 'k') === md5(ref_joined('s', $nested, 'k')));
// Flat: the same rule.
var_dump(Signature::sign('s', ['pg_sig' => 'x', 'b' => 1, 'a' => 2], 'k') === Signature::sign('s', ['b' => 1, 'a' => 2], 'k'));
?>
--EXPECTF--
%d nested arrays with pg_sig at a random place: 0 differ from the array without it, 0 from the sandbox
s;1;2;*** = s;1;2;***
bool(true)
bool(true)
