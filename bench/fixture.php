<?php
/*
 * The fixed reply the responders serve, signed by the sandbox's own PHP
 * signer (never the extension): a get_status3.php reply for merchant
 * 500001 / sandbox-secret about one payment, paid and then refunded three
 * times in part, laid out as the sandbox lays out its replies (1.7 kB).
 *
 *   php bench/fixture.php DIR
 *
 * Writes DIR/reply.xml, DIR/payment_id (the payment the benchmarks ask
 * about, which the reply must be about) and DIR/form.txt (a signed status
 * request for that payment, as the C floor POSTs it).
 */
require dirname(__DIR__) . '/sandbox/src/autoload.php';

use FreedomPaySandbox\Reply;
use FreedomPaySandbox\Signature;

$dir = $argv[1] ?? null;
if ($dir === null || !is_dir($dir)) {
    fwrite(STDERR, "usage: php bench/fixture.php DIR\n");
    exit(2);
}
$secret = 'sandbox-secret';
$merchant = '500001';
$paymentId = '710243588';

$refunds = [];
foreach ([['150.00', '2024-03-02 10:15:07'], ['200.50', '2024-03-05 16:40:51'], ['99.50', '2024-03-11 09:02:33']] as $i => [$amount, $date]) {
    $refunds[] = [
        'pg_payment_id' => (string) (710243601 + $i * 37),
        'pg_payment_status' => 'success',
        'pg_amount' => '-' . $amount,
        'pg_payment_date' => $date,
        'pg_reference' => (string) (406215778301 + $i * 1009),
    ];
}
$fields = [
    'pg_status' => 'ok',
    'pg_payment_id' => $paymentId,
    'pg_order_id' => '417',
    'pg_currency' => 'KZT',
    'pg_amount' => '2500.00',
    'pg_payment_status' => 'success',
    'pg_refund_amount' => '450.00',
    'pg_captured' => '1',
    'pg_create_date' => '2024-03-01 12:30:45',
    'pg_payment_date' => '2024-03-01 12:31:02',
    'pg_card_pan' => '4405-64XX-XXXX-6150',
    'pg_reference' => '406115771288',
    'pg_refund_payments' => ['pg_refund_payment' => $refunds],
];
$xml = (new Reply($fields))->render('get_status3.php', $secret);

// A status request for the payment, signed as the documentation signs it.
$request = ['pg_merchant_id' => $merchant, 'pg_payment_id' => $paymentId, 'pg_salt' => bin2hex(random_bytes(16))];
$request['pg_sig'] = Signature::forRequest('get_status3.php', $request, $secret);

file_put_contents("$dir/reply.xml", $xml);
file_put_contents("$dir/payment_id", $paymentId . "\n");
file_put_contents("$dir/form.txt", http_build_query($request));
printf("reply: %d bytes, %d refunds, about payment %s\n", strlen($xml), count($refunds), $paymentId);
