<?php
/*
 * The main job: a payment from start to finish against the bundled sandbox
 * gateway, on loopback. Starts the sandbox, creates a payment with
 * initPayment(), pays it with a test card as the payer would on the hosted
 * page, and reads its status with status().
 *
 *   php -d extension=modules/freedompay.so examples/demo.php
 */
require dirname(__DIR__) . '/sandbox/src/autoload.php';

use FreedomPay\Client;
use FreedomPay\Exception as FreedomPayException;

$sandbox = new FreedomPaySandbox\Server();
echo "Sandbox gateway at {$sandbox->url}\n\n";

// What a shop configures: merchant id, secret key; base_url only for the sandbox.
$client = new Client(500001, 'sandbox-secret', [
    'base_url' => $sandbox->url,
    'testing_mode' => true,
]);

try {
    $orderId = 'demo-' . date('His');
    $payment = $client->initPayment([
        'pg_order_id' => $orderId,
        'pg_amount' => '12500.00',
        'pg_currency' => 'KZT',
        'pg_description' => 'Order ' . $orderId . ': two books',
        'pg_result_url' => 'https://shop.example/freedompay/result',
        'pg_receipt_positions' => [
            ['count' => 2, 'name' => 'Book', 'price' => 6250, 'tax_type' => 0],
        ],
    ]);
    echo "initPayment: payment {$payment['pg_payment_id']} created\n";
    echo "  the payer is sent to {$payment['pg_redirect_url']}\n\n";

    $status = $client->status(['pg_payment_id' => $payment['pg_payment_id']]);
    echo "status before paying: {$status['pg_payment_status']}\n\n";

    // The payer enters a test card on the hosted page.
    $paid = $sandbox->pay($payment['pg_payment_id'], '4405645000006150', '12/30', '653');
    echo "the payer pays with test card 4405 6450 0000 6150: {$paid['status']}\n\n";

    $status = $client->status(['pg_order_id' => $orderId]);
    echo "status(), verified reply:\n";
    foreach (['pg_payment_id', 'pg_order_id', 'pg_amount', 'pg_currency', 'pg_payment_status', 'pg_card_pan',
                 'pg_payment_date', 'pg_captured'] as $field) {
        printf("  %-18s %s\n", $field, $status[$field]);
    }
    echo $status['pg_payment_status'] === 'success' ? "\nPaid.\n" : "\nNot paid.\n";
} catch (FreedomPayException $e) {
    fprintf(STDERR, "%s: %s\n", get_class($e), $e->getMessage());
    exit(1);
}
