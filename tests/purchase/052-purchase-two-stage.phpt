--TEST--
Purchase: a held payment is captured (in part), refunded in part and in full; cancel before clearing; every lifecycle rule is the gateway's signed error
--EXTENSIONS--
freedompay
--FILE--
<?php
require dirname(__DIR__) . '/inc/sandbox.inc';
$sandbox = new SandboxServer();
$client = $sandbox->client(['retries' => 0]);
function api(callable $fn): string
{
    try {
        $r = $fn();
        return 'ok' . (isset($r['pg_clearing_amount']) ? " clearing {$r['pg_clearing_amount']}" : '') . (isset($r['pg_refund_amount']) ? " refund {$r['pg_refund_amount']}" : '');
    } catch (FreedomPay\ApiException $e) {
        return 'ApiException ' . $e->getErrorCode() . ' (' . (isset($e->getResponse()['pg_sig']) ? 'signed' : 'unsigned') . ')';
    } catch (FreedomPay\Exception $e) {
        return outcome($e);
    }
}
$hold = fn(string $order, string $amount = '100') => $client->cardPayment(['pg_order_id' => $order, 'pg_amount' => $amount,
    'pg_description' => 'Two-stage', 'pg_auto_clearing' => 0, 'pg_card_pan' => '5367654276102126', 'pg_card_cvc' => '321',
    'pg_card_month' => '01', 'pg_card_year' => '31', 'pg_card_name' => 'B HOLDER'])['pg_payment_id'];

$id = $hold('h-1');
$s = $client->status(['pg_payment_id' => $id]);
echo "held: {$s['pg_payment_status']}, captured {$s['pg_captured']}\n";
echo "refund before capture: ", api(fn() => $client->refund($id, '10')), "\n";
echo "capture 120 of 100:    ", api(fn() => $client->capture($id, '120')), "\n";
echo "capture 80:            ", api(fn() => $client->capture($id, 80)), "\n";
echo "capture again:         ", api(fn() => $client->capture($id)), "\n";
echo "cancel after clearing: ", api(fn() => $client->cancel($id)), "\n";
echo "refund 30.5:           ", api(fn() => $client->refund($id, 30.5)), "\n";
echo "refund 60 (50 left):   ", api(fn() => $client->refund($id, '60.00')), "\n";
echo "refund the rest:       ", api(fn() => $client->refund($id)), "\n";
$s = $client->status(['pg_payment_id' => $id]);
echo "status: {$s['pg_payment_status']}, clearing {$s['pg_clearing_amount']}, refunded {$s['pg_refund_amount']}, refunds: ",
    implode(' ', array_column($s['pg_refund_payments']['pg_refund_payment'], 'pg_amount')), "\n";

// One refund is a list of one.
$one = $hold('h-2');
$client->capture($one);
$client->refund($one, '1');
$s = $client->status(['pg_payment_id' => $one]);
echo "one refund: ", count($s['pg_refund_payments']['pg_refund_payment']), " in the list\n";

// Cancel a hold before clearing.
$c = $hold('h-3');
echo "cancel a hold:         ", api(fn() => $client->cancel($c, ['pg_receipt_positions' => [['count' => 1, 'name' => 'Book', 'price' => 100, 'tax_type' => 0]]])), "\n";
$s = $client->status(['pg_order_id' => 'h-3']);
echo "status: {$s['pg_payment_status']}, revoked ", count($s['pg_revoked_payments']['pg_revoked_payment']), "\n";
echo "capture after cancel:  ", api(fn() => $client->capture($c)), "\n";
echo "unknown payment:       ", api(fn() => $client->refund(999999)), "\n";

// A refund whose reply is lost: its outcome is unknown; a refund has no order id.
$lost = $hold('h-4');
$client->capture($lost);
try {
    $client->refund($lost, '5', ['sandbox_fault' => 'http502']);
} catch (FreedomPay\OutcomeUnknownException $e) {
    echo "lost refund reply: OutcomeUnknownException, order id ", var_export($e->getOrderId(), true), ", refunded meanwhile: ",
        $client->status(['pg_payment_id' => $lost])['pg_refund_amount'] ?? '0', "\n";
}

echo "-- refused before sending\n";
foreach ([
    fn() => $client->refund($id, '1,5'),
    fn() => $client->refund($id, -1),
    fn() => $client->capture($id, [1]),
    fn() => $client->capture('12a'),
    fn() => $client->refund($id, '5', ['pg_payment_id' => '42']),
    fn() => $client->refund($id, '5', ['pg_refund_amount' => '6']),
    fn() => $client->cancel($id, ['pg_payment_id' => $id]), // the same value twice: sent (and refused: refunded already)
] as $fn) {
    echo api($fn), "\n";
}
?>
--EXPECT--
held: success, captured 0
refund before capture: ApiException 350 (signed)
capture 120 of 100:    ApiException 351 (signed)
capture 80:            ok clearing 80
capture again:         ApiException 350 (signed)
cancel after clearing: ApiException 350 (signed)
refund 30.5:           ok refund 30.5
refund 60 (50 left):   ApiException 351 (signed)
refund the rest:       ok refund 49.5
status: refunded, clearing 80, refunded 80, refunds: -30.5 -49.5
one refund: 1 in the list
cancel a hold:         ok
status: revoked, revoked 1
capture after cancel:  ApiException 350 (signed)
unknown payment:       ApiException 340 (signed)
lost refund reply: OutcomeUnknownException, order id NULL, refunded meanwhile: 5
-- refused before sending
InvalidArgumentException: refund(): parameter "pg_refund_amount" must be an amount from 0.01 with at most 2 decimals and a decimal point, "1,5" given
InvalidArgumentException: refund(): parameter "pg_refund_amount" must be an amount from 0.01 with at most 2 decimals and a decimal point, "-1" given
InvalidArgumentException: capture(): the amount must be an int, float, string or null, array given
InvalidArgumentException: capture(): parameter "pg_payment_id" must be a gateway id (digits only), "12a" given
InvalidArgumentException: refund(): parameter "pg_payment_id" is given both as an argument and in the params, with other values
InvalidArgumentException: refund(): parameter "pg_refund_amount" is given both as an argument and in the params, with other values
ApiException 350 (signed)
