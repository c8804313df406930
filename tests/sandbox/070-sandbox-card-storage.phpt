--TEST--
Sandbox card storage: cardstorage/add, add2 and cardstoragepayout/add (script "add") open a page where a card is entered (3-D Secure where it has it), saved for the user, and post_link sent (pg_xml by default); list (none, one, many), remove; the purchase side pays with these cards, payouts pay out to them, payout-only cards never pay
--FILE--
<?php
require __DIR__ . '/shop.inc';
use FreedomPaySandbox\Signature;

$s = new FreedomPaySandbox\Server();
$shop = new TestShop();
$v1 = '/v1/merchant/' . SB_MERCHANT;
$open = fn(string $what, array $extra = []) => sb_call($s, "$v1/$what", array_filter($extra + ['pg_user_id' => 'user-1',
    'pg_post_link' => "$shop->url/cards/post", 'pg_back_link' => 'https://shop.example/cards/back'], fn($v) => $v !== null));
$list = fn(string $user = 'user-1') => sb_call($s, "$v1/cardstorage/list", ['pg_user_id' => $user]);
$local = fn(string $url) => parse_url($url, PHP_URL_PATH) . '?' . parse_url($url, PHP_URL_QUERY);
$cards = fn(array $l) => isset($l['card']) ? (isset($l['card'][0]) ? $l['card'] : [$l['card']]) : [];

// Nothing saved yet: a list of none.
$none = $list();
echo 'list of none: ', implode(',', array_keys($none)), ' signed=', var_export($none['signed'], true), "\n";

// add: the page, a card, post_link.
$a = $open('cardstorage/add', ['pg_order_id' => 'save-1', 'ref' => 'profile-page']);
echo 'add: ', implode(',', array_keys($a)), ' ', sb_show($a, 'pg_status', 'pg_type', 'pg_order_id', 'pg_merchant_id'), "\n";
echo '  redirect: ', preg_replace(['~127\.0\.0\.1:\d+~', '~=[0-9a-f]{32}$~'], ['HOST', '=TOKEN'], $a['pg_redirect_url']), "\n";
[$code, , $html] = sb_http($s, 'GET', $local($a['pg_redirect_url']));
echo "  page: $code ", implode(',', array_keys(array_diff_key(sb_form($html)['fields'], ['' => 1]))), ', ',
    preg_match('~To check the card, (\d+)\.00.KZT is blocked~u', $html, $m) && $m[1] >= 1 && $m[1] <= 100 ? 'blocks a small amount' : 'NO AMOUNT', "\n";
[$code, , $html] = sb_http($s, 'POST', $local($a['pg_redirect_url']), ['card_number' => '4405645000006151', 'card_exp' => '13/30', 'card_cvc' => '1']);
echo "  bad data: $code ", substr_count($html, 'aria-invalid="true"'), " fields marked\n";
[$code, $headers] = sb_http($s, 'POST', $local($a['pg_redirect_url']), ['card_number' => '4405 6450 0000 6150', 'card_exp' => '12/30',
    'card_cvc' => '123', 'card_holder' => 'Aida N']);
echo "  saved: $code {$headers['location']}\n";
$note = $s->awaitNotification($a['pg_payment_id'], 'post_link', subject: 'card_session');
$got = $shop->received('/cards/post')[0];
echo '  post_link: ', sb_show($note, 'method', 'key', 'outcome'), ', ', $got['xml'] !== null ? 'pg_xml' : 'A FORM', ' ',
    implode(',', array_keys($got['fields'])), "\n";
echo '    ', sb_show($got['fields'], 'pg_type', 'pg_payment_id', 'pg_order_id', 'pg_card_hash', 'pg_card_3ds', 'pg_user_id', 'pg_status',
    'pg_card_month', 'pg_card_year', 'ref'), ', signature ', $got['sig_ok'] ? 'valid' : 'INVALID', "\n";
$one = $list();
$card = $cards($one)[0];
echo 'list of one: ', implode(',', array_keys($card)), ' ', sb_show($card, 'pg_status', 'pg_card_hash'),
    ' token and id as in post_link: ', var_export($card['pg_card_token'] === $got['fields']['pg_card_token'] && $card['pg_card_id'] === $got['fields']['pg_card_id'], true),
    ', hhash ', preg_match('/^[0-9a-f]{32}$/', $card['pg_card_hhash']) ? 'md5-like' : 'MISSING', ', profile ', $card['pg_recurring_profile_id'] !== '' ? 'yes' : 'NO', "\n";
