<?php
/*
 * pg_failure_url: the payer's browser comes back after a declined or
 * abandoned payment, with the gateway's pg_error_description. Verified like
 * success.php (so the text shown really is the gateway's), and, like it,
 * no proof of anything: the order is whatever result.php recorded. An
 * order still open can be paid again (a new payment, same order).
 */
declare(strict_types=1);

require dirname(__DIR__) . '/src/bootstrap.php';

use FreedomPay\Callback;
use FreedomPay\Exception as FreedomPayException;

$config = Shop\config();

try {
    $redirect = Callback::fromRequest(Shop\request_fields(), Shop\url('failure.php'), $config['secret_key']);
} catch (FreedomPayException $e) {
    error_log('shop failure: ' . $e->getMessage());
    Shop\page('Link not valid', '<p>This link is not valid.</p>', 400);
}

$fields = $redirect->params();
$order = Shop\orders()->find((string) ($fields['pg_order_id'] ?? ''));
if ($order === null) {
    Shop\page('Order not found', '<p>We cannot find this order.</p>', 404);
}
if ($order['status'] === 'paid') {
    // e.g. a second payment refused because the first one had paid the order
    Shop\page('Order paid', '<p id="status" data-status="paid">Order <strong>' . Shop\h($order['id'])
        . '</strong> is paid already, by an earlier payment. This one is not kept: it is cancelled or refunded to you.</p>');
}
$why = (string) ($fields['pg_error_description'] ?? '');
$body = '<p id="status" data-status="' . Shop\h($order['status']) . '">The payment for order <strong>' . Shop\h($order['id'])
    . '</strong> did not go through' . ($why !== '' ? ': <span id="reason">' . Shop\h($why) . '</span>' : '') . '.</p>';
if ($order['status'] === 'open') {
    $body .= '<form method="post" action="checkout.php"><input type="hidden" name="order" value="' . Shop\h($order['id']) . '">'
        . '<button>Try again</button></form>';
}
Shop\page('Payment not completed', $body);
