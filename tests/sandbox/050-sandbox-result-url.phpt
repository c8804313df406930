--TEST--
Sandbox callbacks: result_url is called once a payment is decided (paid, held, declined; g2g/payment, 3-D Secure, slow cards, the hosted page, recurring), signed with the merchant's key, by POST, GET or XML; recorded with every attempt
--FILE--
<?php
require __DIR__ . '/shop.inc';
$s = new FreedomPaySandbox\Server();
$shop = new TestShop();
$result = "$shop->url/shop/pay/result";

function show_result(array $n, array $names): string
{
    $f = $n['history'][count($n['history']) - 1]['request'];
    return implode(' ', array_map(fn($k) => "$k=" . ($f[$k] ?? '(none)'), $names));
}

// Paid at once, one-stage; with the shop's own fields, phone and e-mail.
$paid = sb_pay_card($s, '4716047261941981', ['pg_result_url' => $result, 'pg_amount' => '500', 'pg_testing_mode' => '1',
    'pg_user_phone' => '77077777777', 'pg_user_contact_email' => 'buyer@example.kz', 'order_note' => 'gift wrap; "fragile"']);
$n = $s->awaitNotification($paid['pg_payment_id']);
echo 'paid: ', sb_show($n, 'kind', 'subject', 'method', 'key', 'status', 'outcome', 'attempts', 'can_reject'), "\n";
echo '  fields: ', implode(',', array_keys($n['history'][0]['request'])), "\n";
echo '  ', show_result($n, ['pg_amount', 'pg_net_amount', 'pg_ps_amount', 'pg_ps_full_amount', 'pg_ps_currency', 'pg_result',
    'pg_can_reject', 'pg_captured', 'pg_testing_mode', 'pg_card_pan', 'pg_card_exp', 'pg_card_owner', 'pg_card_brand',
    'pg_payment_method', 'pg_user_phone', 'pg_user_contact_email', 'order_note']), "\n";
$st = sb_status($s, $paid['pg_payment_id']);
$f = $n['history'][0]['request'];
echo '  agrees with get_status3: ', var_export($f['pg_reference'] === $st['pg_reference'] && $f['pg_payment_date'] === $st['pg_payment_date']
    && $f['pg_order_id'] === $st['pg_order_id'] && $f['pg_payment_id'] === $paid['pg_payment_id'], true), "\n";
$got = $shop->received('/shop/pay/result');
echo '  the shop got: ', count($got), ' ', $got[0]['method'], ' ', $got[0]['content_type'], ' signature ',
    $got[0]['sig_ok'] ? 'valid (script "result")' : 'INVALID', "\n";
$a = $n['history'][0];
echo '  attempt: ', attempt_line($a), ' ', $a['detail'], ', reply kept: ', str_contains($a['reply'], '<pg_status>ok</pg_status>') ? 'yes' : 'no', "\n";

// Declined, and held (two-stage).
$declined = sb_pay_card($s, '4939770956154989', ['pg_result_url' => $result]);
$n = $s->awaitNotification($declined['pg_payment_id']);
echo 'declined: ', $n['outcome'], ' ', show_result($n, ['pg_result', 'pg_can_reject', 'pg_captured', 'pg_failure_code', 'pg_failure_description']), "\n";
$held = sb_pay_card($s, '5367654276102126', ['pg_result_url' => $result, 'pg_auto_clearing' => '0']);
$n = $s->awaitNotification($held['pg_payment_id']);
echo 'held: ', $n['outcome'], ' ', show_result($n, ['pg_result', 'pg_can_reject', 'pg_captured', 'pg_failure_code']), "\n";
sb_call($s, '/do_capture.php', ['pg_payment_id' => $held['pg_payment_id']]);
echo '  after capture: ', count($s->notifications($held['pg_payment_id'])), " notification (a capture is not a decision)\n";

// 3-D Secure: nothing while waiting, once decided.
$three = sb_pay_card($s, '4916307416334310', ['pg_result_url' => $result]);
usleep(300000);
echo '3ds waiting: ', count($s->notifications($three['pg_payment_id'])), " notifications\n";
$answer = $s->threeDs($three['pg_payment_id'], false);
sb_call($s, '/g2g/paymentAcs', ['pg_payment_id' => $three['pg_payment_id'], 'pg_3d_md' => $answer['pg_3d_md'], 'pg_3d_pares' => $answer['pg_3d_pares']]);
echo '3ds failed: ', show_result($s->awaitNotification($three['pg_payment_id']), ['pg_result', 'pg_failure_code']), "\n";