[$code, $headers] = sb_http($s, 'GET', $local($a['pg_redirect_url']));
echo "  the page again: $code {$headers['location']}\n";
echo '  control on it: ', json_encode($s->storeCard($a['pg_payment_id'])), "\n";

// add2 with a 3-D Secure card, through the page and the ACS, like a browser.
$b = $open('cardstorage/add2', ['pg_request_method' => 'POST']);
echo 'add2: ', sb_show($b, 'pg_status', 'pg_type', 'pg_order_id'), "\n";
[$code, , $html] = sb_http($s, 'GET', $local($b['pg_redirect_url']));
echo '  page: no amount to block: ', str_contains($html, 'is blocked on it') ? 'WRONG' : 'right', "\n";
[, , $html] = sb_http($s, 'POST', $local($b['pg_redirect_url']), ['card_number' => '4916307416334310', 'card_exp' => '12/30', 'card_cvc' => '123']);
$acs = sb_form($html);
echo '  to the ACS: ', $acs['action'], ' ', implode(',', array_keys($acs['fields'])), ' TermUrl back here: ',
    var_export($acs['fields']['TermUrl'] === $b['pg_redirect_url'], true), "\n";
[, , $html] = sb_http($s, 'POST', '/acs.html', $acs['fields'] + ['otp' => '111111', 'action' => 'confirm']);
$back = sb_form($html);
echo '  the ACS answers: ', implode(',', array_keys($back['fields'])), "\n";
[$code, $headers] = sb_http($s, 'POST', $local($back['action']), $back['fields']);
echo "  saved: $code {$headers['location']}\n";
$s->awaitNotification($b['pg_payment_id'], 'post_link', subject: 'card_session');
$got = $shop->received('/cards/post')[1];
echo '  post_link: ', $got['xml'] === null ? 'a form' : 'XML', ' ', sb_show($got['fields'], 'pg_card_3ds', 'pg_card_hash', 'pg_order_id'),
    ' ', $got['sig_ok'] ? 'valid' : 'INVALID', "\n";

// The control: declined, 3-D Secure failed, errors.
$c = $open('cardstorage/add');
echo 'declined card: ', json_encode($s->storeCard($c['pg_payment_id'], '4939770956154989')), "\n";
$c = $open('cardstorage/add2');
echo '3-D Secure failed: ', json_encode($s->storeCard($c['pg_payment_id'], '5335215945367703', threeDsPass: false)), "\n";
$c = $open('cardstorage/add2');
echo 'expired card: ', json_encode($s->storeCard($c['pg_payment_id'], '4716047261941981', '01/20')), "\n";
echo 'bad card: ', json_encode($s->control('/_sandbox/cardstorage/enter', ['pg_payment_id' => $open('cardstorage/add')['pg_payment_id'],
    'card_number' => '1234', 'card_exp' => '1/2', 'card_cvc' => '1'])), "\n";
echo 'unknown session: ', json_encode($s->storeCard(5)), "\n";
echo 'post_links in all: ', count($s->notifications(null, 'post_link', 'card_session')), " (failures send none)\n";

// cardstoragepayout/add: a card for payouts only, signed with the script name "add".
$p = $open('cardstoragepayout/add', ['pg_user_id' => 'user-2']);
echo 'payout card: ', sb_show($p, 'pg_status', 'pg_type'), ' ', preg_replace(['~127\.0\.0\.1:\d+~', '~=[0-9a-f]{32}$~'], ['HOST', '=TOKEN'], $p['pg_redirect_url']), "\n";
$fields = ['pg_merchant_id' => SB_MERCHANT, 'pg_user_id' => 'user-2', 'pg_post_link' => "$shop->url/cards/post",
    'pg_back_link' => 'https://shop.example/back', 'pg_salt' => 'some random string'];
