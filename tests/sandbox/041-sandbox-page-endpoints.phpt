--TEST--
Sandbox: init_payment.php, g2g/payment_page and g2g/any_amount create payments for the hosted page; field errors are signed 9403; idempotency keys; testing mode
--FILE--
<?php
require __DIR__ . '/purchase.inc';
$s = new FreedomPaySandbox\Server();

// The three page endpoints: the same reply shape.
foreach (['/init_payment.php', '/g2g/payment_page', '/g2g/any_amount'] as $i => $path) {
    $r = sb_call($s, $path, ['pg_amount' => '150.50', 'pg_description' => 'Books', 'pg_order_id' => "page-$i",
        'pg_testing_mode' => '1']);
    echo $path, ': ', implode(',', array_keys($r)), ' signed=', var_export($r['signed'], true), "\n";
    echo '  ', preg_replace('~:\d+/~', ':PORT/', preg_replace('/=[0-9a-f]{32}$/', '=TOKEN', $r['pg_redirect_url'])), ' ', $r['pg_redirect_url_type'], "\n";
    $st = sb_status($s, $r['pg_payment_id']);
    echo '  status: ', sb_show($st, 'pg_order_id', 'pg_amount', 'pg_currency', 'pg_payment_status', 'pg_testing_mode', 'pg_captured'), "\n";
}

// init_payment.php makes up an order id; the g2g endpoints need one.
$r = sb_call($s, '/init_payment.php', ['pg_amount' => '1', 'pg_description' => 'no order']);
echo 'generated order: ', sb_status($s, $r['pg_payment_id'])['pg_order_id'] === "sandbox-{$r['pg_payment_id']}" ? 'yes' : 'no', "\n";
echo 'payment_page without order: ', sb_error(sb_call($s, '/g2g/payment_page', ['pg_amount' => '1', 'pg_description' => 'x'])), "\n";
echo 'testing mode absent: ', sb_status($s, $r['pg_payment_id'])['pg_testing_mode'], "\n";

// Field errors: signed 9403 naming the field.
$base = ['pg_amount' => '10', 'pg_description' => 'x', 'pg_order_id' => 'o'];
foreach ([
    'no amount' => ['/g2g/payment_page', ['pg_amount' => null]],
    'amount 0' => ['/g2g/payment_page', ['pg_amount' => '0']],
    'amount 1,5' => ['/init_payment.php', ['pg_amount' => '1,5']],
    'amount too big' => ['/init_payment.php', ['pg_amount' => '123456789']],
    'no description' => ['/g2g/any_amount', ['pg_description' => null]],
    'currency' => ['/init_payment.php', ['pg_currency' => 'tenge']],
    'testing mode' => ['/init_payment.php', ['pg_testing_mode' => 'yes']],
    'auto clearing' => ['/g2g/payment_page', ['pg_auto_clearing' => '2']],
    'success url' => ['/init_payment.php', ['pg_success_url' => 'shop.example/ok']],
    'failure url method' => ['/init_payment.php', ['pg_failure_url_method' => 'PUT']],
    'recurring lifetime' => ['/init_payment.php', ['pg_recurring_lifetime' => '0']],
    'receipt not a list' => ['/init_payment.php', ['pg_receipt_positions' => 'x']],
    'any amount, bad suggestion' => ['/g2g/any_amount', ['pg_amount' => '-1']],
    'array amount' => ['/init_payment.php', ['pg_amount' => ['1']]],
] as $name => [$path, $change]) {
    echo "$name: ", sb_error(sb_call($s, $path, array_filter($change + $base, fn($v) => $v !== null))), "\n";
}
echo 'no salt: ', sb_error(sb_call($s, '/init_payment.php', $base + ['pg_salt' => ''])), "\n";

// g2g/any_amount: no amount until the payer chooses one.
$any = sb_call($s, '/g2g/any_amount', ['pg_description' => 'Donation', 'pg_order_id' => 'gift-1']);
$st = sb_status($s, $any['pg_payment_id']);
echo 'any amount: ', sb_show($st, 'pg_amount', 'pg_payment_status'), "\n";
$paid = $s->pay($any['pg_payment_id']);
echo 'paid without an amount: ', $paid['http_status'], ' ', $paid['error'], "\n";
$s->control('/_sandbox/pay', ['pg_payment_id' => $any['pg_payment_id'], 'amount' => '777.70', 'card_number' => '4716047261941981',
    'card_exp' => '12/30', 'card_cvc' => '123']);
echo 'after paying 777.70: ', sb_show(sb_status($s, $any['pg_payment_id']), 'pg_amount', 'pg_payment_status', 'pg_clearing_amount'), "\n";

