<?php
/*
 * result_url: the gateway tells the shop how a payment ended. This, and
 * nothing the payer's browser brings, is what marks an order paid.
 *
 * 1. Verify. Callback::fromRequest() checks pg_sig over every field
 *    received, with this page's URL as given to the gateway (the script
 *    name is its last segment, "result.php") and the shop's secret key. A
 *    callback sent as one pg_xml field is verified as XML.
 * 2. Check it is about this shop's order, for the order's amount and
 *    currency (expect()): a genuine callback about another amount means
 *    the order changed after the payment was made, or a bug; it pays
 *    nothing here.
 * 3. Decide and record in one transaction: the order is marked paid once,
 *    by a guarded UPDATE, however often and however concurrently the
 *    gateway delivers the callback.
 * 4. Answer with $callback->reply(): signed XML, the same bytes for every
 *    delivery of the same callback (the gateway repeats result_url every
 *    30 minutes for 2 hours until it gets an answer, and wants the same
 *    one). The decision is a function of the stored state, which only
 *    moves forward, so a repeat is decided the same way.
 *
 * Refused (HTTP 403/404/400, no XML, nothing changed): a wrong or missing
 * signature, an unknown order, another amount or currency. The gateway
 * retries those; they are logged for a person to look at.
 */
declare(strict_types=1);

require dirname(__DIR__) . '/src/bootstrap.php';

use FreedomPay\Callback;
use FreedomPay\Exception as FreedomPayException;
use FreedomPay\SignatureException;

$config = Shop\config();

try {
    $callback = Callback::fromRequest(Shop\request_fields(), Shop\url('result.php'), $config['secret_key']);
} catch (FreedomPayException $e) {
    Shop\refuse(403, 'result', $e->getMessage());
}

$fields = $callback->params();
$orderId = (string) ($fields['pg_order_id'] ?? '');
$paymentId = (string) ($fields['pg_payment_id'] ?? '');
$orders = Shop\orders();
$order = $orders->find($orderId);
if ($order === null || $paymentId === '') {
    Shop\refuse(404, 'result', "a signed callback about order \"$orderId\", which this shop does not have, or without pg_payment_id");
}
try {
    $callback->expect($order['id'], $order['amount']);
    if (($fields['pg_currency'] ?? $order['currency']) !== $order['currency']) {
        throw new SignatureException("The callback is in {$fields['pg_currency']}, order {$order['id']} in {$order['currency']}");
    }
} catch (SignatureException $e) {
    Shop\refuse(400, 'result', $e->getMessage());
}

[$status, $description] = $orders->transaction(function (Shop\Orders $orders) use ($callback, $fields, $orderId, $paymentId): array {
    $order = $orders->find($orderId);              // as it is now, inside the transaction
    $orders->addPayment($orderId, $paymentId);      // known already, unless its checkout died after creating it

    if (!$callback->isSuccessful()) {
        // Declined, or not paid in time. The order stays open: the payer may try again.
        $orders->setPaymentStatus($paymentId, 'failed', (string) ($fields['pg_failure_description'] ?? ''));
        return ['ok', 'Payment failure noted'];
    }
    if ($orders->markPaid($orderId, $paymentId) || $order['paid_payment_id'] === $paymentId) {
        // Paid now, or this is a repeated delivery of the callback that paid it.
        return ['ok', 'Order paid'];
    }
    // Paid, but the order cannot take it: it was paid already by another
    // payment (two tabs, a retried checkout), or the shop cancelled it.
    $why = $order['status'] === 'paid' ? 'Order already paid' : 'Order cancelled';
    if ($callback->canReject()) {
        // The gateway cancels the payment and sends the payer to the failure page with this text.
        $orders->setPaymentStatus($paymentId, 'rejected', $why);
        return ['rejected', $why];
    }
    // Too late to refuse (pg_can_reject=0): the money is taken. Accept the
    // callback and leave the payment for a refund (Client::refund()).
    $orders->setPaymentStatus($paymentId, 'refund_due', $why);
    error_log("shop result: payment $paymentId of order $orderId cannot be refused ($why): refund it");
    return ['ok', "$why: this payment will be refunded"];
});

Shop\send_xml($callback->reply($status, $description));