// A slow card: when its status query decides it.
$s->settings(['slow_polls' => 1]);
$slow = sb_pay_card($s, '4916109830832246', ['pg_result_url' => $result]);
sb_status($s, $slow['pg_payment_id']);
usleep(300000);
echo 'slow, pending: ', count($s->notifications($slow['pg_payment_id'])), " notifications\n";
sb_status($s, $slow['pg_payment_id']);
echo 'slow, decided: ', show_result($s->awaitNotification($slow['pg_payment_id']), ['pg_result']), "\n";

// The hosted page (through the pay control), and a recurring payment.
$page = sb_call($s, '/init_payment.php', ['pg_amount' => '12.5', 'pg_description' => 'page', 'pg_result_url' => $result, 'pg_order_id' => 'page-1']);
echo 'page, not paid yet: ', count($s->notifications($page['pg_payment_id'])), " notifications\n";
$s->pay($page['pg_payment_id'], '5483185000000293');
echo 'page, paid: ', show_result($s->awaitNotification($page['pg_payment_id']), ['pg_order_id', 'pg_amount', 'pg_net_amount', 'pg_card_brand']), "\n";
$first = sb_pay_card($s, '4716047261941981', ['pg_recurring_start' => '1']);
$rec = sb_call($s, '/make_recurring_payment.php', ['pg_recurring_profile' => $first['pg_recurring_profile_id'], 'pg_amount' => '7',
    'pg_description' => 'monthly', 'pg_order_id' => 'rec-1', 'pg_result_url' => $result]);
echo 'recurring: ', show_result($s->awaitNotification($rec['pg_payment_id']), ['pg_order_id', 'pg_result']), "\n";
echo 'without pg_result_url: ', count($s->notifications($first['pg_payment_id'])), " notifications\n";
$unpaid = sb_call($s, '/init_payment.php', ['pg_amount' => '1', 'pg_description' => 'x', 'pg_result_url' => $result]);
sb_call($s, '/cancel.php', ['pg_payment_id' => $unpaid['pg_payment_id']]);
echo 'cancelled unpaid: ', count($s->notifications($unpaid['pg_payment_id'])), " notifications\n";

// GET: the fields join the URL's own query string; the signature covers all of it.
$get = sb_pay_card($s, '4716047261941981', ['pg_result_url' => "$shop->url/shop/get/result?shop_ref=77", 'pg_request_method' => 'get']);
$n = $s->awaitNotification($get['pg_payment_id']);
$got = $shop->received('/shop/get/result');
echo 'GET: ', $n['method'], ' ', $n['outcome'], ' ', $got[0]['method'], ' shop_ref=', $got[0]['query']['shop_ref'],
    ' pg_payment_id ', $got[0]['query']['pg_payment_id'] === $get['pg_payment_id'] ? 'in the query' : 'MISSING',
    ' signature ', $got[0]['sig_ok'] ? 'valid' : 'INVALID', "\n";
echo '  url: ', preg_replace('~^http://127\.0\.0\.1:\d+~', 'SHOP', strtok($n['history'][0]['url'], '&')), "&…\n";

// XML: one pg_xml field holding <request>…</request>.
$x = sb_pay_card($s, '4716047261941981', ['pg_result_url' => "$shop->url/shop/xml/result", 'pg_request_method' => 'XML', 'note' => 'a<b']);
$n = $s->awaitNotification($x['pg_payment_id']);
$got = $shop->received('/shop/xml/result');
$doc = simplexml_load_string($got[0]['xml']);
echo 'XML: ', $n['method'], ' ', $n['outcome'], ' root <', $doc->getName(), '> ', $doc->count(), ' fields, note=', $got[0]['fields']['note'],
    ', signature ', $got[0]['sig_ok'] ? 'valid' : 'INVALID', ', the only form field: ', $got[0]['content_type'], "\n";
echo 'bad pg_request_method: ', sb_error(sb_pay_card($s, '4716047261941981', ['pg_result_url' => $result, 'pg_request_method' => 'PUT'])), "\n";

