--TEST--
Sandbox callbacks: check_url is asked before a payment is charged (g2g/payment, the hosted page, card/direct, recurring), by POST, GET or XML; only a correctly signed "ok" lets it be charged; rejected (410), error (411) or no valid answer in time (412) decline it
--FILE--
<?php
require __DIR__ . '/shop.inc';
$s = new FreedomPaySandbox\Server();
$shop = new TestShop();
$s->settings(['check_timeout' => 1], 'notifications');

function card_with_check(FreedomPaySandbox\Server $s, TestShop $shop, string $path, array $answers, array $extra = [],
    string $card = '4716047261941981'): array
{
    $shop->plan($path, $answers);
    return sb_pay_card($s, $card, $extra + ['pg_check_url' => $shop->url . $path]);
}

// ok: charged; the question is recorded like any callback.
$r = card_with_check($s, $shop, '/ok/check', ['ok'], ['pg_amount' => '42.5', 'cart' => 'c-9', 'pg_testing_mode' => '1']);
echo 'ok: ', sb_show($r, 'pg_status', 'pg_payment_status'), "\n";
$n = $s->notifications($r['pg_payment_id'], 'check')[0];
echo '  ', sb_show($n, 'kind', 'method', 'status', 'outcome', 'attempts'), "\n";
echo '  fields: ', implode(',', array_keys($n['history'][0]['request'])), "\n";
$got = $shop->received('/ok/check')[0];
echo '  the shop got: ', sb_show($got['fields'], 'pg_amount', 'pg_currency', 'pg_ps_amount', 'pg_ps_full_amount', 'pg_testing_mode', 'cart'),
    ', signature ', $got['sig_ok'] ? 'valid (script "check")' : 'INVALID', "\n";

// Refusals: the payment is declined, and says why.
foreach ([
    'rejected' => ['rejected:Out of stock'],
    'error' => ['error:Try later'],
    'not 200' => ['http500'],
    'unsigned' => ['nosig'],
    'wrongly signed' => ['badsig'],
    'not XML' => ['notxml'],
    'too slow' => ['delay:3'],
] as $name => $answers) {
    $r = card_with_check($s, $shop, '/' . str_replace(' ', '-', $name) . '/check', $answers);
    echo str_pad($name, 15), sb_show($r, 'pg_status', 'pg_payment_status', 'pg_failure_code', 'pg_failure_description'), "\n";
}
$r = sb_pay_card($s, '4716047261941981', ['pg_check_url' => 'http://127.0.0.1:' . closed_port() . '/check']);
echo str_pad('nobody there', 15), sb_show($r, 'pg_status', 'pg_failure_code'), ' ', $s->notifications($r['pg_payment_id'], 'check')[0]['outcome'], "\n";
$r = sb_pay_card($s, '4716047261941981', ['pg_check_url' => 'https://shop.example/check']);
echo str_pad('not loopback', 15), sb_show($r, 'pg_status', 'pg_failure_code'), ' ', $s->notifications($r['pg_payment_id'], 'check')[0]['outcome'], "\n";
echo '  status: ', sb_show(sb_status($s, $r['pg_payment_id']), 'pg_payment_status', 'pg_failure_code', 'pg_card_pan'), "\n";

// A refused payment is decided: result_url hears of it.
$r = card_with_check($s, $shop, '/no/check', ['rejected:No'], ['pg_result_url' => "$shop->url/no/result"]);
$n = $s->awaitNotification($r['pg_payment_id']);
$f = $n['history'][0]['request'];
echo 'result after a refusal: ', sb_show($f, 'pg_result', 'pg_failure_code', 'pg_failure_description'), "\n";

// Asked before 3-D Secure: a refused card never goes to the ACS.
$r = card_with_check($s, $shop, '/3ds/check', ['rejected'], [], '4916307416334310');
echo '3-D Secure card refused: ', sb_show($r, 'pg_status', 'pg_3ds', 'pg_failure_code'), "\n";
$r = card_with_check($s, $shop, '/3ds-ok/check', ['ok'], [], '4916307416334310');
echo '3-D Secure card allowed: ', sb_show($r, 'pg_status', 'pg_3ds'), "\n";

// The same idempotency key: the payment made the first time, no second question.
$r1 = card_with_check($s, $shop, '/idem/check', ['ok'], ['pg_idempotency_key' => 'k-1', 'pg_order_id' => 'idem']);
$r2 = card_with_check($s, $shop, '/idem/check', ['ok'], ['pg_idempotency_key' => 'k-1', 'pg_order_id' => 'idem']);
echo 'idempotent: ', var_export($r1['pg_payment_id'] === $r2['pg_payment_id'], true), ', asked ', count($shop->received('/idem/check')), "\n";

// GET and XML.
$r = card_with_check($s, $shop, '/get/check', ['ok'], ['pg_request_method' => 'GET']);
$got = $shop->received('/get/check')[0];
echo 'GET: ', $r['pg_status'], ' ', $got['method'], ' ', $got['sig_ok'] ? 'valid' : 'INVALID', "\n";
$r = card_with_check($s, $shop, '/xml/check', ['rejected:Blocked user'], ['pg_request_method' => 'XML']);
$got = $shop->received('/xml/check')[0];
echo 'XML: ', sb_show($r, 'pg_status', 'pg_failure_code'), ' ', str_starts_with($got['xml'], '<?xml') ? 'pg_xml' : 'NO XML', ' ',
    $got['sig_ok'] ? 'valid' : 'INVALID', "\n";

