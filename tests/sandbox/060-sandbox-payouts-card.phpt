--TEST--
Sandbox payouts: signed with the payout key (the payment key gets 9998); api/reg2reg to a saved card with every payout test card; the balance they draw from; get_status2.php, api/payment_status(2); post_link after each; duplicates, insufficient funds and field errors
--FILE--
<?php
require __DIR__ . '/shop.inc';
const PAYOUT_KEY = 'sandbox-payout-secret';
$s = new FreedomPaySandbox\Server(1, null, ['SANDBOX_MERCHANTS' => '500003:only-payments:']);
$shop = new TestShop();
$pay = fn(string $path, array $f) => sb_call($s, $path, $f, PAYOUT_KEY);

echo 'balance: ', sb_show($pay('/api/balance_status', []), 'pg_balance', 'pg_status', 'signed'), "\n";
// Every payout endpoint refuses the payment key as the gateway does: 9998, unsigned.
foreach (['api/reg2nonreg', 'api/reg2reg', 'api/to_iban', 'get_status2.php', 'api/payment_status', 'api/payment_status2',
             'api/balance_status', 'api/cbc/check', 'api/cbc/exec', 'api/cbc/status'] as $path) {
    $codes[] = sb_error(sb_call($s, "/$path", ['pg_payment_id' => '7000001', 'pg_order_id' => 'x']));
}
echo 'payment key: ', count($codes), ' endpoints: ', implode(' | ', array_unique($codes)), "\n";
echo 'merchant without a payout key: ', sb_error(sb_call($s, '/api/balance_status', ['pg_merchant_id' => '500003'], 'only-payments')), "\n";

// Every payout test card, saved for the user, then paid out to.
$shop->plan('/payouts/post', ['ok'], PAYOUT_KEY);
$s->settings(['slow_polls' => 1]);
$n = 0;
foreach (['4671593866478252', '5325349472901311', '4556046085041740', '5543974702876045', '5507841999732294', '4532676596620704',
             '4405645000006150'] as $number) {
    $card = $s->addCard('user-1', $number);
    $order = 'po-' . ++$n;
    $r = $pay('/api/reg2reg', ['pg_amount' => '1000', 'pg_order_id' => $order, 'pg_user_id' => 'user-1',
        'pg_card_token_to' => $card['pg_card_token'], 'pg_description' => 'refund to card', 'pg_post_link' => "$shop->url/payouts/post",
        'pg_back_link' => 'https://shop.example/back', 'pg_order_time_limit' => gmdate('Y-m-d H:i:s', time() + 3600), 'ref' => "r$n"]);
    echo "$number: ", sb_show($r, 'pg_status', 'pg_error_code', 'pg_error_description', 'pg_balance', 'pg_card_hash', 'pg_payment_amount'),
        $r['signed'] ? '' : ' UNSIGNED', "\n";
    $ids[$number] = $r['pg_payment_id'];
    $tokens[$number] = $card['pg_card_token'];
    if ($r['pg_status'] === 'ok') {
        echo '  keys: ', implode(',', array_keys($r)), ' date ', $r['pg_payment_date'] !== '' ? 'set' : 'EMPTY', "\n";
    }
    if ($r['pg_status'] === 'process') {
        echo '  get_status2: ', sb_show($pay('/get_status2.php', ['pg_order_id' => $order]), 'pg_transaction_status'), ', then ',
            sb_show($pay('/get_status2.php', ['pg_order_id' => $order]), 'pg_transaction_status', 'pg_failure_code', 'pg_captured'),
            ', balance ', $s->balance(), "\n";
    }
}
echo 'balance now: ', sb_show($pay('/api/balance_status', []), 'pg_balance'), " (three paid: 3000 out)\n";

// post_link after each decision, signed with the payout key.
foreach ($ids as $number => $id) {
    $note = $s->awaitNotification($id, 'post_link', subject: 'payout');
    $f = $note['history'][0]['request'];
    echo "post_link $number: ", sb_show($note, 'key', 'outcome'), ' ', sb_show($f, 'pg_status', 'pg_balance', 'pg_payment_amount', 'pg_to_pay',
        'pg_failure_code', 'ref'), "\n";
}
echo '  fields: ', implode(',', array_keys($s->notifications($ids['4671593866478252'], 'post_link')[0]['history'][0]['request'])), "\n";
echo '  the shop checked them with the payout key: ', implode(',', array_unique(array_map(fn($r) => $r['sig_ok'] ? 'valid' : 'INVALID',
    $shop->received('/payouts/post')))), "\n";