// pg_idempotency_key: the same payment on every creating endpoint, whatever else is sent.
$a = sb_call($s, '/init_payment.php', $base + ['pg_idempotency_key' => 'idem-1']);
$b = sb_call($s, '/init_payment.php', ['pg_amount' => '99', 'pg_description' => 'other', 'pg_idempotency_key' => 'idem-1']);
$c = sb_call($s, '/g2g/payment_page', $base + ['pg_idempotency_key' => 'idem-1']);
$d = sb_call($s, '/g2g/any_amount', $base + ['pg_idempotency_key' => 'idem-1']);
echo 'idempotent: ', count(array_unique([$a['pg_payment_id'], $b['pg_payment_id'], $c['pg_payment_id'], $d['pg_payment_id']])),
    ' payment, same page: ', var_export($a['pg_redirect_url'] === $d['pg_redirect_url'], true), "\n";
echo 'amount kept: ', sb_status($s, $a['pg_payment_id'])['pg_amount'], "\n";
$e = sb_call($s, '/init_payment.php', $base + ['pg_idempotency_key' => 'idem-2']);
echo 'another key, another payment: ', var_export($e['pg_payment_id'] !== $a['pg_payment_id'], true), "\n";
echo 'key too long: ', sb_error(sb_call($s, '/init_payment.php', $base + ['pg_idempotency_key' => str_repeat('k', 256)])), "\n";

// The XML request method, with nested receipt positions.
$inner = ['pg_merchant_id' => SB_MERCHANT, 'pg_amount' => '25', 'pg_description' => 'xml', 'pg_order_id' => 'xml-1',
    'pg_receipt_positions' => ['pg_receipt_position' => ['count' => '2', 'name' => 'Mouse pad', 'price' => '12.5', 'tax_type' => '0']],
    'pg_salt' => 'molbulak'];
$inner['pg_sig'] = FreedomPaySandbox\Signature::forRequest('payment_page', $inner, SB_SECRET);
$xml = new SimpleXMLElement('<request/>');
foreach ($inner as $k => $v) {
    if (is_array($v)) {
        $pos = $xml->addChild($k)->addChild('pg_receipt_position');
        foreach ($v['pg_receipt_position'] as $kk => $vv) {
            $pos->addChild($kk, $vv);
        }
    } else {
        $xml->addChild($k, $v);
    }
}
[, $body] = $s->post('/g2g/payment_page', ['pg_xml' => $xml->asXML()]);
echo 'pg_xml: ', simplexml_load_string($body)->pg_status, "\n";
?>
--EXPECTF--
/init_payment.php: pg_status,pg_payment_id,pg_redirect_url,pg_redirect_url_type,pg_salt,pg_sig,signed signed=true
  http://127.0.0.1:PORT/pay.html?customer=TOKEN need data
  status: pg_order_id=page-0 pg_amount=150.50 pg_currency=KZT pg_payment_status=new pg_testing_mode=1 pg_captured=0
/g2g/payment_page: pg_status,pg_payment_id,pg_redirect_url,pg_redirect_url_type,pg_salt,pg_sig,signed signed=true
  http://127.0.0.1:PORT/pay.html?customer=TOKEN need data
  status: pg_order_id=page-1 pg_amount=150.50 pg_currency=KZT pg_payment_status=new pg_testing_mode=1 pg_captured=0
/g2g/any_amount: pg_status,pg_payment_id,pg_redirect_url,pg_redirect_url_type,pg_salt,pg_sig,signed signed=true
  http://127.0.0.1:PORT/pay.html?customer=TOKEN need data
  status: pg_order_id=page-2 pg_amount= pg_currency=KZT pg_payment_status=new pg_testing_mode=1 pg_captured=0
generated order: yes
payment_page without order: error 9403 pg_order_id is required (signed)
testing mode absent: 0
no amount: error 9403 pg_amount is required (signed)
amount 0: error 9403 pg_amount is not a valid amount: 0 (signed)
amount 1,5: error 9403 pg_amount is not a valid amount: 1,5 (signed)
amount too big: error 9403 pg_amount is not a valid amount: 123456789 (signed)
no description: error 9403 pg_description is required (signed)
currency: error 9403 pg_currency must be a currency code such as KZT (signed)
testing mode: error 9403 pg_testing_mode must be 0 or 1 (signed)
auto clearing: error 9403 pg_auto_clearing must be 0 or 1 (signed)
success url: error 9403 pg_success_url is not a valid URL (signed)
failure url method: error 9403 pg_failure_url_method must be GET, POST, AUTOGET or AUTOPOST (signed)
recurring lifetime: error 9403 pg_recurring_lifetime must be a number of months, 1 to 199 (signed)
receipt not a list: error 9403 pg_receipt_positions must be a list of positions (signed)
any amount, bad suggestion: error 9403 pg_amount is not a valid amount: -1 (signed)
array amount: error 9403 pg_amount must be a single value (signed)
no salt: error 9403 pg_salt is required (signed)
any amount: pg_amount= pg_payment_status=new
paid without an amount: 400 amount is required: the payer chooses it for a g2g/any_amount payment
after paying 777.70: pg_amount=777.70 pg_payment_status=success pg_clearing_amount=777.70
idempotent: 1 payment, same page: true
amount kept: 10
another key, another payment: true
key too long: error 9403 pg_idempotency_key is longer than 255 characters (signed)
pg_xml: ok
