--TEST--
Purchase: statusMany fetches many statuses at once; each query gets its reply or its own exception, keyed as the queries
--EXTENSIONS--
freedompay
--FILE--
<?php
require dirname(__DIR__) . '/inc/sandbox.inc';
// Workers, so that queries can really be served at the same time.
$sandbox = new SandboxServer(8);
$client = $sandbox->client(['retries' => 1]);
$ids = [];
for ($i = 0; $i < 6; $i++) {
    $ids[$i] = $client->initPayment(['pg_order_id' => "m-$i", 'pg_amount' => (string) (10 + $i), 'pg_description' => "many $i"])['pg_payment_id'];
}
$sandbox->pay($ids[1]);
$sandbox->pay($ids[2], '4000000000000002');

$results = $client->statusMany([
    'first' => ['pg_payment_id' => $ids[0]],
    'paid' => ['pg_payment_id' => $ids[1]],
    'declined' => ['pg_order_id' => 'm-2'],
    7 => ['pg_payment_id' => $ids[3]],
    'missing' => ['pg_payment_id' => 424242],
    'no id' => ['pg_amount' => '1'],
    'not an array' => 'm-4',
    'bad value' => ['pg_payment_id' => new stdClass],
    'broken reply' => ['pg_payment_id' => $ids[4], 'sandbox_fault' => 'http502'],
    'forged reply' => ['pg_payment_id' => $ids[5], 'sandbox_fault' => 'badsig'],
], 4);
foreach ($results as $key => $r) {
    printf("%-13s %s\n", var_export($key, true), is_array($r) ? "{$r['pg_payment_status']} {$r['pg_amount']}" : outcome($r));
}
// The broken reply was a safe read: tried again, with the very same body.
$bodies = array_column(array_filter($sandbox->requests(100), fn($r) => ($r['fields']['sandbox_fault'] ?? '') === 'http502'), 'raw_body');
echo "broken reply: ", count($bodies), " attempts, ", count(array_unique($bodies)), " distinct body\n";

// At once, not one after another: 16 queries whose replies each take 0.5 s.
$queries = [];
for ($i = 0; $i < 16; $i++) {
    $queries[] = ['pg_payment_id' => $ids[$i % 6], 'sandbox_fault' => 'delay:0.5'];
}
$t = microtime(true);
$many = $client->statusMany($queries, 8);
$elapsed = microtime(true) - $t;
echo count(array_filter($many, 'is_array')), " of 16 answered; ", $elapsed < 6 ? 'in far less than the 8 s one by one' : "in $elapsed s", "\n";

echo "empty: ", var_export($client->statusMany([]), true), "\n";
foreach ([0, 257] as $c) {
    throws(fn() => $client->statusMany([['pg_payment_id' => 1]], $c));
}
?>
--EXPECT--
'first'       new 10
'paid'        success 11
'declined'    error 12
7             new 13
'missing'     ApiException: Transaction not found
'no id'       InvalidArgumentException: statusMany(): parameter "pg_payment_id" or "pg_order_id" is required
'not an array' InvalidArgumentException: statusMany(): each query must be an array of status() params, string given
'bad value'   InvalidArgumentException: Parameter "pg_payment_id" must be a scalar, null or Stringable, stdClass given
'broken reply' TransportException: POST http://HOST/get_status3.php answered HTTP 502 (text/html; charset=utf-8)
'forged reply' SignatureException: The reply from http://HOST/get_status3.php failed signature verification (wrong pg_sig): it was altered or not signed with this client's secret key
broken reply: 2 attempts, 1 distinct body
16 of 16 answered; in far less than the 8 s one by one
empty: array (
)
FreedomPay\InvalidArgumentException: statusMany(): concurrency must be from 1 to 256, 0 given
FreedomPay\InvalidArgumentException: statusMany(): concurrency must be from 1 to 256, 257 given
