<?php
/*
 * The main job: payments from start to finish against the bundled sandbox
 * gateway, on loopback. Starts the sandbox, creates a payment with
 * initPayment(), pays it with a test card as the payer would on the hosted
 * page, and reads its status with status(). Then a two-stage payment: the
 * card is charged with cardPayment() and the money held, capture() takes
 * part of it, refund() gives part back, and status() lists the refund.
 * Last, a card saved for payouts (addPayoutCard, the recipient entering it
 * on the gateway's page) is paid out to with payoutToCard().
 *
 *   php -d extension=modules/freedompay.so examples/demo.php
 */
require dirname(__DIR__) . '/sandbox/src/autoload.php';

use FreedomPay\Client;
use FreedomPay\Exception as FreedomPayException;

$sandbox = new FreedomPaySandbox\Server();
echo "Sandbox gateway at {$sandbox->url}\n\n";

// What a shop configures: merchant id, secret keys; base_url only for the sandbox.
$client = new Client(500001, 'sandbox-secret', [
    'base_url' => $sandbox->url,
    'payout_secret_key' => 'sandbox-payout-secret',
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

    // Two-stage: hold 8000, ship what is in stock (6500), refund one item (1500).
    $held = $client->cardPayment([
        'pg_order_id' => 'hold-' . date('His'),
        'pg_amount' => '8000.00',
        'pg_description' => 'Three books, two-stage',
        'pg_auto_clearing' => 0,
        'pg_card_pan' => '5367654276102126', 'pg_card_month' => '12', 'pg_card_year' => '30',
        'pg_card_cvc' => '123', 'pg_card_name' => 'DEMO PAYER',
    ]);
    $id = $held['pg_payment_id'];
    echo "\ncardPayment, two-stage: payment $id {$held['pg_payment_status']}, captured {$held['pg_captured']} (the money is held)\n";
    $captured = $client->capture($id, '6500.00');
    echo "capture 6500.00 of 8000.00: {$captured['pg_status']}\n";
    $refund = $client->refund($id, '1500.00');
    echo "refund 1500.00: {$refund['pg_status']}\n";
    $status = $client->status(['pg_payment_id' => $id]);
    printf("status(): %s, cleared %s, refunded %s in %d refund(s)\n", $status['pg_payment_status'],
        $status['pg_clearing_amount'], $status['pg_refund_amount'], count($status['pg_refund_payments']['pg_refund_payment']));

    // A payout to a saved card: the recipient saves it on the gateway's page once.
    $links = ['pg_post_link' => 'http://127.0.0.1:9/payouts/post', 'pg_back_link' => 'http://127.0.0.1:9/account'];
    $session = $client->addPayoutCard(['pg_user_id' => 'customer-42'] + $links);
    echo "\naddPayoutCard: the recipient enters a card at {$session['pg_redirect_url']}\n";
    $sandbox->storeCard($session['pg_payment_id'], '4671593866478252');
    $cards = $client->listCards('customer-42')['card'];
    echo "listCards: ", count($cards), " card, {$cards[0]['pg_card_hash']}\n";
    $payout = $client->payoutToCard([
        'pg_order_id' => 'payout-' . date('His'),
        'pg_amount' => '3000.00',
        'pg_description' => 'Cashback',
        'pg_user_id' => 'customer-42',
        'pg_card_token_to' => $cards[0]['pg_card_token'],
    ] + $links);
    echo "payoutToCard: {$payout['pg_status']}, {$payout['pg_payment_amount']} to {$payout['pg_card_hash']}, balance {$payout['pg_balance']}\n";
} catch (FreedomPayException $e) {
    fprintf(STDERR, "%s: %s\n", get_class($e), $e->getMessage());
    exit(1);
}
