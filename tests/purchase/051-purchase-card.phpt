--TEST--
Purchase: cardPayment decides at once, stops for 3-D Secure, waits on slow cards; cardPaymentAcs completes; declines are reported, not thrown
--EXTENSIONS--
freedompay
--FILE--
<?php
require dirname(__DIR__) . '/inc/sandbox.inc';
$sandbox = new SandboxServer();
$client = $sandbox->client(['retries' => 0]);
$card = fn(string $pan, string $order) => ['pg_order_id' => $order, 'pg_amount' => '250', 'pg_description' => 'Card',
    'pg_card_pan' => $pan, 'pg_card_cvc' => '123', 'pg_card_month' => '12', 'pg_card_year' => '30', 'pg_card_name' => 'A HOLDER'];
$show = fn(array $r) => sprintf('%s/%s%s%s', $r['pg_status'], $r['pg_payment_status'],
    isset($r['pg_failure_code']) ? " failure {$r['pg_failure_code']} {$r['pg_failure_description']}" : '',
    ($r['pg_3ds'] ?? '0') === '1' ? ' 3ds: ' . implode(',', array_keys(array_filter(['acsurl' => $r['pg_3d_acsurl'] ?? '', 'md' => $r['pg_3d_md'] ?? '', 'pareq' => $r['pg_3d_pareq'] ?? '']))) : '');

$r = $client->cardPayment($card('4716047261941981', 'c-ok'));
echo "approved:  ", $show($r), ", pan ", $r['pg_card_pan'], "\n";
$r = $client->cardPayment($card('4939770956154989', 'c-funds'));
echo "declined:  ", $show($r), "\n";

// 3-D Secure: the payer passes the ACS (the sandbox's control plays the bank), then paymentAcs.
$r = $client->cardPayment($card('4916307416334310', 'c-3ds'));
echo "3ds:       ", $show($r), "\n";
$acs = $sandbox->threeDs($r['pg_payment_id'], true);
$done = $client->cardPaymentAcs(['pg_payment_id' => $r['pg_payment_id'], 'pg_3d_md' => $acs['pg_3d_md'], 'pg_3d_pares' => $acs['pg_3d_pares']]);
echo "after acs: ", $show($done), "\n";
echo "status:    ", $client->status(['pg_order_id' => 'c-3ds'])['pg_payment_status'], "\n";
// A failed 3-D Secure.
$r = $client->cardPayment($card('5335215945367703', 'c-3ds-fail'));
$acs = $sandbox->threeDs($r['pg_payment_id'], false);
echo "acs fail:  ", $show($client->cardPaymentAcs(['pg_payment_id' => $r['pg_payment_id'], 'pg_3d_md' => $acs['pg_3d_md'], 'pg_3d_pares' => $acs['pg_3d_pares']])), "\n";
// paymentAcs with a forged PaRes is the gateway's error.
echo "forged:    ";
throws(fn() => $client->cardPaymentAcs(['pg_payment_id' => $r['pg_payment_id'], 'pg_3d_md' => 'x', 'pg_3d_pares' => 'forged']));

// A slow card: pending, then decided once asked again (the sandbox's slow_polls: 1).
$r = $client->cardPayment($card('4916109830832246', 'c-slow'));
echo "slow:      ", $show($r), "\n";
echo "asked:     ", $client->status(['pg_payment_id' => $r['pg_payment_id']])['pg_payment_status'], "\n";
echo "asked:     ", $client->status(['pg_payment_id' => $r['pg_payment_id']])['pg_payment_status'], "\n";

// Idempotency: the same key is the same payment, charged once.
$a = $client->cardPayment($card('4716047261941981', 'c-idem') + ['pg_idempotency_key' => 'key-1']);
$b = $client->cardPayment($card('4716047261941981', 'c-idem') + ['pg_idempotency_key' => 'key-1']);
echo "idempotent: ", $a['pg_payment_id'] === $b['pg_payment_id'] ? 'same payment' : 'TWO PAYMENTS', "\n";

echo "-- refused before sending\n";
$before = count($sandbox->requests(100));
foreach ([
    fn() => $client->cardPayment(['pg_card_pan' => '4716047261941981'] + array_diff_key($card('x', 'c-1'), ['pg_card_pan' => 1, 'pg_order_id' => 1])),
    fn() => $client->cardPayment(['pg_card_pan' => '4716047261941982'] + $card('x', 'c-1')),
    fn() => $client->cardPayment(['pg_card_cvc' => '12'] + $card('4716047261941981', 'c-1')),
    fn() => $client->cardPayment(['pg_card_month' => '13'] + $card('4716047261941981', 'c-1')),
    fn() => $client->cardPayment(array_diff_key($card('4716047261941981', 'c-1'), ['pg_card_name' => 1])),
    fn() => $client->cardPaymentAcs(['pg_payment_id' => 5, 'pg_3d_md' => 'x']),
    fn() => $client->cardPaymentAcs(['pg_payment_id' => 'abc', 'pg_3d_md' => 'x', 'pg_3d_pares' => 'y']),
] as $fn) {
    throws($fn);
}
echo "sent meanwhile: ", count($sandbox->requests(100)) - $before, "\n";
// The card number never appears in what the client reports.
try {
    $client->cardPayment($card('4716047261941981', 'c-leak') + ['sandbox_fault' => 'http502']);
} catch (FreedomPay\OutcomeUnknownException $e) {
    echo "lost reply: ", get_class($e), " for ", $e->getOrderId(), ", card number in message: ",
        str_contains((string) $e, '4716047261941981') ? 'YES' : 'no', "\n";
}
?>
--EXPECTF--
approved:  ok/success, pan 4716-04XX-XXXX-1981
declined:  failed/error failure 51 Insufficient funds
3ds:       pending/pending 3ds: acsurl,md,pareq
after acs: ok/success
status:    success
acs fail:  failed/error failure 6 %s
forged:    FreedomPay\ApiException: %s
slow:      pending/pending
asked:     pending
asked:     success
idempotent: same payment
-- refused before sending
FreedomPay\InvalidArgumentException: cardPayment(): parameter "pg_order_id" is required
FreedomPay\InvalidArgumentException: cardPayment(): parameter "pg_card_pan" must be a card number: 13 to 19 digits with a valid check digit (the value is not shown)
FreedomPay\InvalidArgumentException: cardPayment(): parameter "pg_card_cvc" must be 3 or 4 digits (the value is not shown)
FreedomPay\InvalidArgumentException: cardPayment(): parameter "pg_card_month" must be a month from 01 to 12 (the value is not shown)
FreedomPay\InvalidArgumentException: cardPayment(): parameter "pg_card_name" is required
FreedomPay\InvalidArgumentException: cardPaymentAcs(): parameter "pg_3d_pares" is required
FreedomPay\InvalidArgumentException: cardPaymentAcs(): parameter "pg_payment_id" must be a gateway id (digits only), "abc" given
sent meanwhile: 0
lost reply: FreedomPay\OutcomeUnknownException for c-leak, card number in message: no
