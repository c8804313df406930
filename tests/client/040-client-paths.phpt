--TEST--
Client: "." and ".." segments and empty segments are refused before libcurl can normalise them into another path
--EXTENSIONS--
freedompay
--FILE--
<?php
/*
 * Regression: libcurl collapses "." segments after our path rules ran, so
 * v1/./merchant/<other>/... reached another merchant's path and
 * ./api/payment_status was signed with the payment key, not the payout key.
 */
require dirname(__DIR__) . '/inc/sandbox.inc';
$sandbox = new SandboxServer();
$client = $sandbox->client(['retries' => 0]);
$before = count($sandbox->requests(100));
foreach ([
    'v1/merchant/./123456/card/direct',
    'v1/./merchant/123456/cardstorage/list',
    './api/balance_status',
    'api/./reg2reg',
    'api/cbc/./check',
    'get_status3.php/.',
    '/./get_status3.php',
    'api/../get_status3.php',
    'v1/merchant/500001/card/../../123456/card/init',
    'api//balance_status',
    'api/balance_status/',
    '.',
    '..',
] as $path) {
    echo str_pad($path, 48), ' ';
    throws(fn() => $client->request($path, ['pg_payment_id' => 1, 'pg_order_id' => 'p-1', 'pg_amount' => '1', 'pg_description' => 'x']));
}
echo "requests sent: ", count($sandbox->requests(100)) - $before, "\n";
// Dots inside a segment are a file name, as the gateway's own paths have.
echo $client->request('get_status3.php', ['pg_payment_id' => $client->initPayment(['pg_order_id' => 'p-2', 'pg_amount' => '1', 'pg_description' => 'x'])['pg_payment_id']])['pg_status'], "\n";
?>
--EXPECTF--
v1/merchant/./123456/card/direct                 FreedomPay\InvalidArgumentException: path "v1/merchant/./123456/card/direct" is not a gateway path %s
v1/./merchant/123456/cardstorage/list            FreedomPay\InvalidArgumentException: path "v1/./merchant/123456/cardstorage/list" is not a gateway path %s
./api/balance_status                             FreedomPay\InvalidArgumentException: path "./api/balance_status" is not a gateway path %s
api/./reg2reg                                    FreedomPay\InvalidArgumentException: path "api/./reg2reg" is not a gateway path %s
api/cbc/./check                                  FreedomPay\InvalidArgumentException: path "api/cbc/./check" is not a gateway path %s
get_status3.php/.                                FreedomPay\InvalidArgumentException: path "get_status3.php/." is not a gateway path %s
/./get_status3.php                               FreedomPay\InvalidArgumentException: path "/./get_status3.php" is not a gateway path %s
api/../get_status3.php                           FreedomPay\InvalidArgumentException: path "api/../get_status3.php" is not a gateway path %s
v1/merchant/500001/card/../../123456/card/init   FreedomPay\InvalidArgumentException: path "v1/merchant/500001/card/../../123456/card/init" is not a gateway path %s
api//balance_status                              FreedomPay\InvalidArgumentException: path "api//balance_status" is not a gateway path %s
api/balance_status/                              FreedomPay\InvalidArgumentException: path "api/balance_status/" is not a gateway path %s
.                                                FreedomPay\InvalidArgumentException: path "." is not a gateway path %s
..                                               FreedomPay\InvalidArgumentException: path ".." is not a gateway path %s
requests sent: 0
ok
