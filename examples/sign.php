<?php
/*
 * Signing and verifying FreedomPay messages with FreedomPay\Signature.
 *
 *   php -d extension=modules/freedompay.so examples/sign.php
 */
use FreedomPay\Signature;

$secret = 'sandbox-secret';

// A request to init_payment.php, signed as the gateway's documentation does.
$request = [
    'pg_merchant_id' => 500001,
    'pg_order_id' => 'order-1001',
    'pg_amount' => '2500.00',
    'pg_currency' => 'KZT',
    'pg_description' => 'Order 1001: two books',
    'pg_salt' => Signature::salt(),
    'pg_receipt_positions' => [
        ['count' => 2, 'name' => 'Book', 'price' => 1250, 'tax_type' => 0],
    ],
];
$script = Signature::scriptName('https://api.freedompay.kz/init_payment.php');
$request['pg_sig'] = Signature::sign($script, $request, $secret);

echo "script name:      $script\n";
echo "canonical string: ", Signature::canonical($script, $request), "\n";
echo "pg_sig:           {$request['pg_sig']}\n";

// The receiving side checks the signature in constant time.
echo "verifies:         ", Signature::verify($script, $request, $secret) ? 'yes' : 'no', "\n";

// Any change to a signed field, or a wrong secret, is detected.
$tampered = $request;
$tampered['pg_amount'] = '1.00';
echo "tampered amount:  ", Signature::verify($script, $tampered, $secret) ? 'accepted' : 'rejected', "\n";
echo "wrong secret:     ", Signature::verify($script, $request, 'not-the-secret') ? 'accepted' : 'rejected', "\n";
