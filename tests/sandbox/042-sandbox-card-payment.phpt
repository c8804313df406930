--TEST--
Sandbox: g2g/payment decides at once with the test cards; 3-D Secure through the sandbox ACS page and g2g/paymentAcs; their errors
--FILE--
<?php
require __DIR__ . '/purchase.inc';
$s = new FreedomPaySandbox\Server();

// Each test card that is decided at once.
foreach (['4716047261941981', '5367654276102126', '4405645000006150', '5483185000000293', '4939770956154989',
             '5548398681700148', '4000000000000002'] as $pan) {
    $r = sb_pay_card($s, $pan);
    echo "$pan: ", sb_show($r, 'pg_status', 'pg_payment_status', 'pg_3ds', 'pg_captured', 'pg_card_pan', 'pg_failure_code',
        'pg_failure_description'), $r['signed'] ? '' : ' UNSIGNED', "\n";
}
$r = sb_pay_card($s, '4716047261941981');
echo 'reply: ', implode(',', array_keys($r)), "\n";
echo 'auth code, reference, datetime: ', preg_match('/^\d{6}$/', $r['pg_auth_code']), preg_match('/^\d{12}$/', $r['pg_reference']),
    preg_match('/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/', $r['pg_datetime']), "\n";
$st = sb_status($s, $r['pg_payment_id']);
echo 'status: ', sb_show($st, 'pg_payment_status', 'pg_payment_method', 'pg_card_name', 'pg_card_pan', 'pg_captured', 'pg_clearing_amount'), "\n";
$r = sb_call($s, '/g2g/payment', ['pg_amount' => '10', 'pg_description' => 'x', 'pg_order_id' => 'exp-1'] + sb_card('4716047261941981', '01', '20'));
echo 'expired: ', sb_show($r, 'pg_status', 'pg_failure_code', 'pg_failure_description'), "\n";
$st = sb_status($s, $r['pg_payment_id']);
echo 'declined status: ', sb_show($st, 'pg_payment_status', 'pg_failure_code', 'pg_failure_description', 'pg_captured'), "\n";

// Card fields are checked: 9403 naming the field.
$base = ['pg_amount' => '10', 'pg_description' => 'x', 'pg_order_id' => 'bad'] + sb_card('4716047261941981');
foreach ([
    'pg_card_pan' => '4716047261941982', 'pg_card_cvc' => '12', 'pg_card_month' => '13', 'pg_card_year' => '2x',
    'pg_card_name' => '', 'pg_order_id' => '',
] as $field => $value) {
    echo "$field=$value: ", sb_error(sb_call($s, '/g2g/payment', [$field => $value] + $base)), "\n";
}

// 3-D Secure: a pending reply with what the shop posts to the ACS.
$r = sb_pay_card($s, '4916307416334310', ['pg_order_id' => '3ds-1']);
$id = $r['pg_payment_id'];
echo '3ds: ', sb_show($r, 'pg_status', 'pg_payment_status', 'pg_3ds', 'pg_captured'), ' acs ',
    preg_replace('~:\d+/~', ':PORT/', $r['pg_3d_acsurl']), ' md ', strlen($r['pg_3d_md']), ' pareq ', strlen($r['pg_3d_pareq']) > 20 ? 'yes' : 'no', "\n";
echo 'status while waiting: ', sb_show(sb_status($s, $id), 'pg_payment_status', 'pg_card_pan'), "\n";
echo 'paymentAcs before the ACS answered: ', sb_error(sb_call($s, '/g2g/paymentAcs',
    ['pg_payment_id' => $id, 'pg_3d_md' => $r['pg_3d_md'], 'pg_3d_pares' => 'forged'])), "\n";

// The payer at the ACS page: wrong code, then the right one.
$acs = ['PaReq' => $r['pg_3d_pareq'], 'MD' => $r['pg_3d_md'], 'TermUrl' => 'https://shop.example/3ds/back'];
[$st, , $page] = sb_http($s, 'POST', '/acs.html', $acs);
echo "acs page: $st ", str_contains($page, 'name="otp"') ? 'asks for the code' : 'NO CODE FIELD', "\n";
[$st, , $page] = sb_http($s, 'POST', '/acs.html', $acs + ['otp' => '000000', 'action' => 'confirm']);
echo "wrong code: $st ", preg_match('~Wrong code\. 2 attempts left~', $page) ? 'two attempts left' : 'NO MESSAGE', "\n";
[$st, , $page] = sb_http($s, 'POST', '/acs.html', $acs + ['otp' => '111111', 'action' => 'confirm']);
$back = sb_form($page);
echo "right code: $st posts to {$back['action']} ", implode(',', array_keys($back['fields'])), "\n";
[$st, , $again] = sb_http($s, 'POST', '/acs.html', $acs);
echo 'ACS again: the same answer: ', var_export(sb_form($again)['fields'] === $back['fields'], true), "\n";

