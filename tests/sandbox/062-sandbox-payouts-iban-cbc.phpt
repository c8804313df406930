--TEST--
Sandbox payouts: api/to_iban (a bank transfer: process, then paid); cash by code (api/cbc/check, exec, status; withdrawn, or error 75 once the code's lifetime is over, the money back on the balance; no callbacks); api/balance_status and the balance control; the payout settings
--FILE--
<?php
require __DIR__ . '/shop.inc';
const PAYOUT_KEY = 'sandbox-payout-secret';
$s = new FreedomPaySandbox\Server();
$shop = new TestShop();
$shop->plan('/iban/post', ['ok'], PAYOUT_KEY);
$pay = fn(string $path, array $f) => sb_call($s, $path, $f, PAYOUT_KEY);

// to_iban.
$iban = ['pg_recipient_bank_bic' => 'HSBKKZKX', 'pg_recipient_iban' => 'KZ86 125K ZT50 0410 0100', 'pg_recipient_iin_bin' => '880101300123',
    'pg_recipient_name' => 'Айгерим Серикова', 'pg_description' => 'salary', 'pg_amount' => '150000.75'];
$r = $pay('/api/to_iban', ['pg_order_id' => 'iban-1', 'pg_post_link' => "$shop->url/iban/post"] + $iban);
echo 'to_iban: ', implode(',', array_keys($r)), ' ', sb_show($r, 'pg_status', 'pg_balance', 'pg_payment_amount', 'pg_payment_date'), "\n";
echo '  get_status2: ', sb_show($pay('/get_status2.php', ['pg_order_id' => 'iban-1']), 'pg_transaction_status'), ' then ',
    sb_show($pay('/get_status2.php', ['pg_order_id' => 'iban-1']), 'pg_transaction_status'), "\n";
$f = $s->awaitNotification($r['pg_payment_id'], 'post_link')['history'][0]['request'];
echo '  post_link: ', implode(',', array_keys($f)), ' ', sb_show($f, 'pg_status', 'pg_recipient_iban', 'pg_balance'), "\n";
foreach ([
    'bad BIC' => ['pg_recipient_bank_bic' => 'HSBK'],
    'bad check digits' => ['pg_recipient_iban' => 'KZ87125KZT5004100100'],
    'not KZ' => ['pg_recipient_iban' => 'DE89370400440532013000'],
    'IIN/BIN not 12 digits' => ['pg_recipient_iin_bin' => '12345'],
    'no name' => ['pg_recipient_name' => null],
    'no IBAN' => ['pg_recipient_iban' => null],
    'too much' => ['pg_amount' => '99999999'],
] as $name => $change) {
    echo str_pad($name, 22), sb_error($pay('/api/to_iban', array_filter($change + ['pg_order_id' => "iban-$name"] + $iban, fn($v) => $v !== null))), "\n";
}

// Cash by code: check, exec, status; the recipient takes it.
$s->balance('10000');
$c = $pay('/api/cbc/check', ['pg_phone' => '77073175200', 'pg_amount' => '2000', 'pg_order_id' => 'cbc-1', 'pg_post_link' => "$shop->url/cbc/post"]);
echo 'check: ', implode(',', array_keys($c)), ' ', sb_show($c, 'pg_merchant_id', 'pg_order_id', 'pg_status'), ', balance ', $s->balance(), "\n";
echo '  status before exec: ', sb_show($pay('/api/cbc/status', ['pg_payment_id' => $c['pg_payment_id']]), 'pg_status'), "\n";
echo '  withdraw before exec: ', json_encode($s->withdrawCash($c['pg_payment_id'])), "\n";
$e = $pay('/api/cbc/exec', ['pg_payment_id' => $c['pg_payment_id']]);
echo 'exec: ', implode(',', array_keys($e)), ' ', sb_show($e, 'pg_status'), ', balance ', $s->balance(), "\n";
echo '  exec again: ', sb_error($pay('/api/cbc/exec', ['pg_payment_id' => $c['pg_payment_id']])), "\n";
echo '  status: ', sb_show($pay('/api/cbc/status', ['pg_payment_id' => $c['pg_payment_id']]), 'pg_order_id', 'pg_status'), "\n";
echo '  get_status2: ', sb_show($pay('/get_status2.php', ['pg_order_id' => 'cbc-1']), 'pg_transaction_status'), "\n";
echo 'withdrawn: ', json_encode($s->withdrawCash($c['pg_payment_id'])), "\n";
echo '  status: ', sb_show($pay('/api/cbc/status', ['pg_payment_id' => $c['pg_payment_id']]), 'pg_status'), ', balance ', $s->balance(), "\n";
echo '  withdraw again: ', json_encode($s->withdrawCash($c['pg_payment_id'])), "\n";
echo '  no callbacks: ', count($s->notifications($c['pg_payment_id'])), ' notifications, ', count($shop->received('/cbc/post')), " requests\n";
echo 'settle control on cash: ', json_encode($s->settlePayout($c['pg_payment_id'])), "\n";

// Not taken in time: error 75, the money back.
echo 'settings: ', json_encode($s->settings([], 'payouts')), ' -> ', json_encode($s->settings(['cbc_lifetime' => 5], 'payouts')), "\n";
$late = $pay('/api/cbc/check', ['pg_phone' => '77010000000', 'pg_amount' => '500', 'pg_order_id' => 'cbc-2']);
$pay('/api/cbc/exec', ['pg_payment_id' => $late['pg_payment_id']]);
$never = $pay('/api/cbc/check', ['pg_phone' => '77010000001', 'pg_amount' => '700', 'pg_order_id' => 'cbc-3']);
echo 'executed, not taken: balance ', $s->balance(), "\n";
sleep(6);
echo '  status: ', sb_error($pay('/api/cbc/status', ['pg_payment_id' => $late['pg_payment_id']])), ', balance ', $s->balance(), "\n";
echo '  get_status2: ', sb_show($pay('/get_status2.php', ['pg_order_id' => 'cbc-2']), 'pg_transaction_status', 'pg_failure_code'), "\n";
echo '  withdraw: ', json_encode($s->withdrawCash($late['pg_payment_id']), JSON_UNESCAPED_UNICODE), "\n";
echo '  never executed, exec: ', sb_error($pay('/api/cbc/exec', ['pg_payment_id' => $never['pg_payment_id']])), "\n";
echo '  its status: ', sb_error($pay('/api/cbc/status', ['pg_payment_id' => $never['pg_payment_id']])), ', balance ', $s->balance(), "\n";
$s->settings(['cbc_lifetime' => 86400], 'payouts');

// Money: checked at check, debited at exec.
$a = $pay('/api/cbc/check', ['pg_phone' => '77010000002', 'pg_amount' => '6000', 'pg_order_id' => 'cbc-4']);
$b = $pay('/api/cbc/check', ['pg_phone' => '77010000003', 'pg_amount' => '6000', 'pg_order_id' => 'cbc-5']);
echo 'two checks of 6000 with ', $s->balance(), ': ', $a['pg_status'], ' ', $b['pg_status'], '; exec ', sb_show($pay('/api/cbc/exec', ['pg_payment_id' => $a['pg_payment_id']]), 'pg_status'),
    ' then ', sb_error($pay('/api/cbc/exec', ['pg_payment_id' => $b['pg_payment_id']])), "\n";
echo '  a check for more than is left: ', sb_error($pay('/api/cbc/check', ['pg_phone' => '77010000004', 'pg_amount' => '6000', 'pg_order_id' => 'cbc-6'])), "\n";
foreach ([
    'phone with +' => ['pg_phone' => '+77073175200'],
    'short phone' => ['pg_phone' => '707317'],
    'no phone' => ['pg_phone' => null],
    'no amount' => ['pg_amount' => null],
    'used order id' => ['pg_order_id' => 'iban-1'],
] as $name => $change) {
    echo str_pad($name, 22), sb_error($pay('/api/cbc/check', array_filter($change + ['pg_phone' => '77073175200', 'pg_amount' => '1', 'pg_order_id' => "c-$name"],
        fn($v) => $v !== null))), "\n";
}
echo 'exec, unknown: ', sb_error($pay('/api/cbc/exec', ['pg_payment_id' => '123'])), "\n";
echo 'exec, not cash by code: ', sb_error($pay('/api/cbc/exec', ['pg_payment_id' => $r['pg_payment_id']])), "\n";
echo 'status, no id: ', sb_error($pay('/api/cbc/status', [])), "\n";

// The XML request method: one pg_xml field holding <request>…</request>, signed like a form.
$f = ['pg_merchant_id' => SB_MERCHANT, 'pg_phone' => '77070000009', 'pg_amount' => '1', 'pg_order_id' => 'cbc-xml', 'pg_salt' => 'xml salt'];
$f['pg_sig'] = FreedomPaySandbox\Signature::forRequest('check', $f, PAYOUT_KEY);
$xml = '<?xml version="1.0" encoding="utf-8"?><request>';
foreach ($f as $k => $v) {
    $xml .= "<$k>" . htmlspecialchars($v, ENT_XML1) . "</$k>";
}
[, $body] = $s->post('/api/cbc/check', ['pg_xml' => $xml . '</request>']);
$reply = simplexml_load_string($body);
echo 'cbc/check by XML: ', $reply->pg_status, ' ', $reply->pg_order_id, ', reply signed: ',
    var_export((string) $reply->pg_sig === FreedomPaySandbox\Signature::forXml('check', $body, PAYOUT_KEY), true), "\n";

// The balance control.
echo 'balance control: ', json_encode(json_decode($s->get('/_sandbox/balance')[1], true)), "\n";
echo '  set: ', json_encode($s->control('/_sandbox/balance', ['balance' => '0'])), ' ', sb_show($pay('/api/balance_status', []), 'pg_balance'), "\n";
echo '  bad amount: ', json_encode($s->control('/_sandbox/balance', ['balance' => '-5'])), "\n";
echo '  unknown merchant: ', json_encode($s->control('/_sandbox/balance', ['balance' => '5', 'merchant_id' => '42'])), "\n";
echo '  bad setting: ', json_encode($s->control('/_sandbox/payouts/settings', ['cbc_lifetime' => '1h'])), "\n";
$t = new FreedomPaySandbox\Server(1, null, ['SANDBOX_PAYOUT_BALANCE' => '250.5', 'SANDBOX_CBC_LIFETIME' => '60']);
echo 'from the environment: ', $t->balance(), ' ', json_encode($t->settings([], 'payouts')), "\n";
?>
--EXPECTF--
to_iban: pg_payment_id,pg_status,pg_order_id,pg_balance,pg_payment_amount,pg_payment_date,pg_salt,pg_sig,signed pg_status=process pg_balance=849999.25 pg_payment_amount=150000.75 pg_payment_date=
  get_status2: pg_transaction_status=pending then pg_transaction_status=ok
  post_link: pg_payment_id,pg_order_id,pg_status,pg_balance,pg_payment_amount,pg_to_pay,pg_merchant_id,pg_payment_date,pg_recipient_iban,pg_salt,pg_sig pg_status=ok pg_recipient_iban=KZ86125KZT5004100100 pg_balance=849999.25
bad BIC               error 9403 pg_recipient_bank_bic is not a BIC (8 or 11 letters and digits) (signed)
bad check digits      error 9403 pg_recipient_iban is not a valid KZ IBAN (signed)
not KZ                error 9403 pg_recipient_iban is not a valid KZ IBAN (signed)
IIN/BIN not 12 digits error 9403 pg_recipient_iin_bin must be 12 digits (signed)
no name               error 9403 pg_recipient_name is required (signed)
no IBAN               error 9403 pg_recipient_iban is required (signed)
too much              error 353 Insufficient funds on the merchant's balance: 849999.25 available, 99999999.00 needed (signed)
check: pg_payment_id,pg_merchant_id,pg_order_id,pg_status,pg_salt,pg_sig,signed pg_merchant_id=500001 pg_order_id=cbc-1 pg_status=ok, balance 10000.00
  status before exec: pg_status=process
  withdraw before exec: {"error":"payout %d is new (waiting for the recipient's card, or for cbc\/exec): cbc\/exec first","pg_payment_id":%d,"state":"new","pg_transaction_status":"partial","failure_code":null,"failure_description":null,"http_status":409}
exec: pg_payment_id,pg_merchant_id,pg_status,pg_salt,pg_sig,signed pg_status=ok, balance 8000.00
  exec again: error 350 cbc/exec is not allowed: payout %d is process (being paid) (signed)
  status: pg_order_id=cbc-1 pg_status=process
  get_status2: pg_transaction_status=pending
withdrawn: {"pg_payment_id":%d,"state":"ok","pg_transaction_status":"ok","failure_code":null,"failure_description":null,"http_status":200}
  status: pg_status=success, balance 8000.00
  withdraw again: {"error":"payout %d is ok (paid)","pg_payment_id":%d,"state":"ok","pg_transaction_status":"ok","failure_code":null,"failure_description":null,"http_status":409}
  no callbacks: 0 notifications, 0 requests
settle control on cash: {"error":"payout %d is cash by code: it ends when the cash is taken (\/_sandbox\/cbc\/withdraw)","http_status":409}
settings: {"cbc_lifetime":86400,"http_status":200} -> {"cbc_lifetime":5,"http_status":200}
executed, not taken: balance 7500.00
  status: error 75 Истекло время исполнения перевода, получатель не снял деньги (signed), balance 8000.00
  get_status2: pg_transaction_status=failed pg_failure_code=75
  withdraw: {"error":"payout %d is error (failed)","pg_payment_id":%d,"state":"error","pg_transaction_status":"failed","failure_code":75,"failure_description":"Истекло время исполнения перевода, получатель не снял деньги","http_status":409}
  never executed, exec: error 75 Истекло время исполнения перевода, получатель не снял деньги (signed)
  its status: error 75 Истекло время исполнения перевода, получатель не снял деньги (signed), balance 8000.00
two checks of 6000 with 8000.00: ok ok; exec pg_status=ok then error 353 Insufficient funds on the merchant's balance: 2000.00 available, 6000.00 needed (signed)
  a check for more than is left: error 353 Insufficient funds on the merchant's balance: 2000.00 available, 6000.00 needed (signed)
phone with +          error 9403 pg_phone must be 10 to 15 digits, the country code first (no +, spaces or brackets) (signed)
short phone           error 9403 pg_phone must be 10 to 15 digits, the country code first (no +, spaces or brackets) (signed)
no phone              error 9403 pg_phone is required (signed)
no amount             error 9403 pg_amount is required (signed)
used order id         error 354 pg_order_id iban-1 is already used by payout %d: look it up with get_status2.php; a new payout needs a new order id (signed)
exec, unknown: error 340 Транзакция не найдена (signed)
exec, not cash by code: error 340 Транзакция не найдена (signed)
status, no id: error 9403 pg_payment_id is required (signed)
cbc/check by XML: ok cbc-xml, reply signed: true
balance control: {"merchant_id":"500001","pg_balance":"2000.00"}
  set: {"merchant_id":"500001","pg_balance":"0.00","http_status":200} pg_balance=0.00
  bad amount: {"error":"balance is required (got \"-5\")","http_status":400}
  unknown merchant: {"error":"unknown merchant 42","http_status":400}
  bad setting: {"error":"cbc_lifetime must be a whole number","http_status":400}
from the environment: 250.50 {"cbc_lifetime":60,"http_status":200}
