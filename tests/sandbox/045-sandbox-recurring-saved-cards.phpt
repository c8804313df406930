--TEST--
Sandbox: recurring payments from a pg_recurring_start payment; saved cards (card/init, card/pay, card/direct) and the cards control; merchant id in v1/merchant paths
--FILE--
<?php
require __DIR__ . '/purchase.inc';
$s = new FreedomPaySandbox\Server();

// A first payment with pg_recurring_start=1 makes a profile.
$first = sb_pay_card($s, '4716047261941981', ['pg_recurring_start' => '1', 'pg_recurring_lifetime' => '12']);
$profile = $first['pg_recurring_profile_id'];
echo 'first: ', sb_show($first, 'pg_status'), ' profile ', preg_match('/^\d+$/', $profile) ? 'yes' : 'NO', "\n";
echo '  status: profile ', sb_status($s, $first['pg_payment_id'])['pg_recurring_profile_id'] === $profile ? 'same' : 'DIFFERENT', "\n";
$plain = sb_pay_card($s, '4716047261941981');
echo 'without pg_recurring_start: ', array_key_exists('pg_recurring_profile_id', $plain) ? 'HAS A PROFILE' : 'no profile', "\n";
$declined = sb_pay_card($s, '4939770956154989', ['pg_recurring_start' => '1']);
echo 'declined with pg_recurring_start: ', array_key_exists('pg_recurring_profile_id', $declined) ? 'HAS A PROFILE' : 'no profile', "\n";

$rec = sb_call($s, '/make_recurring_payment.php', ['pg_recurring_profile' => $profile, 'pg_amount' => '300',
    'pg_description' => 'monthly', 'pg_order_id' => 'month-2']);
echo 'recurring: ', sb_show($rec, 'pg_status', 'pg_payment_status', 'pg_amount', 'pg_currency', 'pg_captured', 'pg_card_pan'),
    ' profile ', $rec['pg_recurring_profile'] === $profile ? 'same' : 'DIFFERENT', ' expires ',
    substr($rec['pg_recurring_profile_expiry_date'], 0, 4) - gmdate('Y'), "y\n";
echo '  keys: ', implode(',', array_keys($rec)), "\n";
echo '  status: ', sb_show(sb_status($s, $rec['pg_payment_id']), 'pg_order_id', 'pg_payment_status', 'pg_recurring_profile_id'), "\n";
$twoStage = sb_call($s, '/make_recurring_payment.php', ['pg_recurring_profile' => $profile, 'pg_amount' => '10',
    'pg_description' => 'hold', 'pg_order_id' => 'month-3', 'pg_auto_clearing' => '0']);
echo '  two-stage: ', sb_show($twoStage, 'pg_status', 'pg_captured'), ' then capture: ',
    sb_call($s, '/do_capture.php', ['pg_payment_id' => $twoStage['pg_payment_id']])['pg_status'], "\n";
$again = sb_call($s, '/make_recurring_payment.php', ['pg_recurring_profile' => $profile, 'pg_amount' => '300',
    'pg_description' => 'monthly', 'pg_order_id' => 'month-2b', 'pg_idempotency_key' => 'rec-1']);
$again2 = sb_call($s, '/make_recurring_payment.php', ['pg_recurring_profile' => $profile, 'pg_amount' => '300',
    'pg_description' => 'monthly', 'pg_order_id' => 'month-2b', 'pg_idempotency_key' => 'rec-1']);
echo '  idempotent: ', var_export($again['pg_payment_id'] === $again2['pg_payment_id'], true), "\n";
// A profile made through 3-D Secure charges without it later.
$three = sb_pay_card($s, '4916307416334310', ['pg_recurring_start' => '1']);
$answer = $s->threeDs($three['pg_payment_id']);
$three = sb_call($s, '/g2g/paymentAcs', ['pg_payment_id' => $three['pg_payment_id'], 'pg_3d_md' => $answer['pg_3d_md'],
    'pg_3d_pares' => $answer['pg_3d_pares']]);
