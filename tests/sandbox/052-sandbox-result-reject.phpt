--TEST--
Sandbox callbacks: "rejected" in the reply to result_url is honoured only with pg_can_reject=1 and only on the first attempt: the payment is refunded (or its hold cancelled) and the payer sent to the failure URL with the shop's description; later or unallowed rejections leave the payment as it is
--FILE--
<?php
require __DIR__ . '/shop.inc';
use FreedomPaySandbox\Signature;

$s = new FreedomPaySandbox\Server();
$shop = new TestShop();
$s->settings(['retry_interval' => 1, 'retry_window' => 3], 'notifications');

function pay_to(FreedomPaySandbox\Server $s, TestShop $shop, string $path, array $answers, string $card = '4716047261941981',
    array $extra = []): string
{
    $shop->plan($path, $answers);
    return sb_pay_card($s, $card, $extra + ['pg_result_url' => $shop->url . $path, 'pg_amount' => '80'])['pg_payment_id'];
}

// Paid, rejected on the first attempt: refunded in full.
$id = pay_to($s, $shop, '/a/result', ['rejected:Tickets sold out']);
$n = $s->awaitNotification($id);
echo 'paid, rejected: ', sb_show($n, 'status', 'outcome', 'attempts', 'can_reject'), "\n";
$st = sb_status($s, $id);
echo '  payment: ', sb_show($st, 'pg_payment_status', 'pg_captured', 'pg_clearing_amount', 'pg_refund_amount'), ' ',
    json_encode(array_map(fn($r) => $r['pg_amount'], $st['pg_refund_payments']['pg_refund_payment'])), "\n";
echo '  refunding it again: ', sb_error(sb_call($s, '/revoke.php', ['pg_payment_id' => $id])), "\n";

// Held (two-stage), rejected: the hold is cancelled.
$id = pay_to($s, $shop, '/b/result', ['rejected'], extra: ['pg_auto_clearing' => '0']);
$s->awaitNotification($id);
echo 'held, rejected: ', sb_show(sb_status($s, $id), 'pg_payment_status', 'pg_captured', 'pg_revoked_amount'), "\n";

// The first attempt failed: a later "rejected" cannot reject any more.
$id = pay_to($s, $shop, '/c/result', ['http500', 'rejected:Too late']);
$n = $s->awaitNotification($id);
echo 'rejected on attempt 2: ', sb_show($n, 'status', 'outcome', 'attempts'), ' [', implode(', ', array_map('attempt_line', $n['history'])), "]\n";
echo '  ', $n['history'][1]['detail'], "\n";
echo '  payment: ', sb_show(sb_status($s, $id), 'pg_payment_status', 'pg_captured'), "\n";

// A declined payment cannot be rejected.
$id = pay_to($s, $shop, '/d/result', ['rejected'], '5548398681700148');
$n = $s->awaitNotification($id);
echo 'declined, rejected: ', sb_show($n, 'outcome', 'can_reject'), ' payment ', sb_status($s, $id)['pg_payment_status'], "\n";

// pg_can_reject=0 (the setting): the payment stands.
$s->settings(['can_reject' => 0], 'notifications');
$id = pay_to($s, $shop, '/e/result', ['rejected']);
$n = $s->awaitNotification($id);
echo 'can_reject 0: ', sb_show($n, 'outcome', 'can_reject'), ' pg_can_reject=', $n['history'][0]['request']['pg_can_reject'],
    ' payment ', sb_status($s, $id)['pg_payment_status'], ': ', $n['history'][0]['detail'], "\n";
$s->settings(['can_reject' => 1], 'notifications');

// The hosted page waits for the shop's first answer, then sends the payer to the failure URL.
$shop->plan('/page/result', ['delay:3:rejected:Sold out, sorry']);
$init = sb_call($s, '/init_payment.php', ['pg_amount' => '250', 'pg_description' => 'concert', 'pg_order_id' => 'page-1',
    'pg_result_url' => "$shop->url/page/result", 'pg_success_url' => 'https://shop.example/ok',
    'pg_failure_url' => 'https://shop.example/pay/failed', 'seat' => 'A7']);
