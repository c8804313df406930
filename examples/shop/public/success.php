<?php
/*
 * pg_success_url: the payer's browser comes back from the payment page.
 *
 * This is NOT proof of payment. The redirect is signed, and verified here
 * so that a forged or edited link is refused, but a genuine one only says
 * the payer reached the end of the payment page; anyone can also open this
 * URL again later. The order is paid when result.php has marked it so,
 * and this page only shows what result.php recorded: "we are confirming
 * your payment" (reloading itself) until then.
 */
declare(strict_types=1);

require dirname(__DIR__) . '/src/bootstrap.php';

use FreedomPay\Callback;
use FreedomPay\Exception as FreedomPayException;

$config = Shop\config();

try {
    $redirect = Callback::fromRequest(Shop\request_fields(), Shop\url('success.php'), $config['secret_key']);
} catch (FreedomPayException $e) {
    error_log('shop success: ' . $e->getMessage());
    Shop\page('Link not valid', '<p>This link is not valid. If you paid, your order page will show it shortly.</p>', 400);
}

$orderId = (string) ($redirect->params()['pg_order_id'] ?? '');
$order = Shop\orders()->find($orderId);
if ($order === null) {
    Shop\page('Order not found', '<p>We cannot find this order.</p>', 404);
}
$what = Shop\h($order['description']) . ', ' . Shop\h($order['amount']) . ' ' . Shop\h($order['currency']);

if ($order['status'] === 'paid') {
    Shop\page('Thank you', '<p id="status" data-status="paid">Order <strong>' . Shop\h($order['id'])
        . "</strong> ($what) is paid. We will send it to you shortly.</p>");
}
if ($order['status'] === 'cancelled') {
    Shop\page('Order cancelled', '<p id="status" data-status="cancelled">Order <strong>' . Shop\h($order['id'])
        . "</strong> ($what) was cancelled. If you were charged, the payment is returned to you.</p>");
}
// Open: the gateway's result_url call has not arrived yet (it usually
// comes within seconds). Ask again shortly; never mark anything here.
Shop\page('Confirming your payment', '<p id="status" data-status="confirming">We are confirming your payment for order <strong>'
    . Shop\h($order['id']) . "</strong> ($what). This page refreshes itself.</p>",
    200, '<meta http-equiv="refresh" content="5">');