echo '3ds first payment: ', sb_show($three, 'pg_status'), ' profile ', isset($three['pg_recurring_profile_id']) ? 'yes' : 'NO', ', then ',
    sb_call($s, '/make_recurring_payment.php', ['pg_recurring_profile' => $three['pg_recurring_profile_id'], 'pg_amount' => '5',
        'pg_description' => 'x', 'pg_order_id' => 'r3'])['pg_status'], "\n";
foreach ([
    'unknown profile' => ['pg_recurring_profile' => '123'],
    'bad profile' => ['pg_recurring_profile' => 'abc'],
    'no profile' => ['pg_recurring_profile' => null],
    'no order' => ['pg_order_id' => null],
    'no amount' => ['pg_amount' => null],
] as $name => $change) {
    $f = array_filter($change + ['pg_recurring_profile' => $profile, 'pg_amount' => '1', 'pg_description' => 'd', 'pg_order_id' => 'o'],
        fn($v) => $v !== null);
    echo "$name: ", sb_error(sb_call($s, '/make_recurring_payment.php', $f)), "\n";
}

// Saved cards: the control adds them to the cards table.
$card = $s->addCard('user-7', '4716047261941981');
echo 'card: ', json_encode(array_intersect_key($card, array_flip(['pg_card_hash', 'pg_status', 'user_id', 'behavior']))),
    ' token ', preg_match('/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/', $card['pg_card_token']) ? 'uuid' : 'NOT A UUID', "\n";
$unapproved = $s->addCard('user-7', '5367654276102126', 'new');
$deleted = $s->addCard('user-7', '4405645000006150', 'deleted');
$threeDsCard = $s->addCard('user-7', '4916307416334310');
echo 'list: ', implode(' ', array_map(fn($c) => "{$c['pg_card_hash']}:{$c['pg_status']}",
    json_decode($s->get('/_sandbox/cards?user_id=user-7')[1], true))), "\n";
echo 'no user control: ', json_encode($s->control('/_sandbox/cards', [])), "\n";
echo 'bad card control: ', json_encode($s->control('/_sandbox/cards', ['user_id' => 'u', 'card_number' => '1234'])), "\n";
echo 'bad status control: ', json_encode($s->control('/_sandbox/cards', ['user_id' => 'u', 'status' => 'lost'])), "\n";

$v1 = '/v1/merchant/' . SB_MERCHANT . '/card';
$init = fn(array $f) => sb_call($s, "$v1/init", $f + ['pg_user_id' => 'user-7', 'pg_amount' => '250',
    'pg_description' => 'saved card', 'pg_order_id' => 'saved-' . bin2hex(random_bytes(3))]);

// card/direct: charged at once, approved cards only.
$i = $init(['pg_card_token' => $card['pg_card_token']]);
echo 'init: ', implode(',', array_keys($i)), ' ', sb_show($i, 'pg_status', 'pg_merchant_id'), "\n";
echo '  status: ', sb_show(sb_status($s, $i['pg_payment_id']), 'pg_payment_status', 'pg_card_pan', 'pg_card_token'), "\n";
$d = sb_call($s, "$v1/direct", ['pg_payment_id' => $i['pg_payment_id']]);
echo 'direct: ', sb_show($d, 'pg_status', 'pg_payment_status', 'pg_captured', 'pg_card_pan'), ' token ', $d['pg_card_token'] === $card['pg_card_token'] ? 'same' : 'DIFFERENT', "\n";
echo '  direct twice: ', sb_error(sb_call($s, "$v1/direct", ['pg_payment_id' => $i['pg_payment_id']])), "\n";
echo '  pay after direct: ', sb_error(sb_call($s, "$v1/pay", ['pg_payment_id' => $i['pg_payment_id']])), "\n";
$i2 = $init(['pg_card_id' => (string) $unapproved['pg_card_id']]);
echo 'direct, card not approved: ', sb_error(sb_call($s, "$v1/direct", ['pg_payment_id' => $i2['pg_payment_id']])), "\n";
$i3 = $init(['pg_card_token' => $threeDsCard['pg_card_token'], 'pg_auto_clearing' => '0']);
echo 'direct, 3-D Secure card, two-stage: ', sb_show(sb_call($s, "$v1/direct", ['pg_payment_id' => $i3['pg_payment_id']]), 'pg_status', 'pg_captured'), "\n";
$page = sb_call($s, '/init_payment.php', ['pg_amount' => '1', 'pg_description' => 'not saved']);
echo 'direct, not a card/init payment: ', sb_error(sb_call($s, "$v1/direct", ['pg_payment_id' => $page['pg_payment_id']])), "\n";
echo 'direct, unknown: ', sb_error(sb_call($s, "$v1/direct", ['pg_payment_id' => '77'])), "\n";

