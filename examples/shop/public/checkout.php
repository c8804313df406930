<?php
/*
 * Checkout: creates the order (or takes an open one back, for a payer who
 * tries again), creates its payment at FreedomPay and sends the payer to
 * the gateway's payment page.
 *
 *   POST product=book&quantity=2   a new order
 *   POST order=shop-...            another payment for an open order
 *
 * The amount is computed here from the catalogue, never taken from the
 * form. Each payment gets a pg_idempotency_key made of the order id and the
 * number of its payments so far: if the gateway's answer is lost
 * (OutcomeUnknownException), the payer's next try sends the same key and
 * gets the payment the lost call made, instead of a second one.
 */
declare(strict_types=1);

require dirname(__DIR__) . '/src/bootstrap.php';

use FreedomPay\ApiException;
use FreedomPay\OutcomeUnknownException;
use FreedomPay\TransportException;

if (($_SERVER['REQUEST_METHOD'] ?? '') !== 'POST') {
    header('Allow: POST');
    Shop\page('Checkout', '<p>Choose a product first.</p>', 405);
}

$config = Shop\config();
$orders = Shop\orders();

if (isset($_POST['order']) && is_string($_POST['order'])) {
    $order = $orders->find($_POST['order']);
    if ($order === null) {
        Shop\page('Checkout', '<p>There is no such order.</p>', 404);
    }
    if ($order['status'] !== 'open') {
        Shop\page('Checkout', '<p>Order ' . Shop\h($order['id']) . ' is ' . Shop\h($order['status']) . ': there is nothing to pay.</p>', 409);
    }
} else {
    $sku = is_string($_POST['product'] ?? null) ? $_POST['product'] : '';
    $quantity = filter_var($_POST['quantity'] ?? 1, FILTER_VALIDATE_INT, ['options' => ['min_range' => 1, 'max_range' => 99]]);
    $product = $config['products'][$sku] ?? null;
    if ($product === null || $quantity === false) {
        Shop\page('Checkout', '<p>Choose a product and a quantity from 1 to 99.</p>', 400);
    }
    $id = $config['order_prefix'] . gmdate('ymd') . '-' . bin2hex(random_bytes(5));
    $order = $orders->create($id, sprintf('%d x %s', $quantity, $product['name']),
        Shop\amount($product['price'] * $quantity), $config['currency']);
}

$attempt = count($orders->payments($order['id'])) + 1;
try {
    $payment = Shop\client()->initPayment([
        'pg_order_id' => $order['id'],
        'pg_amount' => $order['amount'],
        'pg_currency' => $order['currency'],
        'pg_description' => 'Order ' . $order['id'] . ': ' . $order['description'],
        'pg_idempotency_key' => $order['id'] . '-' . $attempt,
        'pg_language' => 'en',
        'pg_request_method' => 'POST',                 // how result_url and check_url are called
        'pg_result_url' => Shop\url('result.php'),     // the payment's outcome, server to server: the only proof
        'pg_check_url' => Shop\url('check.php'),       // "may this order still be paid?", before charging
        'pg_success_url' => Shop\url('success.php'),   // the payer's browser, after paying: not a proof
        'pg_failure_url' => Shop\url('failure.php'),
        'pg_success_url_method' => 'GET',
        'pg_failure_url_method' => 'GET',
    ]);
} catch (OutcomeUnknownException $e) {
    // The request may have reached the gateway: the payment may exist. The
    // next try sends the same idempotency key and gets it back.
    error_log("shop checkout: order {$order['id']}: " . $e->getMessage());
    Shop\page('Payment not started', '<p>We could not reach the payment service. Please try again in a minute.</p>'
        . retry_form($order['id']), 503);
} catch (TransportException | ApiException $e) {
    error_log("shop checkout: order {$order['id']}: " . get_class($e) . ': ' . $e->getMessage());
    Shop\page('Payment not started', '<p>The payment service is not available. Please try again later.</p>'
        . retry_form($order['id']), 503);
}

$orders->transaction(fn(Shop\Orders $o) => $o->addPayment($order['id'], $payment['pg_payment_id']));
header('Location: ' . $payment['pg_redirect_url'], true, 303);
exit;

function retry_form(string $orderId): string
{
    return '<form method="post" action="checkout.php"><input type="hidden" name="order" value="' . Shop\h($orderId) . '">'
        . '<button>Try again</button></form>';
}