// g2g/paymentAcs errors, then success.
echo 'md mismatch: ', sb_error(sb_call($s, '/g2g/paymentAcs', ['pg_payment_id' => $id, 'pg_3d_md' => 'x', 'pg_3d_pares' => $back['fields']['PaRes']])), "\n";
echo 'pares mismatch: ', sb_error(sb_call($s, '/g2g/paymentAcs', ['pg_payment_id' => $id, 'pg_3d_md' => $back['fields']['MD'], 'pg_3d_pares' => 'x'])), "\n";
echo 'no pares: ', sb_error(sb_call($s, '/g2g/paymentAcs', ['pg_payment_id' => $id, 'pg_3d_md' => $back['fields']['MD']])), "\n";
echo 'no md: ', sb_error(sb_call($s, '/g2g/paymentAcs', ['pg_payment_id' => $id, 'pg_3d_pares' => 'x'])), "\n";
echo 'no payment id: ', sb_error(sb_call($s, '/g2g/paymentAcs', ['pg_3d_md' => 'x', 'pg_3d_pares' => 'x'])), "\n";
echo 'unknown payment: ', sb_error(sb_call($s, '/g2g/paymentAcs', ['pg_payment_id' => '99', 'pg_3d_md' => 'x', 'pg_3d_pares' => 'x'])), "\n";
$done = sb_call($s, '/g2g/paymentAcs', ['pg_payment_id' => $id, 'pg_3d_md' => $back['fields']['MD'], 'pg_3d_pares' => $back['fields']['PaRes']]);
echo 'paymentAcs: ', sb_show($done, 'pg_status', 'pg_payment_status', 'pg_3ds', 'pg_captured', 'pg_card_pan'), ' signed=', var_export($done['signed'], true), "\n";
echo 'paymentAcs twice: ', sb_error(sb_call($s, '/g2g/paymentAcs', ['pg_payment_id' => $id, 'pg_3d_md' => $back['fields']['MD'], 'pg_3d_pares' => $back['fields']['PaRes']])), "\n";
echo 'status: ', sb_show(sb_status($s, $id), 'pg_payment_status', 'pg_captured'), "\n";
echo 'not a 3ds payment: ', sb_error(sb_call($s, '/g2g/paymentAcs', ['pg_payment_id' => sb_pay_card($s, '4716047261941981')['pg_payment_id'],
    'pg_3d_md' => 'x', 'pg_3d_pares' => 'x'])), "\n";

// The docs' other names for the fields (pg_md, pg_pares), the Mastercard, two-stage.
$r = sb_pay_card($s, '5335215945367703', ['pg_auto_clearing' => '0']);
$answer = $s->threeDs($r['pg_payment_id']);
$done = sb_call($s, '/g2g/paymentAcs', ['pg_payment_id' => $r['pg_payment_id'], 'pg_md' => $answer['pg_3d_md'], 'pg_pares' => $answer['pg_3d_pares']]);
echo 'pg_md/pg_pares, two-stage: ', sb_show($done, 'pg_status', 'pg_payment_status', 'pg_captured'), "\n";

// The payer cancels at the ACS, or types three wrong codes: a declined payment (6).
$r = sb_pay_card($s, '4916307416334310');
$acs = ['PaReq' => $r['pg_3d_pareq'], 'MD' => $r['pg_3d_md'], 'TermUrl' => 'https://shop.example/back'];
$back = sb_form(sb_http($s, 'POST', '/acs.html', $acs + ['action' => 'cancel'])[2]);
$done = sb_call($s, '/g2g/paymentAcs', ['pg_payment_id' => $r['pg_payment_id'], 'pg_3d_md' => $back['fields']['MD'], 'pg_3d_pares' => $back['fields']['PaRes']]);
echo 'cancelled at the ACS: ', sb_show($done, 'pg_status', 'pg_payment_status', 'pg_failure_code', 'pg_failure_description'), "\n";
$r = sb_pay_card($s, '4916307416334310');
$acs = ['PaReq' => $r['pg_3d_pareq'], 'MD' => $r['pg_3d_md'], 'TermUrl' => 'https://shop.example/back'];
for ($i = 0; $i < 3; $i++) {
    $page = sb_http($s, 'POST', '/acs.html', $acs + ['otp' => '123456', 'action' => 'confirm'])[2];
}
$back = sb_form($page);
$done = sb_call($s, '/g2g/paymentAcs', ['pg_payment_id' => $r['pg_payment_id'], 'pg_3d_md' => $back['fields']['MD'], 'pg_3d_pares' => $back['fields']['PaRes']]);
echo 'three wrong codes: ', sb_show($done, 'pg_status', 'pg_failure_code'), "\n";

// The ACS page refuses what it does not know.
echo 'acs GET: ', sb_http($s, 'GET', '/acs.html')[0], "\n";
echo 'acs unknown MD: ', sb_http($s, 'POST', '/acs.html', ['PaReq' => 'x', 'MD' => 'y', 'TermUrl' => 'https://shop.example/'])[0], "\n";
echo 'acs no TermUrl: ', sb_http($s, 'POST', '/acs.html', ['PaReq' => 'x', 'MD' => 'y'])[0], "\n";
echo '3ds control on a decided payment: ', $s->threeDs($id)['http_status'], "\n";

