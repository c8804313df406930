--TEST--
Purchase: initPayment, paymentPage and anyAmount create payments on the hosted page; testing_mode marks payment inits only
--EXTENSIONS--
freedompay
--FILE--
<?php
require dirname(__DIR__) . '/inc/sandbox.inc';
$sandbox = new SandboxServer();
$client = $sandbox->client(['retries' => 0, 'testing_mode' => true]);
$base = ['pg_amount' => '1500.50', 'pg_description' => 'Books', 'pg_currency' => 'KZT', 'shop_field' => 'kept'];

foreach (['initPayment', 'paymentPage', 'anyAmount'] as $i => $method) {
    $r = $client->$method($base + ['pg_order_id' => "init-$i"]);
    $s = $client->status(['pg_payment_id' => $r['pg_payment_id']]);
    printf("%-12s %s, page %s, status %s, order %s, testing %s, amount %s\n", $method, $r['pg_status'],
        str_contains($r['pg_redirect_url'], $sandbox->url) ? 'on the sandbox' : $r['pg_redirect_url'],
        $s['pg_payment_status'], $s['pg_order_id'], $s['pg_testing_mode'], $s['pg_amount'] === '' ? '(payer chooses)' : $s['pg_amount']);
}
// anyAmount needs no amount; the payer picks it on the page.
$r = $client->anyAmount(['pg_order_id' => 'any-2', 'pg_description' => 'Donation']);
$paid = $sandbox->control('/_sandbox/pay', ['pg_payment_id' => $r['pg_payment_id'], 'card_number' => '4405645000006150',
    'card_exp' => '12/30', 'card_cvc' => '123', 'amount' => '2000']);
$s = $client->status(['pg_order_id' => 'any-2']);
echo "anyAmount without an amount: ", $r['pg_status'], "; the payer paid ", $s['pg_amount'], ": ", $s['pg_payment_status'], "\n";

// What was sent: testing mode on inits, not on status reads.
$sent = [];
foreach ($sandbox->requests(20) as $req) {
    $sent[$req['path']] = isset($req['fields']['pg_testing_mode']) ? 'pg_testing_mode=' . $req['fields']['pg_testing_mode'] : 'no pg_testing_mode';
}
ksort($sent);
foreach ($sent as $path => $what) {
    echo "$path: $what\n";
}

echo "-- refused before sending\n";
$before = count($sandbox->requests(100));
foreach ([
    fn() => $client->paymentPage(['pg_amount' => '1', 'pg_description' => 'x']),
    fn() => $client->anyAmount(['pg_order_id' => 'a']),
    fn() => $client->paymentPage(['pg_order_id' => 'p', 'pg_amount' => '1.5.0', 'pg_description' => 'x']),
    fn() => $client->initPayment(['pg_order_id' => 'i', 'pg_amount' => '1', 'pg_description' => 'x', 'pg_user_contact_email' => 'no-at-sign']),
    fn() => $client->initPayment(['pg_order_id' => 'i', 'pg_amount' => '1', 'pg_description' => 'x', 'pg_currency' => 'tenge']),
    fn() => $client->initPayment(['pg_order_id' => 'i', 'pg_amount' => '1', 'pg_description' => 'x', 'pg_auto_clearing' => 'yes']),
] as $fn) {
    throws($fn);
}
echo "sent meanwhile: ", count($sandbox->requests(100)) - $before, "\n";
?>
--EXPECT--
initPayment  ok, page on the sandbox, status new, order init-0, testing 1, amount 1500.50
paymentPage  ok, page on the sandbox, status new, order init-1, testing 1, amount 1500.50
anyAmount    ok, page on the sandbox, status new, order init-2, testing 1, amount (payer chooses)
anyAmount without an amount: ok; the payer paid 2000: success
/g2g/any_amount: pg_testing_mode=1
/g2g/payment_page: pg_testing_mode=1
/get_status3.php: no pg_testing_mode
/init_payment.php: pg_testing_mode=1
-- refused before sending
FreedomPay\InvalidArgumentException: paymentPage(): parameter "pg_order_id" is required
FreedomPay\InvalidArgumentException: anyAmount(): parameter "pg_description" is required
FreedomPay\InvalidArgumentException: paymentPage(): parameter "pg_amount" must be an amount from 0.01 with at most 2 decimals and a decimal point, "1.5.0" given
FreedomPay\InvalidArgumentException: initPayment(): parameter "pg_user_contact_email" must be an e-mail address, "no-at-sign" given
FreedomPay\InvalidArgumentException: initPayment(): parameter "pg_currency" must be a three-letter currency code such as KZT, "tenge" given
FreedomPay\InvalidArgumentException: initPayment(): parameter "pg_auto_clearing" must be 0 or 1, "yes" given
sent meanwhile: 0