$fields['pg_sig'] = Signature::forRequest('add2', $fields, SB_SECRET);   // as seed 003's example does
echo '  signed as "add2" (the docs\' example): ', sb_error(json_decode(json_encode(simplexml_load_string($s->post("$v1/cardstoragepayout/add", $fields)[1])), true) + ['signed' => null]), "\n";
[$code, , $html] = sb_http($s, 'GET', $local($p['pg_redirect_url']));
echo "  page: $code ", implode(',', array_keys(array_diff_key(sb_form($html)['fields'], ['' => 1]))), "\n";
[$code] = sb_http($s, 'GET', str_replace('cardstoragepayout', 'cardstorage', $local($p['pg_redirect_url'])));
echo "  under cardstorage/view: $code\n";
[$code] = sb_http($s, 'GET', str_replace('/500001/', '/500002/', $local($p['pg_redirect_url'])));
echo "  under another merchant: $code\n";
[$code, $headers] = sb_http($s, 'POST', $local($p['pg_redirect_url']), ['card_number' => '4671593866478252']);
echo "  saved: $code {$headers['location']}\n";
$f = $s->awaitNotification($p['pg_payment_id'], 'post_link', subject: 'card_session')['history'][0]['request'];
echo '  post_link: ', sb_show($f, 'pg_card_hash', 'pg_card_3ds', 'pg_card_month', 'pg_card_year', 'pg_user_id'), "\n";
$payoutCard = $cards($list('user-2'))[0];
echo '  listed: ', sb_show($payoutCard, 'pg_status', 'pg_card_hash', 'pg_recurring_profile_id'), "\n";
$init = sb_call($s, "$v1/card/init", ['pg_user_id' => 'user-2', 'pg_card_token' => $payoutCard['pg_card_token'], 'pg_amount' => '5',
    'pg_description' => 'x', 'pg_order_id' => 'pay-with-payout-card']);
echo '  paying with it: ', sb_error($init), "\n";
$r = sb_call($s, '/api/reg2reg', ['pg_amount' => '50', 'pg_order_id' => 'to-payout-card', 'pg_user_id' => 'user-2',
    'pg_card_token_to' => $payoutCard['pg_card_token'], 'pg_description' => 'winnings'], 'sandbox-payout-secret');
echo '  paying out to it: ', sb_show($r, 'pg_status', 'pg_card_hash'), "\n";
$q = $open('cardstoragepayout/add', ['pg_user_id' => 'user-2']);
$s->storeCard($q['pg_payment_id'], '5325349472901311');
$declining = $cards($list('user-2'))[1];
echo '  a declining payout card: ', sb_show(sb_call($s, '/api/reg2reg', ['pg_amount' => '50', 'pg_order_id' => 'to-declining', 'pg_user_id' => 'user-2',
    'pg_card_token_to' => $declining['pg_card_token'], 'pg_description' => 'x'], 'sandbox-payout-secret'), 'pg_status', 'pg_error_code'), "\n";

// The purchase side pays with stored cards: card/init and direct, card/pay, recurring by the listed profile.
$many = $cards($list());
echo 'list of many: ', count($many), ' ', implode(' ', array_map(fn($c) => $c['pg_card_hash'], $many)), "\n";
foreach ($many as $c) {
    $i = sb_call($s, "$v1/card/init", ['pg_user_id' => 'user-1', 'pg_card_token' => $c['pg_card_token'], 'pg_amount' => '20',
        'pg_description' => 'saved', 'pg_order_id' => "saved-{$c['pg_card_id']}"]);
    echo "  {$c['pg_card_hash']}: card/direct ", sb_show(sb_call($s, "$v1/card/direct", ['pg_payment_id' => $i['pg_payment_id']]), 'pg_status', 'pg_card_pan'),
        ', recurring ', sb_show(sb_call($s, '/make_recurring_payment.php', ['pg_recurring_profile' => $c['pg_recurring_profile_id'], 'pg_amount' => '3',
            'pg_description' => 'sub', 'pg_order_id' => "rec-{$c['pg_card_id']}"]), 'pg_status', 'pg_card_pan'), "\n";
}
$i = sb_call($s, "$v1/card/init", ['pg_user_id' => 'user-1', 'pg_card_token' => $many[0]['pg_card_token'], 'pg_amount' => '20',
    'pg_description' => 'saved', 'pg_order_id' => 'by-cvc']);
$page = sb_call($s, "$v1/card/pay", ['pg_payment_id' => $i['pg_payment_id']]);
echo '  card/pay: ', sb_show($page, 'pg_status'), ', then ', $s->pay($i['pg_payment_id'])['status'], "\n";