// The hosted page: its card form, and the pay control.
$shop->plan('/page/check', ['rejected:Closed for today', 'ok']);
$init = sb_call($s, '/init_payment.php', ['pg_amount' => '10', 'pg_description' => 'page', 'pg_check_url' => "$shop->url/page/check"]);
$page = parse_url($init['pg_redirect_url'], PHP_URL_PATH) . '?' . parse_url($init['pg_redirect_url'], PHP_URL_QUERY);
[$code, , $html] = sb_http($s, 'POST', $page, ['card_number' => '4405645000006150', 'card_exp' => '12/30', 'card_cvc' => '123']);
echo "page: $code ", str_contains($html, 'Payment declined') && str_contains($html, 'Rejected by the shop: Closed for today') ? 'declined, with the reason' : 'WRONG', "\n";
$init = sb_call($s, '/init_payment.php', ['pg_amount' => '10', 'pg_description' => 'page', 'pg_check_url' => "$shop->url/page/check"]);
echo 'pay control, allowed: ', json_encode($s->pay($init['pg_payment_id'])), "\n";
$shop->plan('/page/check', ['error']);
$init = sb_call($s, '/init_payment.php', ['pg_amount' => '10', 'pg_description' => 'page', 'pg_check_url' => "$shop->url/page/check"]);
echo 'pay control, refused: ', json_encode($s->pay($init['pg_payment_id'])), "\n";

// card/direct and recurring payments.
$card = $s->addCard('u-1', '4716047261941981');
$v1 = '/v1/merchant/' . SB_MERCHANT . '/card';
$shop->plan('/direct/check', ['rejected:Limit reached', 'ok']);
foreach (['refused', 'allowed'] as $what) {
    $i = sb_call($s, "$v1/init", ['pg_user_id' => 'u-1', 'pg_card_token' => $card['pg_card_token'], 'pg_amount' => '9',
        'pg_description' => 'saved', 'pg_order_id' => "direct-$what", 'pg_check_url' => "$shop->url/direct/check"]);
    echo "card/direct, $what: ", sb_show(sb_call($s, "$v1/direct", ['pg_payment_id' => $i['pg_payment_id']]), 'pg_status', 'pg_failure_code', 'pg_failure_description'), "\n";
}
$first = sb_pay_card($s, '4716047261941981', ['pg_recurring_start' => '1']);
$shop->plan('/rec/check', ['rejected:Subscription ended']);
echo 'recurring, refused: ', sb_show(sb_call($s, '/make_recurring_payment.php', ['pg_recurring_profile' => $first['pg_recurring_profile_id'],
    'pg_amount' => '3', 'pg_description' => 'monthly', 'pg_order_id' => 'rec-x', 'pg_check_url' => "$shop->url/rec/check"]),
    'pg_status', 'pg_failure_code', 'pg_failure_description'), "\n";
echo 'checks recorded: ', count($s->notifications(null, 'check')), "\n";
?>
--EXPECTF--
ok: pg_status=ok pg_payment_status=success
  kind=check method=POST status=delivered outcome=ok attempts=1
  fields: pg_order_id,pg_payment_id,pg_amount,pg_currency,pg_ps_amount,pg_ps_currency,pg_ps_full_amount,pg_payment_system,pg_description,pg_testing_mode,cart,pg_salt,pg_sig
  the shop got: pg_amount=42.5 pg_currency=KZT pg_ps_amount=42.5 pg_ps_full_amount=42.5 pg_testing_mode=1 cart=c-9, signature valid (script "check")
rejected       pg_status=failed pg_payment_status=error pg_failure_code=410 pg_failure_description=Rejected by the shop: Out of stock
error          pg_status=failed pg_payment_status=error pg_failure_code=411 pg_failure_description=The shop refused the payment: Try later
not 200        pg_status=failed pg_payment_status=error pg_failure_code=412 pg_failure_description=The shop did not confirm the payment: HTTP 500: the shop must answer 200
unsigned       pg_status=failed pg_payment_status=error pg_failure_code=412 pg_failure_description=The shop did not confirm the payment: the reply is not signed (no pg_sig)
wrongly signed pg_status=failed pg_payment_status=error pg_failure_code=412 pg_failure_description=The shop did not confirm the payment: the reply's pg_sig is wrong (script name "check")
not XML        pg_status=failed pg_payment_status=error pg_failure_code=412 pg_failure_description=The shop did not confirm the payment: the reply is not XML: the shop must answer a signed <response>
too slow       pg_status=failed pg_payment_status=error pg_failure_code=412 pg_failure_description=The shop did not confirm the payment: no complete answer within 1s
nobody there   pg_status=failed pg_failure_code=412 unreachable
not loopback   pg_status=failed pg_failure_code=412 not_loopback
  status: pg_payment_status=error pg_failure_code=412 pg_card_pan=4716-04XX-XXXX-1981
result after a refusal: pg_result=0 pg_failure_code=410 pg_failure_description=Rejected by the shop: No
3-D Secure card refused: pg_status=failed pg_3ds=0 pg_failure_code=410
3-D Secure card allowed: pg_status=pending pg_3ds=1
idempotent: true, asked 1
GET: ok GET valid
XML: pg_status=failed pg_failure_code=410 pg_xml valid
page: 200 declined, with the reason
pay control, allowed: {"pg_payment_id":%d,"status":"success","failure_code":null,"failure_description":null,"http_status":200}
pay control, refused: {"pg_payment_id":%d,"status":"failed","failure_code":411,"failure_description":"The shop refused the payment","http_status":200}
card/direct, refused: pg_status=failed pg_failure_code=410 pg_failure_description=Rejected by the shop: Limit reached
card/direct, allowed: pg_status=ok
recurring, refused: pg_status=failed pg_failure_code=410 pg_failure_description=Rejected by the shop: Subscription ended
checks recorded: 22