// Another merchant's payment is signed with its own key.
$t = new FreedomPaySandbox\Server(1, null, ['SANDBOX_MERCHANTS' => '500002:other-secret:other-payout']);
$shop->plan('/other/result', ['ok'], 'other-secret');
$o = sb_call($t, '/g2g/payment', ['pg_merchant_id' => '500002', 'pg_amount' => '3', 'pg_description' => 'other', 'pg_order_id' => 'o-1',
    'pg_result_url' => "$shop->url/other/result"] + sb_card('4716047261941981'), 'other-secret');
echo 'merchant 500002: ', $t->awaitNotification($o['pg_payment_id'])['outcome'], ', shop checks with its key: ',
    $shop->received('/other/result')[0]['sig_ok'] ? 'valid' : 'INVALID', "\n";
$t->stop();

// Only loopback URLs are called: anything else is given up at once.
$far = sb_pay_card($s, '4716047261941981', ['pg_result_url' => 'https://shop.example/result']);
$n = $s->awaitNotification($far['pg_payment_id']);
echo 'not loopback: ', sb_show($n, 'status', 'outcome', 'attempts'), ' ', $n['history'][0]['detail'], "\n";
echo 'list by kind: ', count($s->notifications(null, 'result')), ' results, ', count($s->notifications(null, 'check')), " checks\n";
echo 'shop requests in all: ', count($shop->received()), "\n";
?>
--EXPECTF--
paid: kind=result subject=payment method=POST key=payment status=delivered outcome=ok attempts=1 can_reject=1
  fields: pg_order_id,pg_payment_id,pg_amount,pg_currency,pg_net_amount,pg_ps_amount,pg_ps_full_amount,pg_ps_currency,pg_payment_system,pg_description,pg_result,pg_payment_date,pg_can_reject,pg_user_phone,pg_user_contact_email,pg_testing_mode,pg_captured,pg_reference,pg_card_pan,pg_card_exp,pg_card_owner,pg_card_brand,pg_payment_method,order_note,pg_salt,pg_sig
  pg_amount=500 pg_net_amount=482.5 pg_ps_amount=500 pg_ps_full_amount=500 pg_ps_currency=KZT pg_result=1 pg_can_reject=1 pg_captured=1 pg_testing_mode=1 pg_card_pan=4716-04XX-XXXX-1981 pg_card_exp=12/30 pg_card_owner=TEST CARDHOLDER pg_card_brand=VISA pg_payment_method=bankcard pg_user_phone=77077777777 pg_user_contact_email=buyer@example.kz order_note=gift wrap; "fragile"
  agrees with get_status3: true
  the shop got: 1 POST application/x-www-form-urlencoded signature valid (script "result")
  attempt: 1 ok 200 pg_status=ok, reply kept: yes
declined: ok pg_result=0 pg_can_reject=0 pg_captured=0 pg_failure_code=51 pg_failure_description=Insufficient funds
held: ok pg_result=1 pg_can_reject=1 pg_captured=0 pg_failure_code=(none)
  after capture: 1 notification (a capture is not a decision)
3ds waiting: 0 notifications
3ds failed: pg_result=0 pg_failure_code=6
slow, pending: 0 notifications
slow, decided: pg_result=1
page, not paid yet: 0 notifications
page, paid: pg_order_id=page-1 pg_amount=12.5 pg_net_amount=12.06 pg_card_brand=MASTERCARD
recurring: pg_order_id=rec-1 pg_result=1
without pg_result_url: 0 notifications
cancelled unpaid: 0 notifications
GET: GET ok GET shop_ref=77 pg_payment_id in the query signature valid
  url: SHOP/shop/get/result?shop_ref=77&…
XML: XML ok root <request> 26 fields, note=a<b, signature valid, the only form field: application/x-www-form-urlencoded
bad pg_request_method: error 9403 pg_request_method must be GET, POST or XML (signed)
merchant 500002: ok, shop checks with its key: valid
not loopback: status=failed outcome=not_loopback attempts=1 shop.example is not a loopback address (the sandbox only calls 127.0.0.1, ::1 and localhost; SANDBOX_CALLBACK_ANY_HOST=1 allows any)
list by kind: 10 results, 0 checks
shop requests in all: 10