// card/init errors.
echo 'init, deleted card: ', sb_error($init(['pg_card_token' => $deleted['pg_card_token']])), "\n";
echo 'init, unknown token: ', sb_error($init(['pg_card_token' => 'nope'])), "\n";
echo 'init, another user: ', sb_error($init(['pg_card_token' => $card['pg_card_token'], 'pg_user_id' => 'user-8'])), "\n";
echo 'init, no token: ', sb_error($init([])), "\n";
echo 'init, no user: ', sb_error(sb_call($s, "$v1/init", ['pg_card_token' => $card['pg_card_token'], 'pg_amount' => '1', 'pg_description' => 'd', 'pg_order_id' => 'o'])), "\n";
$k1 = $init(['pg_card_token' => $card['pg_card_token'], 'pg_idempotency_key' => 'saved-1']);
$k2 = $init(['pg_card_token' => $card['pg_card_token'], 'pg_idempotency_key' => 'saved-1']);
echo 'init, idempotent: ', var_export($k1['pg_payment_id'] === $k2['pg_payment_id'], true), "\n";

// A card removed between card/init and the payment (as card storage's remove will do).
$gone = $s->addCard('user-7', '4716047261941981');
$i4 = $init(['pg_card_token' => $gone['pg_card_token']]);
$db = new ReflectionProperty(FreedomPaySandbox\Server::class, 'db');
(new PDO('sqlite:' . $db->getValue($s)))->exec("UPDATE cards SET status = 'deleted' WHERE id = {$gone['pg_card_id']}");
echo 'direct, card removed since: ', sb_error(sb_call($s, "$v1/direct", ['pg_payment_id' => $i4['pg_payment_id']])), "\n";

// card/pay: a page where the payer confirms with the CVC.
$i5 = $init(['pg_card_token' => $card['pg_card_token'], 'pg_success_url' => 'https://shop.example/paid']);
$pay = sb_call($s, "$v1/pay", ['pg_payment_id' => $i5['pg_payment_id']]);
echo 'pay: ', implode(',', array_keys($pay)), ' ', sb_show($pay, 'pg_status', 'pg_redirect_url_type'), "\n";
$path = parse_url($pay['pg_redirect_url'], PHP_URL_PATH) . '?' . parse_url($pay['pg_redirect_url'], PHP_URL_QUERY);
[$st, , $html] = sb_http($s, 'GET', $path);
echo "  page: $st ", str_contains($html, '4716-04XX-XXXX-1981') ? 'shows the card' : 'NO CARD', ', ',
    str_contains($html, 'name="card_cvc"') && !str_contains($html, 'name="card_number"') ? 'asks for the CVC only' : 'WRONG FORM', "\n";
[$st, , $html] = sb_http($s, 'POST', $path, ['card_cvc' => '1']);
echo "  bad CVC: $st ", str_contains($html, 'aria-invalid="true"') ? 'marked' : 'NOT MARKED', "\n";
[$st, $headers] = sb_http($s, 'POST', $path, ['card_cvc' => '123']);
echo "  paid: $st ", parse_url($headers['location'], PHP_URL_HOST), parse_url($headers['location'], PHP_URL_PATH), "\n";
echo '  status: ', sb_show(sb_status($s, $i5['pg_payment_id']), 'pg_payment_status', 'pg_captured'), "\n";
$i6 = $init(['pg_card_token' => $card['pg_card_token']]);
echo 'pay control, saved card: ', $s->control('/_sandbox/pay', ['pg_payment_id' => $i6['pg_payment_id'], 'card_cvc' => '123'])['status'], "\n";
echo 'pay, not a card/init payment: ', sb_error(sb_call($s, "$v1/pay", ['pg_payment_id' => $page['pg_payment_id']])), "\n";

