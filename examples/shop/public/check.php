<?php
/*
 * check_url: before charging the payer, the gateway asks whether the order
 * may still be paid. "ok" while it is open; "rejected" (the gateway then
 * declines the payment, the payer sees the description) once it is paid or
 * cancelled. Verified exactly as result.php verifies, and changes nothing:
 * only result_url's answer decides an order.
 */
declare(strict_types=1);

require dirname(__DIR__) . '/src/bootstrap.php';

use FreedomPay\Callback;
use FreedomPay\Exception as FreedomPayException;
use FreedomPay\SignatureException;

$config = Shop\config();

try {
    $callback = Callback::fromRequest(Shop\request_fields(), Shop\url('check.php'), $config['secret_key']);
} catch (FreedomPayException $e) {
    Shop\refuse(403, 'check', $e->getMessage());
}

$fields = $callback->params();
$order = Shop\orders()->find((string) ($fields['pg_order_id'] ?? ''));
if ($order === null) {
    Shop\refuse(404, 'check', 'a signed check about order "' . ($fields['pg_order_id'] ?? '') . '", which this shop does not have');
}
try {
    $callback->expect($order['id'], $order['amount']);
    if (($fields['pg_currency'] ?? $order['currency']) !== $order['currency']) {
        throw new SignatureException("The check is in {$fields['pg_currency']}, order {$order['id']} in {$order['currency']}");
    }
} catch (SignatureException $e) {
    Shop\refuse(400, 'check', $e->getMessage());
}

Shop\send_xml(match ($order['status']) {
    'open' => $callback->reply('ok', 'Order awaits payment'),
    'paid' => $callback->reply('rejected', 'Order already paid'),
    default => $callback->reply('rejected', 'Order cancelled'),
});