// The same number saved twice: the same pg_card_hhash, another token.
$d = $open('cardstorage/add2');
$s->storeCard($d['pg_payment_id'], '4405645000006150');
$again = $cards($list())[2];
echo 'saved twice: hhash ', $again['pg_card_hhash'] === $many[0]['pg_card_hhash'] ? 'same' : 'DIFFERENT', ', token ',
    $again['pg_card_token'] !== $many[0]['pg_card_token'] ? 'new' : 'SAME', ', another number: hhash ',
    $many[1]['pg_card_hhash'] !== $many[0]['pg_card_hhash'] ? 'different' : 'SAME', "\n";

// remove.
$i = sb_call($s, "$v1/card/init", ['pg_user_id' => 'user-1', 'pg_card_token' => $again['pg_card_token'], 'pg_amount' => '1',
    'pg_description' => 'x', 'pg_order_id' => 'before-removal']);
$rm = sb_call($s, "$v1/cardstorage/remove", ['pg_user_id' => 'user-1', 'pg_card_token' => $again['pg_card_token']]);
echo 'remove: ', implode(',', array_keys($rm)), ' ', json_encode(array_keys($rm['card'])), ' ', sb_show($rm['card'], 'pg_status', 'pg_card_id', 'pg_card_hash'),
    ' signed=', var_export($rm['signed'], true), "\n";
echo '  list: ', count($cards($list())), " cards\n";
echo '  paying with it after card/init: ', sb_error(sb_call($s, "$v1/card/direct", ['pg_payment_id' => $i['pg_payment_id']])), "\n";
echo '  again: ', sb_error(sb_call($s, "$v1/cardstorage/remove", ['pg_user_id' => 'user-1', 'pg_card_token' => $again['pg_card_token']])), "\n";
echo '  by the deprecated pg_card_id: ', sb_show(sb_call($s, "$v1/cardstorage/remove", ['pg_user_id' => 'user-1', 'pg_card_id' => $many[1]['pg_card_id']])['card'], 'pg_status', 'pg_card_id'), "\n";
echo "  another user's: ", sb_error(sb_call($s, "$v1/cardstorage/remove", ['pg_user_id' => 'user-2', 'pg_card_token' => $many[0]['pg_card_token']])), "\n";
echo '  no card: ', sb_error(sb_call($s, "$v1/cardstorage/remove", ['pg_user_id' => 'user-1'])), "\n";
echo '  list: ', count($cards($list())), ' card, as one <card>: ', isset($list()['card']['pg_card_id']) ? 'yes' : 'no', "\n";

// Field errors.
foreach ([
    'no user' => ['pg_user_id' => null],
    'no post_link' => ['pg_post_link' => null],
    'no back_link' => ['pg_back_link' => null],
    'bad post_link' => ['pg_post_link' => 'post'],
] as $name => $change) {
    echo str_pad($name, 15), sb_error($open('cardstorage/add', $change)), "\n";
}
echo str_pad('list, no user', 15), sb_error(sb_call($s, "$v1/cardstorage/list", [])), "\n";
echo str_pad('other merchant', 15), sb_error(sb_call($s, '/v1/merchant/500002/cardstorage/list', ['pg_user_id' => 'u'])), "\n";
?>
--EXPECTF--
list of none: pg_salt,pg_sig,signed signed=true
add: pg_payment_id,pg_merchant_id,pg_order_id,pg_redirect_url,pg_status,pg_type,pg_salt,pg_sig,signed pg_status=ok pg_type=init pg_order_id=save-1 pg_merchant_id=500001
  redirect: http://HOST/v1/merchant/500001/cardstorage/view?pg_payment_id=TOKEN
  page: 200 card_number,card_exp,card_cvc,card_holder, blocks a small amount
  bad data: 200 3 fields marked
  saved: 303 https://shop.example/cards/back
  post_link: method=XML key=payment outcome=ok, pg_xml pg_type,pg_payment_id,pg_order_id,pg_card_id,pg_card_token,pg_card_hash,pg_card_3ds,pg_user_id,pg_status,pg_card_month,pg_card_year,ref,pg_salt,pg_sig
    pg_type=approve pg_payment_id=%d pg_order_id=save-1 pg_card_hash=4405-64XX-XXXX-6150 pg_card_3ds=0 pg_user_id=user-1 pg_status=success pg_card_month=12 pg_card_year=30 ref=profile-page, signature valid