// pg_idempotency_key: a repeated g2g/payment is not charged again.
$a = sb_pay_card($s, '4716047261941981', ['pg_idempotency_key' => 'card-idem']);
$b = sb_pay_card($s, '4939770956154989', ['pg_idempotency_key' => 'card-idem']);
echo 'idempotent card payment: ', var_export($a['pg_payment_id'] === $b['pg_payment_id'], true), ' ', $b['pg_status'], "\n";
?>
--EXPECTF--
4716047261941981: pg_status=ok pg_payment_status=success pg_3ds=0 pg_captured=1 pg_card_pan=4716-04XX-XXXX-1981
5367654276102126: pg_status=ok pg_payment_status=success pg_3ds=0 pg_captured=1 pg_card_pan=5367-65XX-XXXX-2126
4405645000006150: pg_status=ok pg_payment_status=success pg_3ds=0 pg_captured=1 pg_card_pan=4405-64XX-XXXX-6150
5483185000000293: pg_status=ok pg_payment_status=success pg_3ds=0 pg_captured=1 pg_card_pan=5483-18XX-XXXX-0293
4939770956154989: pg_status=failed pg_payment_status=error pg_3ds=0 pg_captured=0 pg_card_pan=4939-77XX-XXXX-4989 pg_failure_code=51 pg_failure_description=Insufficient funds
5548398681700148: pg_status=failed pg_payment_status=error pg_3ds=0 pg_captured=0 pg_card_pan=5548-39XX-XXXX-0148 pg_failure_code=62 pg_failure_description=Restricted card
4000000000000002: pg_status=failed pg_payment_status=error pg_3ds=0 pg_captured=0 pg_card_pan=4000-00XX-XXXX-0002 pg_failure_code=5 pg_failure_description=Transaction declined
reply: pg_status,pg_payment_id,pg_order_id,pg_payment_status,pg_3ds,pg_amount,pg_currency,pg_captured,pg_card_pan,pg_reference,pg_auth_code,pg_datetime,pg_salt,pg_sig,signed
auth code, reference, datetime: 111
status: pg_payment_status=success pg_payment_method=bankcard pg_card_name=TEST CARDHOLDER pg_card_pan=4716-04XX-XXXX-1981 pg_captured=1 pg_clearing_amount=100
expired: pg_status=failed pg_failure_code=5 pg_failure_description=Transaction declined: the card has expired
declined status: pg_payment_status=error pg_failure_code=5 pg_failure_description=Transaction declined: the card has expired pg_captured=0
pg_card_pan=4716047261941982: error 9403 pg_card_pan is not a valid card number (signed)
pg_card_cvc=12: error 9403 pg_card_cvc must be 3 or 4 digits (signed)
pg_card_month=13: error 9403 pg_card_month must be a month, 01 to 12 (signed)
pg_card_year=2x: error 9403 pg_card_year must be two digits (yy) (signed)
pg_card_name=: error 9403 pg_card_name is required (signed)
pg_order_id=: error 9403 pg_order_id is required (signed)
3ds: pg_status=pending pg_payment_status=pending pg_3ds=1 pg_captured=0 acs http://127.0.0.1:PORT/acs.html md 32 pareq yes
status while waiting: pg_payment_status=pending pg_card_pan=4916-30XX-XXXX-4310
paymentAcs before the ACS answered: error 9403 pg_3d_pares is not the ACS's answer for payment %d (signed)
acs page: 200 asks for the code
wrong code: 200 two attempts left
right code: 200 posts to https://shop.example/3ds/back PaRes,MD
ACS again: the same answer: true
md mismatch: error 9403 pg_3d_md does not match payment %d (signed)
pares mismatch: error 9403 pg_3d_pares is not the ACS's answer for payment %d (signed)
no pares: error 9403 pg_3d_pares is required (signed)
no md: error 9403 pg_3d_md is required (signed)
no payment id: error 9403 pg_payment_id is required (signed)
unknown payment: error 340 Transaction not found (signed)
paymentAcs: pg_status=ok pg_payment_status=success pg_3ds=0 pg_captured=1 pg_card_pan=4916-30XX-XXXX-4310 signed=true
paymentAcs twice: error 350 g2g/paymentAcs is not allowed: payment %d is success (captured) (signed)
status: pg_payment_status=success pg_captured=1
not a 3ds payment: error 350 g2g/paymentAcs is not allowed: payment %d is success (captured) (signed)
pg_md/pg_pares, two-stage: pg_status=ok pg_payment_status=success pg_captured=0
cancelled at the ACS: pg_status=failed pg_payment_status=error pg_failure_code=6 pg_failure_description=3-D Secure authentication failed
three wrong codes: pg_status=failed pg_failure_code=6
acs GET: 400
acs unknown MD: 404
acs no TermUrl: 400
3ds control on a decided payment: 409
idempotent card payment: true ok
