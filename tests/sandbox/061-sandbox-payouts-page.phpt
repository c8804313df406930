--TEST--
Sandbox payouts: api/reg2nonreg and the recipient's page (card number, payout test cards, processing, back link), the card control, pg_order_time_limit expiry, insufficient funds at payout time, post_link by XML
--FILE--
<?php
require __DIR__ . '/shop.inc';
const PAYOUT_KEY = 'sandbox-payout-secret';
$s = new FreedomPaySandbox\Server();
$shop = new TestShop();
$shop->plan('/payout/post', ['bare-ok'], PAYOUT_KEY);
$pay = fn(string $path, array $f) => sb_call($s, $path, $f, PAYOUT_KEY);
$n = 0;
$create = function (array $extra = []) use ($pay, $shop, &$n): array {
    return $pay('/api/reg2nonreg', array_filter($extra + ['pg_amount' => '2500', 'pg_order_id' => 'page-' . ++$n,
        'pg_description' => 'cashback', 'pg_post_link' => "$shop->url/payout/post", 'pg_back_link' => 'https://shop.example/payouts/back'],
        fn($v) => $v !== null));
};
$path = fn(array $r) => parse_url($r['pg_redirect_url'], PHP_URL_PATH) . '?' . parse_url($r['pg_redirect_url'], PHP_URL_QUERY);

$r = $create(['pg_user_id' => 'u-5', 'pg_request_method' => 'XML', 'campaign' => 'spring']);
echo 'created: ', implode(',', array_keys($r)), ' ', sb_show($r, 'pg_status'), ' ', preg_replace('~customer=[0-9a-f]{32}~', 'customer=TOKEN',
    preg_replace('~127\.0\.0\.1:\d+~', 'HOST', $r['pg_redirect_url'])), "\n";
echo '  get_status2: ', sb_show($pay('/get_status2.php', ['pg_order_id' => 'page-1']), 'pg_transaction_status', 'pg_captured'), "\n";
[$code, , $html] = sb_http($s, 'GET', $path($r));
echo "  page: $code ", str_contains($html, 'name="card_number"') ? 'card number field' : 'NO FIELD', ', ',
    str_contains($html, "2\u{2009}500.00") ? 'the amount' : 'NO AMOUNT', ', ', substr_count($html, 'data-number='), " test cards\n";
[$code, , $html] = sb_http($s, 'POST', $path($r), ['card_number' => '4671 5938 6647 8253']);
echo "  a wrong number: $code ", str_contains($html, 'aria-invalid="true"') && str_contains($html, 'This card number is not valid') ? 'marked' : 'NOT MARKED', "\n";
[$code, $headers] = sb_http($s, 'POST', $path($r), ['card_number' => '4671 5938 6647 8252']);
echo "  paid: $code {$headers['location']}\n";
echo '  status: ', sb_show($pay('/api/payment_status', ['pg_payment_id' => $r['pg_payment_id']]), 'pg_transaction_status', 'pg_card_hash'),
    ', balance ', $s->balance(), "\n";
[$code, $headers] = sb_http($s, 'GET', $path($r));
echo "  the page again: $code {$headers['location']}\n";
[$code, $headers] = sb_http($s, 'POST', $path($r), ['card_number' => '4671593866478252']);
echo '  posted again: ', $code, ', balance ', $s->balance(), " (paid once)\n";
$note = $s->awaitNotification($r['pg_payment_id'], 'post_link');
$got = $shop->received('/payout/post')[0];
echo '  post_link: ', sb_show($note, 'method', 'outcome'), ' ', $got['xml'] !== null && str_contains($got['xml'], '<request>') ? 'pg_xml' : 'NOT XML',
    ' ', sb_show($got['fields'], 'pg_status', 'pg_card_hash', 'pg_balance', 'campaign'), ' ', $got['sig_ok'] ? 'valid' : 'INVALID',
    ', no pg_card_id: ', isset($got['fields']['pg_card_id']) ? 'HAS ONE' : 'right', "\n";