list of one: pg_status,pg_merchant_id,pg_card_id,pg_card_token,pg_recurring_profile_id,pg_card_hash,pg_card_hhash,created_at pg_status=approved pg_card_hash=4405-64XX-XXXX-6150 token and id as in post_link: true, hhash md5-like, profile yes
  the page again: 303 https://shop.example/cards/back
  control on it: {"error":"card storage session %d is approved, not new","http_status":409}
add2: pg_status=ok pg_type=init pg_order_id=
  page: no amount to block: right
  to the ACS: /acs.html PaReq,MD,TermUrl TermUrl back here: true
  the ACS answers: PaRes,MD
  saved: 303 https://shop.example/cards/back
  post_link: a form pg_card_3ds=1 pg_card_hash=4916-30XX-XXXX-4310 pg_order_id= valid
declined card: {"pg_payment_id":%d,"state":"failed","pg_card_id":null,"pg_card_token":null,"pg_card_hash":"4939-77XX-XXXX-4989","failure_code":51,"failure_description":"The card was not saved: Insufficient funds","http_status":200}
3-D Secure failed: {"pg_payment_id":%d,"state":"failed","pg_card_id":null,"pg_card_token":null,"pg_card_hash":"5335-21XX-XXXX-7703","failure_code":6,"failure_description":"The card was not saved: 3-D Secure authentication failed","http_status":200}
expired card: {"pg_payment_id":%d,"state":"failed","pg_card_id":null,"pg_card_token":null,"pg_card_hash":"4716-04XX-XXXX-1981","failure_code":5,"failure_description":"The card was not saved: Transaction declined: the card has expired","http_status":200}
bad card: {"error":"card_number: This card number is not valid; card_exp: Enter the expiry date as MM\/YY; card_cvc: Enter the 3 or 4 digits on the back of the card","http_status":400}
unknown session: {"error":"no such card storage session","http_status":404}
post_links in all: 2 (failures send none)
payout card: pg_status=ok pg_type=init http://HOST/v1/merchant/500001/cardstoragepayout/view?pg_payment_id=TOKEN
  signed as "add2" (the docs' example): error 9998 Incorrect signature (unsigned)
  page: 200 card_number
  under cardstorage/view: 404
  under another merchant: 404
  saved: 303 https://shop.example/cards/back
  post_link: pg_card_hash=4671-59XX-XXXX-8252 pg_card_3ds=0 pg_card_month= pg_card_year= pg_user_id=user-2
  listed: pg_status=approved pg_card_hash=4671-59XX-XXXX-8252 pg_recurring_profile_id=
  paying with it: error 342 Card not found: card %d was saved for payouts only (cardstoragepayout/add) (signed)
  paying out to it: pg_status=ok pg_card_hash=4671-59XX-XXXX-8252
  a declining payout card: pg_status=error pg_error_code=10000
list of many: 2 4405-64XX-XXXX-6150 4916-30XX-XXXX-4310
  4405-64XX-XXXX-6150: card/direct pg_status=ok pg_card_pan=4405-64XX-XXXX-6150, recurring pg_status=ok pg_card_pan=4405-64XX-XXXX-6150
  4916-30XX-XXXX-4310: card/direct pg_status=ok pg_card_pan=4916-30XX-XXXX-4310, recurring pg_status=ok pg_card_pan=4916-30XX-XXXX-4310
  card/pay: pg_status=ok, then success
saved twice: hhash same, token new, another number: hhash different
remove: card,pg_salt,pg_sig,signed ["pg_status","pg_merchant_id","pg_card_id","pg_card_hash","deleted_at"] pg_status=deleted pg_card_id=%d pg_card_hash=4405-64XX-XXXX-6150 signed=true
  list: 2 cards
  paying with it after card/init: error 342 Card not found: it was removed after card/init (signed)
  again: error 342 Card not found (signed)
  by the deprecated pg_card_id: pg_status=deleted pg_card_id=%d
  another user's: error 342 Card not found (signed)
  no card: error 9403 pg_card_token is required (signed)
  list: 1 card, as one <card>: yes
no user        error 9403 pg_user_id is required (signed)
no post_link   error 9403 pg_post_link is required (signed)
no back_link   error 9403 pg_back_link is required (signed)
bad post_link  error 9403 pg_post_link is not a valid URL (signed)
list, no user  error 9403 pg_user_id is required (signed)
other merchant error 9997 Merchant 500002 in the URL is not pg_merchant_id 500001 (signed)
