--TEST--
Client: 300 generated requests (awkward keys and values, nested arrays) all pass the sandbox's check with the docs' snippet
--EXTENSIONS--
freedompay
--FILE--
<?php
require dirname(__DIR__) . '/inc/sandbox.inc';
require dirname(__DIR__) . '/inc/sign_reference.inc';
$sandbox = new SandboxServer();
$client = $sandbox->client(['retries' => 0]);

// Keys a form carries unchanged (the client refuses the others, see 031).
$keys = array_values(array_filter(ref_keys(), fn($k) => !is_string($k) || ($k !== '' && !preg_match('/[ .\[\]\0]/', $k))));
// Fields with a grammar of their own (amounts, ids, ...) are checked before sending, see 031.
$keys = array_values(array_diff($keys, ['pg_sig', 'pg_merchant_id', 'pg_payment_id', 'pg_order_id', 'pg_amount', 'sandbox_fault']));
mt_srand(7);
$outcomes = [];
for ($i = 0; $i < 300; $i++) {
    $params = ['pg_payment_id' => (string) (900000 + $i)];
    for ($n = mt_rand(0, 12); $n > 0; $n--) {
        $params[$keys[mt_rand(0, count($keys) - 1)]] = ref_value();
    }
    if ($i % 3 === 0) {
        $params['pg_receipt_positions'] = [];
        for ($j = mt_rand(1, 3); $j > 0; $j--) {
            $params['pg_receipt_positions'][] = ['count' => mt_rand(1, 3), 'name' => ref_value(), 'price' => ref_value(), 'tax_type' => 0];
        }
    }
    try {
        $client->status($params);
        $outcomes['returned'] = ($outcomes['returned'] ?? 0) + 1;
    } catch (FreedomPay\ApiException $e) {
        // 340: the gateway checked the signature, then found no such payment.
        $outcomes[$e->getErrorCode() . ' ' . $e->getMessage()] = ($outcomes[$e->getErrorCode() . ' ' . $e->getMessage()] ?? 0) + 1;
        if ($e->getErrorCode() !== 340 && !isset($shown)) {
            $shown = true;
            var_export($params);
        }
    }
}
ksort($outcomes);
print_r($outcomes);
?>
--EXPECT--
Array
(
    [340 Transaction not found] => 300
)