$page = parse_url($init['pg_redirect_url'], PHP_URL_PATH) . '?' . parse_url($init['pg_redirect_url'], PHP_URL_QUERY);
[$code, , $html] = sb_http($s, 'POST', $page, ['card_number' => '4405645000006150', 'card_exp' => '12/30', 'card_cvc' => '123',
    'card_holder' => 'Test']);
echo "page after paying: $code ", str_contains($html, 'Confirming your order') ? 'waits for the shop' : 'DOES NOT WAIT', "\n";
$deadline = microtime(true) + 60;
do {
    usleep(100000);
    [$code, $headers, $html] = sb_http($s, 'GET', $page);
} while ($code === 200 && microtime(true) < $deadline);
$location = $headers['location'] ?? '';
parse_str((string) parse_url($location, PHP_URL_QUERY), $q);
echo "then: $code ", strtok($location, '?'), ' ', sb_show($q, 'pg_order_id', 'pg_error_code', 'pg_error_description', 'seat'),
    ' signature ', Signature::verifyRequest('failed', $q, SB_SECRET) ? 'valid' : 'INVALID', "\n";
echo '  payment: ', sb_show(sb_status($s, $init['pg_payment_id']), 'pg_payment_status', 'pg_refund_amount'), "\n";

// Without a shop URL to go back to, the result page says why.
$shop->plan('/page2/result', ['rejected:No stock left']);
$init = sb_call($s, '/init_payment.php', ['pg_amount' => '5', 'pg_description' => 'x', 'pg_result_url' => "$shop->url/page2/result"]);
$s->pay($init['pg_payment_id']);
$s->awaitNotification($init['pg_payment_id']);
$page = parse_url($init['pg_redirect_url'], PHP_URL_PATH) . '?' . parse_url($init['pg_redirect_url'], PHP_URL_QUERY);
[$code, , $html] = sb_http($s, 'GET', $page);
echo "result page: $code ", str_contains($html, 'Payment rejected by the shop') && str_contains($html, 'No stock left') ? 'rejected, with the reason' : 'WRONG', "\n";

// can_reject 0: the page does not wait.
$s->settings(['can_reject' => 0], 'notifications');
$shop->plan('/page3/result', ['delay:2']);
$init = sb_call($s, '/init_payment.php', ['pg_amount' => '5', 'pg_description' => 'x', 'pg_result_url' => "$shop->url/page3/result",
    'pg_success_url' => 'https://shop.example/ok']);
$page = parse_url($init['pg_redirect_url'], PHP_URL_PATH) . '?' . parse_url($init['pg_redirect_url'], PHP_URL_QUERY);
[$code, $headers] = sb_http($s, 'POST', $page, ['card_number' => '4405645000006150', 'card_exp' => '12/30', 'card_cvc' => '123']);
echo "no rejecting: $code ", strtok($headers['location'] ?? '', '?'), "\n";
?>
--EXPECT--
paid, rejected: status=delivered outcome=rejected attempts=1 can_reject=1
  payment: pg_payment_status=refunded pg_captured=1 pg_clearing_amount=80 pg_refund_amount=80 ["-80"]
  refunding it again: error 350 refund is not allowed: payment 1000001 is refunded (fully); nothing is left to refund (signed)
held, rejected: pg_payment_status=revoked pg_captured=0 pg_revoked_amount=80
rejected on attempt 2: status=delivered outcome=rejected_ignored attempts=2 [1 http_status 500, 2 rejected_ignored 200]
  the shop answered rejected on attempt 2: only the first attempt can reject; the payment stands
  payment: pg_payment_status=success pg_captured=1
declined, rejected: outcome=rejected_ignored can_reject=0 payment error
can_reject 0: outcome=rejected_ignored can_reject=0 pg_can_reject=0 payment success: the shop answered rejected, but pg_can_reject=0: the payment stands
page after paying: 200 waits for the shop
then: 303 https://shop.example/pay/failed pg_order_id=page-1 pg_error_code=413 pg_error_description=Sold out, sorry seat=A7 signature valid
  payment: pg_payment_status=refunded pg_refund_amount=250
result page: 200 rejected, with the reason
no rejecting: 303 https://shop.example/ok
