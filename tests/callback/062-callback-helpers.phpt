--TEST--
Callback: pg_result and pg_can_reject as booleans; expect() compares the shop's order and amount; 2,000 genuine callbacks accepted, every mutation refused; no secret shown
--EXTENSIONS--
freedompay
--INI--
zend.exception_ignore_args=0
--FILE--
<?php
require dirname(__DIR__) . '/inc/sign_reference.inc';
use FreedomPay\Callback;

$secret = 'CANARY-' . bin2hex(random_bytes(12));
function cb(array $p, string $secret): Callback
{
    $p['pg_sig'] = md5(ref_joined('result', $p, $secret));
    return Callback::fromRequest($p, 'result', $secret);
}

foreach ([['1', '1'], ['0', '0'], [null, null], ['true', '']] as [$result, $canReject]) {
    $p = array_filter(['pg_order_id' => 'o', 'pg_amount' => '1', 'pg_result' => $result, 'pg_can_reject' => $canReject], fn($v) => $v !== null);
    $c = cb($p, $secret);
    printf("pg_result %s, pg_can_reject %s: isSuccessful %s, canReject %s\n", var_export($result, true), var_export($canReject, true),
        var_export($c->isSuccessful(), true), var_export($c->canReject(), true));
}

$c = cb(['pg_order_id' => 'A-7', 'pg_amount' => '2500.5', 'pg_currency' => 'KZT', 'pg_result' => '1'], $secret);
foreach ([['A-7', '2500.5'], ['A-7', '2500.50'], ['A-7', 2500.5], ['A-7', '2500.5000'], ['A-7', '2500.51'], ['A-7', '2500.501'], ['A-7', 2500], ['A-8', '2500.50'], ['a-7', '2500.50'], ['A-7', 'lots'], ['A-7', [1]], ['A-7', '2500.50', 'KZT'], ['A-7', '2500.50', 'USD']] as $args) {
    [$order, $amount] = $args;
    try {
        $same = $c->expect(...$args) === $c;
        echo "expect($order, ", var_export($amount, true), "): ok", $same ? '' : ' (NOT $this)', "\n";
    } catch (Throwable $e) {
        echo "expect($order, ", json_encode($amount), "): ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}
$none = cb(['pg_payment_id' => '1'], $secret);
try { $none->expect('A-7', 1); } catch (FreedomPay\SignatureException $e) { echo "no order in the callback: ", $e->getMessage(), "\n"; }
echo "a mismatch is a SignatureException too: ", is_subclass_of(FreedomPay\CallbackMismatchException::class, FreedomPay\SignatureException::class) ? 'yes' : 'no', "\n";
echo "isResult: result ", var_export($c->isResult(), true), ", redirect ", var_export($none->isResult(), true), "\n";
foreach (['https://shop.kz/wc-api/x/', 'https://shop.kz', 'https://shop.kz/?wc-api=x', ''] as $url) {
    try { Callback::fromRequest(['pg_sig' => str_repeat('0', 32)], $url, $secret); } catch (FreedomPay\InvalidArgumentException $e) { echo "\"$url\": ", preg_replace('/;.*/', '', $e->getMessage()), "\n"; }
}

// Genuine callbacks of random shapes are accepted; one changed byte in a value or in pg_sig is refused.
mt_srand(62);
$accepted = $refused = $mutations = 0;
for ($i = 0; $i < 2000; $i++) {
    $p = [];
    for ($n = mt_rand(1, 10); $n > 0; $n--) {
        $p['pg_' . ['order_id', 'amount', 'payment_id', 'result', 'description', 'salt', 'user_phone', 'card_pan'][mt_rand(0, 7)] . mt_rand(0, 3)] = (string) ref_value();
    }
    $p['shop_' . mt_rand(0, 9)] = bin2hex(random_bytes(mt_rand(1, 8)));
    $p['pg_sig'] = md5(ref_joined('result', $p, $secret));
    try {
        Callback::fromRequest($p, 'https://shop.kz/result', $secret);
        $accepted++;
    } catch (FreedomPay\Exception $e) {
    }
    $keys = array_keys($p);
    $k = $keys[mt_rand(0, count($keys) - 1)];
    $value = (string) $p[$k];
    $at = mt_rand(0, strlen($value));
    $mutated = $p;
    $mutated[$k] = $value === '' || mt_rand(0, 1) ? substr($value, 0, $at) . chr(mt_rand(32, 126)) . substr($value, $at)
        : substr_replace($value, chr((ord($value[min($at, strlen($value) - 1)]) + 1) % 256), min($at, strlen($value) - 1), 1);
    $mutations++;
    try {
        Callback::fromRequest($mutated, 'https://shop.kz/result', $secret);
    } catch (FreedomPay\SignatureException $e) {
        $refused++;
    }
}
echo "2000 genuine callbacks: $accepted accepted; $mutations one-byte mutations: $refused refused\n";

// The secret never shows.
$out = [];
ob_start(); var_dump($c); $out[] = ob_get_clean();
$out[] = print_r($c, true);
$out[] = var_export($c, true);
ob_start(); debug_zval_dump($c); $out[] = ob_get_clean();
$out[] = json_encode($c);
$out[] = print_r((array) $c, true);
try { serialize($c); } catch (Exception $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }
try { clone $c; } catch (Error $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }
try { Callback::fromRequest(['pg_sig' => str_repeat('0', 32)], 'result', $secret); } catch (Exception $e) { $out[] = (string) $e; $out[] = print_r($e->getTrace(), true); }
$leaks = 0;
foreach ($out as $text) {
    $leaks += str_contains($text, $secret) || str_contains($text, bin2hex($secret)) || str_contains($text, base64_encode($secret));
}
echo count($out), " outputs, $leaks show the secret\n";
try { new Callback(); } catch (Error $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }
try { (new ReflectionClass(Callback::class))->newInstanceWithoutConstructor(); } catch (ReflectionException $e) { echo "no callback without fromRequest(): ", get_class($e), "\n"; }
?>
--EXPECT--
pg_result '1', pg_can_reject '1': isSuccessful true, canReject true
pg_result '0', pg_can_reject '0': isSuccessful false, canReject false
pg_result NULL, pg_can_reject NULL: isSuccessful false, canReject false
pg_result 'true', pg_can_reject '': isSuccessful false, canReject false
expect(A-7, '2500.5'): ok
expect(A-7, '2500.50'): ok
expect(A-7, 2500.5): ok
expect(A-7, '2500.5000'): ok
expect(A-7, "2500.51"): FreedomPay\CallbackMismatchException: The callback is about order A-7, amount 2500.5, not about order A-7, amount 2500.51 as the shop expects
expect(A-7, "2500.501"): FreedomPay\InvalidArgumentException: Callback::expect(): the amount must be like 2500.00, "2500.501" given
expect(A-7, 2500): FreedomPay\CallbackMismatchException: The callback is about order A-7, amount 2500.5, not about order A-7, amount 2500 as the shop expects
expect(A-8, "2500.50"): FreedomPay\CallbackMismatchException: The callback is about order A-7, amount 2500.5, not about order A-8, amount 2500.50 as the shop expects
expect(a-7, "2500.50"): FreedomPay\CallbackMismatchException: The callback is about order A-7, amount 2500.5, not about order a-7, amount 2500.50 as the shop expects
expect(A-7, "lots"): FreedomPay\InvalidArgumentException: Callback::expect(): the amount must be like 2500.00, "lots" given
expect(A-7, [1]): FreedomPay\InvalidArgumentException: Callback::expect(): the amount must be an int, float or string, array given
expect(A-7, '2500.50'): ok
expect(A-7, "2500.50"): FreedomPay\CallbackMismatchException: The callback is about order A-7, amount 2500.5 KZT, not about order A-7, amount 2500.50 USD as the shop expects
no order in the callback: The callback is about order (none), amount (none), not about order A-7, amount 1 as the shop expects
a mismatch is a SignatureException too: yes
isResult: result true, redirect false
"https://shop.kz/wc-api/x/": Callback::fromRequest(): "https://shop.kz/wc-api/x/" has no last path segment to be the signature's script name
"https://shop.kz": Callback::fromRequest(): "https://shop.kz" has no last path segment to be the signature's script name
"https://shop.kz/?wc-api=x": Callback::fromRequest(): "https://shop.kz/?wc-api=x" has no last path segment to be the signature's script name
"": Callback::fromRequest(): "" has no last path segment to be the signature's script name
2000 genuine callbacks: 2000 accepted; 2000 one-byte mutations: 2000 refused
Exception: Serialization of 'FreedomPay\Callback' is not allowed
Error: Trying to clone an uncloneable object of class FreedomPay\Callback
8 outputs, 0 show the secret
Error: Call to private FreedomPay\Callback::__construct() from global scope
no callback without fromRequest(): ReflectionException