// Statuses.
$ok = $ids['4671593866478252'];
$failed = $ids['5325349472901311'];
echo 'get_status2 ok: ', implode(',', array_keys($pay('/get_status2.php', ['pg_order_id' => 'po-1']))), "\n";
echo '  by payment id: ', sb_show($pay('/get_status2.php', ['pg_payment_id' => $ok]), 'pg_transaction_status', 'pg_captured'), "\n";
echo 'get_status2 failed: ', sb_show($pay('/get_status2.php', ['pg_order_id' => 'po-2']), 'pg_transaction_status', 'pg_failure_code', 'pg_failure_description'), "\n";
echo 'get_status2 unknown: ', sb_error($pay('/get_status2.php', ['pg_order_id' => 'nope'])), "\n";
echo 'get_status2 nothing to look by: ', sb_error($pay('/get_status2.php', [])), "\n";
echo 'payment_status: ', sb_show($pay('/api/payment_status', ['pg_payment_id' => $ok]), 'pg_status', 'pg_order_id', 'pg_transaction_status',
    'pg_payment_amount', 'pg_to_pay', 'pg_card_hash'), "\n";
echo '  failed: ', sb_show($pay('/api/payment_status', ['pg_payment_id' => $failed]), 'pg_transaction_status', 'pg_failure_code'), "\n";
echo '  by order: ', sb_show($pay('/api/payment_status', ['pg_order_id' => 'po-3']), 'pg_transaction_status', 'pg_failure_code'), "\n";
echo '  unknown: ', sb_error($pay('/api/payment_status', ['pg_payment_id' => '99'])), "\n";
echo 'payment_status2: ', sb_show($pay('/api/payment_status2', ['pg_payment_id' => $ok]), 'pg_status', 'pg_payment_status'), ', failed: ',
    sb_show($pay('/api/payment_status2', ['pg_payment_id' => $failed]), 'pg_payment_status', 'pg_failure_code'), "\n";
echo 'a purchase is not a payout: ', sb_error($pay('/get_status2.php', ['pg_payment_id' => sb_pay_card($s, '4716047261941981')['pg_payment_id']])), "\n";

// A slow card, settled by the control; or by slow_seconds.
$s->settings(['slow_polls' => 100]);
$r = $pay('/api/reg2reg', ['pg_amount' => '1', 'pg_order_id' => 'slow-1', 'pg_user_id' => 'user-1',
    'pg_card_token_to' => $tokens['5507841999732294'], 'pg_description' => 'x']);
echo 'slow: ', $r['pg_status'], ', settle: ', json_encode($s->settlePayout($r['pg_payment_id'])), "\n";
echo '  settle again: ', json_encode($s->settlePayout($r['pg_payment_id'])), "\n";
$s->settings(['slow_polls' => 1]);

// The deprecated pg_card_id_to.
$card = $s->addCard('user-2', '4671593866478252');
echo 'pg_card_id_to: ', sb_show($pay('/api/reg2reg', ['pg_amount' => '5', 'pg_order_id' => 'by-id', 'pg_user_id' => 'user-2',
    'pg_card_id_to' => (string) $card['pg_card_id'], 'pg_description' => 'x']), 'pg_status', 'pg_card_token'), "\n";