// Through the control: each kind of card.
foreach (['5325349472901311', '4532676596620704', '5507841999732294'] as $number) {
    $r = $create();
    echo "control $number: ", json_encode($s->payoutCard($r['pg_payment_id'], $number)), "\n";
    if ($s->payout($r['pg_payment_id'])['state'] === 'process') {
        [$code, , $html] = sb_http($s, 'GET', $path($r));
        echo "  page: $code ", str_contains($html, 'Sending the money') ? 'processing' : 'NOT PROCESSING', "\n";
        echo '  then: ', sb_show($pay('/get_status2.php', ['pg_payment_id' => $r['pg_payment_id']]), 'pg_transaction_status', 'pg_failure_code'),
            ', balance ', $s->balance(), "\n";
    }
    $f = $s->awaitNotification($r['pg_payment_id'], 'post_link')['history'][0]['request'];
    echo '  post_link: ', sb_show($f, 'pg_status', 'pg_failure_code', 'pg_card_hash'), "\n";
}
echo 'control, again: ', json_encode($s->payoutCard($r['pg_payment_id'])), "\n";
echo 'control, bad number: ', json_encode($s->control('/_sandbox/payouts/card', ['pg_payment_id' => $create()['pg_payment_id'], 'card_number' => '1234'])), "\n";
echo 'control, unknown: ', json_encode($s->control('/_sandbox/payouts/card', ['pg_payment_id' => '1', 'card_number' => '4671593866478252'])), "\n";
$card = $s->addCard('u-9', '4671593866478252');
$reg = $pay('/api/reg2reg', ['pg_amount' => '1', 'pg_order_id' => 'r2r', 'pg_user_id' => 'u-9', 'pg_card_token_to' => $card['pg_card_token'], 'pg_description' => 'x']);
echo 'control, not reg2nonreg: ', json_encode($s->payoutCard($reg['pg_payment_id'])), "\n";

// Without a back link: a result page.
$r = $create(['pg_back_link' => null, 'pg_post_link' => null]);
[$code, , $html] = sb_http($s, 'POST', $path($r), ['card_number' => '4671593866478252']);
echo "no back link: $code ", str_contains($html, 'Money sent') && str_contains($html, '4671-59XX-XXXX-8252') ? 'money sent' : 'WRONG', ', ',
    count($s->notifications($r['pg_payment_id'])), " notifications (no post_link given)\n";
[$code] = sb_http($s, 'GET', '/payout.html?customer=nope');
echo "unknown link: $code\n";

// pg_order_time_limit: the link expires, the shop hears of it.
$r = $create(['pg_order_time_limit' => gmdate('Y-m-d H:i:s', time() + 4), 'pg_back_link' => null]);
echo 'expiring: ', sb_show($pay('/get_status2.php', ['pg_payment_id' => $r['pg_payment_id']]), 'pg_transaction_status'), "\n";
sleep(5);
echo '  after the limit: ', sb_show($pay('/get_status2.php', ['pg_payment_id' => $r['pg_payment_id']]), 'pg_transaction_status', 'pg_failure_code',
    'pg_failure_description'), "\n";
[$code, , $html] = sb_http($s, 'GET', $path($r));
echo "  page: $code ", str_contains($html, 'Link expired') ? 'expired' : 'NOT EXPIRED', "\n";
echo '  control: ', json_encode($s->payoutCard($r['pg_payment_id'])), "\n";
echo '  post_link: ', sb_show($s->awaitNotification($r['pg_payment_id'], 'post_link')['history'][0]['request'], 'pg_status', 'pg_failure_code'), "\n";
echo '  payment_status2: ', sb_show($pay('/api/payment_status2', ['pg_payment_id' => $r['pg_payment_id']]), 'pg_payment_status'), "\n";

// Money runs out between the link and the card: the payout fails with 353.
$s->balance('3000');
$a = $create();
$b = $create();
echo 'two links for 2500 with 3000: ', json_encode($s->payoutCard($a['pg_payment_id'])['state']), ' ',
    json_encode($s->payoutCard($b['pg_payment_id'])), ', balance ', $s->balance(), "\n";
echo '  post_link: ', sb_show($s->awaitNotification($b['pg_payment_id'], 'post_link')['history'][0]['request'], 'pg_status', 'pg_failure_code', 'pg_balance'), "\n";
echo 'a link for more than the balance: ', sb_error($create()), "\n";

