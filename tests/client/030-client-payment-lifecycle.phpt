--TEST--
Client against the sandbox: initPayment, pay with a test card, status(); a declined card is reported, not thrown
--EXTENSIONS--
freedompay
--FILE--
<?php
require dirname(__DIR__) . '/inc/sandbox.inc';
$sandbox = new SandboxServer();
$client = $sandbox->client(['testing_mode' => true, 'retries' => 0]);

$init = $client->initPayment([
    'pg_order_id' => 'order-1001',
    'pg_amount' => '2500.50',
    'pg_currency' => 'KZT',
    'pg_description' => 'Two books; "Война и мир" & <more>',
    'pg_result_url' => 'https://shop.example/pay/result',
    'custom_field' => 'kept & signed',
    'pg_receipt_positions' => [
        ['count' => 2, 'name' => 'Book', 'price' => 1000.25, 'tax_type' => 0],
        ['count' => 1, 'name' => 'Bag', 'price' => 500, 'tax_type' => 2],
    ],
]);
echo "init: ", $init['pg_status'], ' ', preg_match('/^\d+$/', $init['pg_payment_id']) ? 'id' : 'NO ID', ' ',
    str_contains($init['pg_redirect_url'], '/pay.html?customer=') ? 'redirect' : 'NO REDIRECT', "\n";
echo "keys: ", implode(',', array_keys($init)), "\n";

$status = $client->status(['pg_payment_id' => $init['pg_payment_id']]);
echo "before paying: ", $status['pg_payment_status'], ' ', $status['pg_amount'], ' ', $status['pg_order_id'],
    ' testing=', $status['pg_testing_mode'], "\n";

$paid = $sandbox->pay($init['pg_payment_id'], '4405645000006150');
echo "pay: ", $paid['status'], "\n";
$status = $client->status(['pg_order_id' => 'order-1001']);
echo "after paying: ", $status['pg_payment_status'], ' ', $status['pg_card_pan'], ' captured=', $status['pg_captured'], "\n";

// A declined card: the call succeeds and reports the failed payment.
$other = $client->initPayment(['pg_order_id' => 'order-1002', 'pg_amount' => 10, 'pg_description' => 'declined']);
$declined = $sandbox->pay($other['pg_payment_id'], '4000000000000002');
echo "pay: ", $declined['status'], ' code ', $declined['failure_code'], "\n";
$status = $client->status(['pg_payment_id' => (int) $other['pg_payment_id']]);
echo "declined: ", $status['pg_payment_status'], ' ', $status['pg_failure_code'], ' ', $status['pg_failure_description'], "\n";
echo "order id: ", $status['pg_order_id'], "\n";

// What went over the wire: form-encoded, bracket notation, the signed strings.
$sent = null;
foreach ($sandbox->requests(20) as $r) {
    if ($r['path'] === '/init_payment.php' && ($r['fields']['pg_order_id'] ?? '') === 'order-1001') {
        $sent = $r;
    }
}
echo "content-type: ", $sent['headers']['content-type'], "\n";
echo "user-agent: ", preg_replace('/\d+\.\d+\.\d+/', 'X', $sent['headers']['user-agent']), "\n";
parse_str($sent['raw_body'], $fields);
echo "positions: ", json_encode($fields['pg_receipt_positions']), "\n";
echo "has: ", implode(',', array_intersect(['pg_merchant_id', 'pg_salt', 'pg_sig', 'pg_testing_mode'], array_keys($fields))), "\n";
echo "raw: ", strstr($sent['raw_body'], 'pg_receipt_positions%5B0%5D%5Bcount%5D') !== false ? 'brackets escaped' : (strstr($sent['raw_body'], 'pg_receipt_positions[0][count]=2') ? 'brackets' : 'NO BRACKETS'), "\n";
// The sandbox checked the signature with the docs' PHP: recompute it here too.
require_once dirname(__DIR__, 2) . '/sandbox/src/autoload.php';
var_dump(FreedomPaySandbox\Signature::verifyRequest('init_payment.php', $fields, SANDBOX_SECRET));
?>
--EXPECT--
init: ok id redirect
keys: pg_status,pg_payment_id,pg_redirect_url,pg_redirect_url_type,pg_salt,pg_sig
before paying: new 2500.50 order-1001 testing=1
pay: success
after paying: success 4405-64XX-XXXX-6150 captured=1
pay: failed code 5
declined: error 5 Transaction declined
order id: order-1002
content-type: application/x-www-form-urlencoded
user-agent: freedompay-php/X (PHP X)
positions: [{"count":"2","name":"Book","price":"1000.25","tax_type":"0"},{"count":"1","name":"Bag","price":"500","tax_type":"2"}]
has: pg_merchant_id,pg_salt,pg_sig,pg_testing_mode
raw: brackets
bool(true)