// Refusals: nothing is paid, nothing recorded.
$base = ['pg_amount' => '5', 'pg_user_id' => 'user-2', 'pg_card_token_to' => $card['pg_card_token'], 'pg_description' => 'x'];
$unapproved = $s->addCard('user-2', '4671593866478252', 'new');
$deleted = $s->addCard('user-2', '4671593866478252', 'deleted');
foreach ([
    'same order id' => ['pg_order_id' => 'by-id'],
    'unknown card' => ['pg_card_token_to' => 'nope'],
    "another user's card" => ['pg_user_id' => 'user-1'],
    'deleted card' => ['pg_card_token_to' => $deleted['pg_card_token']],
    'card not approved' => ['pg_card_token_to' => $unapproved['pg_card_token']],
    'no card' => ['pg_card_token_to' => null],
    'no user' => ['pg_user_id' => null],
    'no amount' => ['pg_amount' => null],
    'bad amount' => ['pg_amount' => '1,50'],
    'no description' => ['pg_description' => null],
    'no order id' => ['pg_order_id' => null],
    'long order id' => ['pg_order_id' => str_repeat('x', 51)],
    'bad post_link' => ['pg_post_link' => 'shop/post'],
    'bad time limit' => ['pg_order_time_limit' => '31.12.2030'],
    'time limit passed' => ['pg_order_time_limit' => '2020-01-01 00:00:00'],
] as $name => $change) {
    $f = array_filter($change + ['pg_order_id' => 'refused'] + $base, fn($v) => $v !== null);
    echo str_pad($name, 20), sb_error($pay('/api/reg2reg', $f)), "\n";
}
echo 'the refused order id is free: ', sb_error($pay('/get_status2.php', ['pg_order_id' => 'refused'])), "\n";

// Not enough money: refused (353), the order id stays free; once topped up it goes through.
echo 'balance set: ', $s->balance('10.50'), "\n";
echo 'too much: ', sb_error($pay('/api/reg2reg', ['pg_order_id' => 'big', 'pg_amount' => '10.51'] + $base)), "\n";
echo '  status: ', sb_error($pay('/get_status2.php', ['pg_order_id' => 'big'])), "\n";
echo '  all of it: ', sb_show($pay('/api/reg2reg', ['pg_order_id' => 'big', 'pg_amount' => '10.50'] + $base), 'pg_status', 'pg_balance'), "\n";
echo '  a declining card needs no money: ', sb_show($pay('/api/reg2reg', ['pg_order_id' => 'broke', 'pg_user_id' => 'user-1',
    'pg_card_token_to' => $tokens['5543974702876045']] + $base), 'pg_status', 'pg_error_code', 'pg_balance'), "\n";
echo 'requests the shop got: ', count($shop->received()), "\n";
?>
--EXPECTF--
balance: pg_balance=1000000.00 pg_status=ok signed=1
payment key: 10 endpoints: error 9998 Incorrect signature (unsigned)
merchant without a payout key: error 9998 Merchant not identified (unsigned)
4671593866478252: pg_status=ok pg_balance=999000.00 pg_card_hash=4671-59XX-XXXX-8252 pg_payment_amount=1000
  keys: pg_payment_id,pg_status,pg_order_id,pg_balance,pg_card_hash,pg_card_token,pg_payment_amount,pg_payment_date,pg_salt,pg_sig,signed date set
5325349472901311: pg_status=error pg_error_code=10000 pg_error_description=Payout declined by the recipient's bank pg_balance=999000.00 pg_card_hash=5325-34XX-XXXX-1311 pg_payment_amount=1000
4556046085041740: pg_status=error pg_error_code=10001 pg_error_description=Payout declined: the card cannot receive payouts pg_balance=999000.00 pg_card_hash=4556-04XX-XXXX-1740 pg_payment_amount=1000
5543974702876045: pg_status=error pg_error_code=8888 pg_error_description=Payout declined: limit exceeded pg_balance=999000.00 pg_card_hash=5543-97XX-XXXX-6045 pg_payment_amount=1000
5507841999732294: pg_status=process pg_balance=998000.00 pg_card_hash=5507-84XX-XXXX-2294 pg_payment_amount=1000
  get_status2: pg_transaction_status=pending, then pg_transaction_status=ok pg_captured=1, balance 998000.00
4532676596620704: pg_status=process pg_balance=997000.00 pg_card_hash=4532-67XX-XXXX-0704 pg_payment_amount=1000
  get_status2: pg_transaction_status=pending, then pg_transaction_status=failed pg_failure_code=10001 pg_captured=0, balance 998000.00