// Field errors.
foreach ([
    'no description' => ['pg_description' => null],
    'bad back link' => ['pg_back_link' => 'back'],
    'bad request method' => ['pg_request_method' => 'SOAP'],
    'same order id' => ['pg_order_id' => 'page-1'],
] as $name => $change) {
    $f = array_filter($change + ['pg_amount' => '1', 'pg_order_id' => 'e-' . $name, 'pg_description' => 'x', 'pg_back_link' => 'https://s.example/b'],
        fn($v) => $v !== null);
    echo str_pad($name, 20), sb_error($pay('/api/reg2nonreg', $f)), "\n";
}
?>
--EXPECTF--
created: pg_status,pg_payment_id,pg_redirect_url,pg_salt,pg_sig,signed pg_status=ok http://HOST/payout.html?customer=TOKEN
  get_status2: pg_transaction_status=partial pg_captured=0
  page: 200 card number field, the amount, 6 test cards
  a wrong number: 200 marked
  paid: 303 https://shop.example/payouts/back
  status: pg_transaction_status=ok pg_card_hash=4671-59XX-XXXX-8252, balance 997500.00
  the page again: 303 https://shop.example/payouts/back
  posted again: 303, balance 997500.00 (paid once)
  post_link: method=XML outcome=ok pg_xml pg_status=ok pg_card_hash=4671-59XX-XXXX-8252 pg_balance=997500.00 campaign=spring valid, no pg_card_id: right
control 5325349472901311: {"pg_payment_id":%d,"state":"error","pg_transaction_status":"failed","failure_code":10000,"failure_description":"Payout declined by the recipient's bank","http_status":200}
  post_link: pg_status=error pg_failure_code=10000 pg_card_hash=5325-34XX-XXXX-1311
control 4532676596620704: {"pg_payment_id":%d,"state":"process","pg_transaction_status":"pending","failure_code":null,"failure_description":null,"http_status":200}
  page: 200 processing
  then: pg_transaction_status=failed pg_failure_code=10001, balance 997500.00
  post_link: pg_status=error pg_failure_code=10001 pg_card_hash=4532-67XX-XXXX-0704
control 5507841999732294: {"pg_payment_id":%d,"state":"process","pg_transaction_status":"pending","failure_code":null,"failure_description":null,"http_status":200}
  page: 200 processing
  then: pg_transaction_status=ok, balance 995000.00
  post_link: pg_status=ok pg_card_hash=5507-84XX-XXXX-2294
control, again: {"error":"payout %d is ok, not new","http_status":409}
control, bad number: {"error":"card_number: This card number is not valid","http_status":400}
control, unknown: {"error":"no such payout","http_status":404}
control, not reg2nonreg: {"error":"payout %d is a reg2reg payout, not reg2nonreg","http_status":409}
no back link: 200 money sent, 0 notifications (no post_link given)
unknown link: 404
expiring: pg_transaction_status=partial
  after the limit: pg_transaction_status=incomplete pg_failure_code=75 pg_failure_description=The recipient did not enter a card before pg_order_time_limit
  page: 200 expired
  control: {"error":"payout %d is expired, not new","http_status":409}
  post_link: pg_status=error pg_failure_code=75
  payment_status2: pg_payment_status=incomplete
two links for 2500 with 3000: "ok" {"pg_payment_id":%d,"state":"error","pg_transaction_status":"failed","failure_code":353,"failure_description":"Insufficient funds on the merchant's balance","http_status":200}, balance 500.00
  post_link: pg_status=error pg_failure_code=353 pg_balance=500.00
a link for more than the balance: error 353 Insufficient funds on the merchant's balance: 500.00 available, 2500.00 needed (signed)
no description      error 9403 pg_description is required (signed)
bad back link       error 9403 pg_back_link is not a valid URL (signed)
bad request method  error 9403 pg_request_method must be GET, POST or XML (signed)
same order id       error 354 pg_order_id page-1 is already used by payout %d: look it up with get_status2.php; a new payout needs a new order id (signed)