// The merchant id in the path must be pg_merchant_id's.
echo 'path merchant: ', sb_error(sb_call($s, '/v1/merchant/500002/card/direct', ['pg_payment_id' => $i2['pg_payment_id']])), "\n";
echo 'path merchant, unknown sender: ', sb_error(sb_call($s, '/v1/merchant/500001/card/direct', ['pg_merchant_id' => '9', 'pg_payment_id' => '1'])), "\n";
echo 'no such v1 path: ', sb_http($s, 'POST', '/v1/merchant/abc/card/init')[0], "\n";
?>
--EXPECTF--
first: pg_status=ok profile yes
  status: profile same
without pg_recurring_start: no profile
declined with pg_recurring_start: no profile
recurring: pg_status=ok pg_payment_status=success pg_amount=300 pg_currency=KZT pg_captured=1 pg_card_pan=4716-04XX-XXXX-1981 profile same expires 1y
  keys: pg_status,pg_payment_id,pg_order_id,pg_payment_status,pg_3ds,pg_amount,pg_currency,pg_captured,pg_card_pan,pg_reference,pg_auth_code,pg_datetime,pg_recurring_profile,pg_recurring_profile_expiry_date,pg_salt,pg_sig,signed
  status: pg_order_id=month-2 pg_payment_status=success pg_recurring_profile_id=%d
  two-stage: pg_status=ok pg_captured=0 then capture: ok
  idempotent: true
3ds first payment: pg_status=ok profile yes, then ok
unknown profile: error 341 Recurring profile not found (signed)
bad profile: error 9403 pg_recurring_profile is not a valid id: abc (signed)
no profile: error 9403 pg_recurring_profile is required (signed)
no order: error 9403 pg_order_id is required (signed)
no amount: error 9403 pg_amount is required (signed)
card: {"pg_card_hash":"4716-04XX-XXXX-1981","pg_status":"approved","user_id":"user-7","behavior":"approve"} token uuid
list: 4716-04XX-XXXX-1981:approved 5367-65XX-XXXX-2126:new 4405-64XX-XXXX-6150:deleted 4916-30XX-XXXX-4310:approved
no user control: {"error":"user_id is required","http_status":400}
bad card control: {"error":"card_number is not a valid card number","http_status":400}
bad status control: {"error":"status must be approved, new or deleted","http_status":400}
init: pg_status,pg_payment_id,pg_order_id,pg_merchant_id,pg_salt,pg_sig,signed pg_status=ok pg_merchant_id=500001
  status: pg_payment_status=new pg_card_pan=4716-04XX-XXXX-1981 pg_card_token=%s
direct: pg_status=ok pg_payment_status=success pg_captured=1 pg_card_pan=4716-04XX-XXXX-1981 token same
  direct twice: error 350 card/direct is not allowed: payment %d is success (captured) (signed)
  pay after direct: error 350 card/pay is not allowed: payment %d is success (captured) (signed)
direct, card not approved: error 352 Card %d is new, not approved: payments without CVC need an approved card; use card/pay (signed)
direct, 3-D Secure card, two-stage: pg_status=ok pg_captured=0
direct, not a card/init payment: error 350 card/direct is not allowed: payment %d was not made by card/init (signed)
direct, unknown: error 340 Transaction not found (signed)
init, deleted card: error 342 Card not found (signed)
init, unknown token: error 342 Card not found (signed)
init, another user: error 342 Card not found (signed)
init, no token: error 9403 pg_card_token is required (signed)
init, no user: error 9403 pg_user_id is required (signed)
init, idempotent: true
direct, card removed since: error 342 Card not found: it was removed after card/init (signed)
pay: pg_status,pg_payment_id,pg_redirect_url,pg_redirect_url_type,pg_salt,pg_sig,signed pg_status=ok pg_redirect_url_type=need data
  page: 200 shows the card, asks for the CVC only
  bad CVC: 200 marked
  paid: 303 shop.example/paid
  status: pg_payment_status=success pg_captured=1
pay control, saved card: success
pay, not a card/init payment: error 350 card/pay is not allowed: payment %d was not made by card/init (signed)
path merchant: error 9997 Merchant 500002 in the URL is not pg_merchant_id 500001 (signed)
path merchant, unknown sender: error 9998 Merchant not identified (unsigned)
no such v1 path: 404