4405645000006150: pg_status=error pg_error_code=10000 pg_error_description=Payout declined by the recipient's bank (not a payout test card) pg_balance=998000.00 pg_card_hash=4405-64XX-XXXX-6150 pg_payment_amount=1000
balance now: pg_balance=998000.00 (three paid: 3000 out)
post_link 4671593866478252: key=payout outcome=ok pg_status=ok pg_balance=999000.00 pg_payment_amount=1000 pg_to_pay=1000 ref=r1
post_link 5325349472901311: key=payout outcome=ok pg_status=error pg_balance=999000.00 pg_payment_amount=1000 pg_to_pay=1000 pg_failure_code=10000 ref=r2
post_link 4556046085041740: key=payout outcome=ok pg_status=error pg_balance=999000.00 pg_payment_amount=1000 pg_to_pay=1000 pg_failure_code=10001 ref=r3
post_link 5543974702876045: key=payout outcome=ok pg_status=error pg_balance=999000.00 pg_payment_amount=1000 pg_to_pay=1000 pg_failure_code=8888 ref=r4
post_link 5507841999732294: key=payout outcome=ok pg_status=ok pg_balance=998000.00 pg_payment_amount=1000 pg_to_pay=1000 ref=r5
post_link 4532676596620704: key=payout outcome=ok pg_status=error pg_balance=998000.00 pg_payment_amount=1000 pg_to_pay=1000 pg_failure_code=10001 ref=r6
post_link 4405645000006150: key=payout outcome=ok pg_status=error pg_balance=998000.00 pg_payment_amount=1000 pg_to_pay=1000 pg_failure_code=10000 ref=r7
  fields: pg_payment_id,pg_order_id,pg_card_hash,pg_status,pg_balance,pg_payment_amount,pg_to_pay,pg_merchant_id,pg_payment_date,pg_card_id,ref,pg_salt,pg_sig
  the shop checked them with the payout key: valid
get_status2 ok: pg_status,pg_payment_id,pg_transaction_status,pg_can_reject,pg_testing_mode,pg_captured,pg_create_date,pg_salt,pg_sig,signed
  by payment id: pg_transaction_status=ok pg_captured=1
get_status2 failed: pg_transaction_status=failed pg_failure_code=10000 pg_failure_description=Payout declined by the recipient's bank
get_status2 unknown: error 340 Транзакция не найдена (signed)
get_status2 nothing to look by: error 9403 pg_order_id or pg_payment_id is required (signed)
payment_status: pg_status=ok pg_order_id=po-1 pg_transaction_status=ok pg_payment_amount=1000 pg_to_pay=1000 pg_card_hash=4671-59XX-XXXX-8252
  failed: pg_transaction_status=failed pg_failure_code=10000
  by order: pg_transaction_status=failed pg_failure_code=10001
  unknown: error 340 Транзакция не найдена (signed)
payment_status2: pg_status=ok pg_payment_status=success, failed: pg_payment_status=error pg_failure_code=10000
a purchase is not a payout: error 340 Транзакция не найдена (signed)
slow: process, settle: {"pg_payment_id":%d,"state":"ok","pg_transaction_status":"ok","failure_code":null,"failure_description":null,"http_status":200}
  settle again: {"error":"payout %d is ok, not process","http_status":409}
pg_card_id_to: pg_status=ok pg_card_token=%s
same order id       error 354 pg_order_id by-id is already used by payout %d: look it up with get_status2.php; a new payout needs a new order id (signed)
unknown card        error 342 Card not found (signed)
another user's card error 342 Card not found (signed)
deleted card        error 342 Card not found (signed)
card not approved   error 352 Card %d is new, not approved: payouts need an approved card (signed)
no card             error 9403 pg_card_token_to is required (signed)
no user             error 9403 pg_user_id is required (signed)
no amount           error 9403 pg_amount is required (signed)
bad amount          error 9403 pg_amount is not a valid amount: 1,50 (signed)
no description      error 9403 pg_description is required (signed)
no order id         error 9403 pg_order_id is required (signed)
long order id       error 9403 pg_order_id is longer than 50 characters (signed)
bad post_link       error 9403 pg_post_link is not a valid URL (signed)
bad time limit      error 9403 pg_order_time_limit must be YYYY-MM-DD HH:MM:SS (signed)
time limit passed   error 9403 pg_order_time_limit 2020-01-01 00:00:00 has passed (UTC) (signed)
the refused order id is free: error 340 Транзакция не найдена (signed)
balance set: 10.50
too much: error 353 Insufficient funds on the merchant's balance: 10.50 available, 10.51 needed (signed)
  status: error 340 Транзакция не найдена (signed)
  all of it: pg_status=ok pg_balance=0.00
  a declining card needs no money: pg_status=error pg_error_code=8888 pg_balance=0.00
requests the shop got: 7
