--TEST--
Sandbox: one- and two-stage payments; do_capture.php, cancel.php and revoke.php follow the lifecycle; refund and revoke lists in get_status3.php
--FILE--
<?php
require __DIR__ . '/purchase.inc';
$s = new FreedomPaySandbox\Server(4);
$receipt = ['pg_receipt_positions' => [['count' => '1', 'name' => 'Book', 'price' => '40', 'tax_type' => '0']]];

// Two-stage: held, not captured.
$held = sb_pay_card($s, '4716047261941981', ['pg_amount' => '100.50', 'pg_auto_clearing' => '0']);
$id = $held['pg_payment_id'];
echo 'held: ', sb_show($held, 'pg_status', 'pg_payment_status', 'pg_captured'), "\n";
echo '  status: ', sb_show(sb_status($s, $id), 'pg_payment_status', 'pg_captured', 'pg_clearing_amount'), "\n";
echo '  refund before capture: ', sb_error(sb_call($s, '/revoke.php', ['pg_payment_id' => $id])), "\n";
echo '  capture over the held amount: ', sb_error(sb_call($s, '/do_capture.php', ['pg_payment_id' => $id, 'pg_clearing_amount' => '100.51'])), "\n";
echo '  capture 0: ', sb_error(sb_call($s, '/do_capture.php', ['pg_payment_id' => $id, 'pg_clearing_amount' => '0'])), "\n";
$cap = sb_call($s, '/do_capture.php', ['pg_payment_id' => $id, 'pg_clearing_amount' => '80'] + $receipt);
echo '  capture 80: ', sb_show($cap, 'pg_status', 'pg_payment_id', 'pg_amount', 'pg_clearing_amount'), ' signed=', var_export($cap['signed'], true), "\n";
echo '  status: ', sb_show(sb_status($s, $id), 'pg_payment_status', 'pg_amount', 'pg_clearing_amount', 'pg_captured'), "\n";
echo '  capture again: ', sb_error(sb_call($s, '/do_capture.php', ['pg_payment_id' => $id])), "\n";
echo '  cancel after clearing: ', sb_error(sb_call($s, '/cancel.php', ['pg_payment_id' => $id])), "\n";
echo '  refund over the captured amount: ', sb_error(sb_call($s, '/revoke.php', ['pg_payment_id' => $id, 'pg_refund_amount' => '80.01'])), "\n";

// Refunds: in parts, up to what was captured.
$r1 = sb_call($s, '/revoke.php', ['pg_payment_id' => $id, 'pg_refund_amount' => '30'] + $receipt);
echo '  refund 30: ', sb_show($r1, 'pg_status', 'pg_refund_status', 'pg_refund_amount'), ' id ', $r1['pg_payment_refund_id'] > $id ? 'new' : 'SAME', "\n";
$st = sb_status($s, $id);
echo '  one refund: ', sb_show($st, 'pg_payment_status', 'pg_refund_amount'), ' ', json_encode(array_map(fn($r) => [$r['pg_amount'], $r['pg_payment_status']], $st['pg_refund_payments']['pg_refund_payment'])), "\n";
echo '  refund 50.01: ', sb_error(sb_call($s, '/revoke.php', ['pg_payment_id' => $id, 'pg_refund_amount' => '50.01'])), "\n";
sb_call($s, '/revoke.php', ['pg_payment_id' => $id, 'pg_refund_amount' => '20.5']);
$last = sb_call($s, '/revoke.php', ['pg_payment_id' => $id, 'pg_refund_amount' => '0']);
echo '  refund 0 (the rest): ', sb_show($last, 'pg_status', 'pg_refund_amount'), "\n";
$st = sb_status($s, $id);
echo '  three refunds: ', sb_show($st, 'pg_payment_status', 'pg_clearing_amount', 'pg_refund_amount', 'pg_captured'), "\n";
foreach ($st['pg_refund_payments']['pg_refund_payment'] as $r) {
    echo '    ', implode(',', array_keys($r)), ' ', $r['pg_amount'], "\n";
}
echo '  refund after all: ', sb_error(sb_call($s, '/revoke.php', ['pg_payment_id' => $id])), "\n";
echo '  cancel after all: ', sb_error(sb_call($s, '/cancel.php', ['pg_payment_id' => $id])), "\n";

// One-stage: captured when paid; a full refund at once.
$one = sb_pay_card($s, '5367654276102126', ['pg_amount' => '1500']);
echo 'one-stage: capture: ', sb_error(sb_call($s, '/do_capture.php', ['pg_payment_id' => $one['pg_payment_id']])), "\n";
$full = sb_call($s, '/revoke.php', ['pg_payment_id' => $one['pg_payment_id']]);
echo '  full refund: ', sb_show($full, 'pg_status', 'pg_refund_amount'), ' then ', sb_show(sb_status($s, $one['pg_payment_id']), 'pg_payment_status', 'pg_refund_amount'), "\n";

// Cancel: a hold, in full, with the revoke list; or an unpaid payment.
$h = sb_pay_card($s, '4716047261941981', ['pg_amount' => '70', 'pg_auto_clearing' => '0']);
$c = sb_call($s, '/cancel.php', ['pg_payment_id' => $h['pg_payment_id']] + $receipt);
echo 'cancel the hold: ', sb_show($c, 'pg_status', 'pg_revoke_status'), ' ', implode(',', array_keys($c)), "\n";
$st = sb_status($s, $h['pg_payment_id']);
echo '  status: ', sb_show($st, 'pg_payment_status', 'pg_revoked_amount', 'pg_captured'), ' ',
    json_encode($st['pg_revoked_payments']['pg_revoked_payment'][0]['pg_amount']), ' ', implode(',', array_keys($st['pg_revoked_payments']['pg_revoked_payment'][0])), "\n";
echo '  capture after cancel: ', sb_error(sb_call($s, '/do_capture.php', ['pg_payment_id' => $h['pg_payment_id']])), "\n";
echo '  cancel twice: ', sb_error(sb_call($s, '/cancel.php', ['pg_payment_id' => $h['pg_payment_id']])), "\n";
$unpaid = sb_call($s, '/init_payment.php', ['pg_amount' => '5', 'pg_description' => 'unpaid']);
echo 'cancel unpaid: ', sb_show(sb_call($s, '/cancel.php', ['pg_payment_id' => $unpaid['pg_payment_id']]), 'pg_status'), ' ',
    sb_show(sb_status($s, $unpaid['pg_payment_id']), 'pg_payment_status', 'pg_revoked_amount'), "\n";
echo '  paying it: ', $s->pay($unpaid['pg_payment_id'])['http_status'], "\n";
$declined = sb_pay_card($s, '4939770956154989');
echo 'cancel declined: ', sb_error(sb_call($s, '/cancel.php', ['pg_payment_id' => $declined['pg_payment_id']])), "\n";
echo 'refund declined: ', sb_error(sb_call($s, '/revoke.php', ['pg_payment_id' => $declined['pg_payment_id']])), "\n";
$pending = sb_pay_card($s, '4916307416334310');
echo 'cancel while in 3-D Secure: ', sb_error(sb_call($s, '/cancel.php', ['pg_payment_id' => $pending['pg_payment_id']])), "\n";

// Field errors and unknown payments.
foreach ([
    ['/cancel.php', []], ['/revoke.php', ['pg_payment_id' => 'abc']], ['/do_capture.php', ['pg_payment_id' => '0']],
    ['/revoke.php', ['pg_payment_id' => $id, 'pg_refund_amount' => '-1']], ['/do_capture.php', ['pg_payment_id' => $id, 'pg_clearing_amount' => '1.234']],
    ['/cancel.php', ['pg_payment_id' => $id, 'pg_receipt_positions' => 'x']],
    ['/cancel.php', ['pg_payment_id' => '999']], ['/revoke.php', ['pg_payment_id' => '999']], ['/do_capture.php', ['pg_payment_id' => '999']],
] as [$path, $fields]) {
    echo "$path ", json_encode($fields), ': ', sb_error(sb_call($s, $path, $fields)), "\n";
}

// Another merchant cannot see or touch this merchant's payments.
$t = new FreedomPaySandbox\Server(1, null, ['SANDBOX_MERCHANTS' => '500002:other-secret:other-payout']);
$mine = sb_pay_card($t, '4716047261941981');
foreach (['/get_status3.php', '/revoke.php', '/cancel.php'] as $path) {
    echo "other merchant $path: ", sb_error(sb_call($t, $path, ['pg_merchant_id' => '500002', 'pg_payment_id' => $mine['pg_payment_id']], 'other-secret')), "\n";
}
unset($t);

// Ten refunds of 10 at once on four workers, for a payment of 50: five succeed, none over.
$p = sb_pay_card($s, '4716047261941981', ['pg_amount' => '50']);
$socks = [];
for ($i = 0; $i < 10; $i++) {
    $f = ['pg_merchant_id' => SB_MERCHANT, 'pg_payment_id' => $p['pg_payment_id'], 'pg_refund_amount' => '10', 'pg_salt' => "r$i"];
    $f['pg_sig'] = FreedomPaySandbox\Signature::forRequest('revoke.php', $f, SB_SECRET);
    $body = http_build_query($f);
    $c = stream_socket_client("tcp://127.0.0.1:{$s->port}", $errno, $errstr, 5);
    fwrite($c, "POST /revoke.php HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " . strlen($body) . "\r\n\r\n$body");
    $socks[] = $c;
}
$codes = [];
foreach ($socks as $c) {
    $resp = stream_get_contents($c);
    $code = preg_match('~<pg_error_code>(\d+)<~', $resp, $m) ? $m[1] : (str_contains($resp, '<pg_status>ok<') ? 'ok' : 'other');
    $codes[$code] = ($codes[$code] ?? 0) + 1;
}
ksort($codes);
echo 'concurrent refunds: ', json_encode($codes), ' ', sb_show(sb_status($s, $p['pg_payment_id']), 'pg_payment_status', 'pg_refund_amount'), "\n";
?>
--EXPECTF--
held: pg_status=ok pg_payment_status=success pg_captured=0
  status: pg_payment_status=success pg_captured=0
  refund before capture: error 350 refund is not allowed: payment %d is held (authorised, not captured); capture it first (do_capture.php), or cancel it (cancel.php) (signed)
  capture over the held amount: error 351 pg_clearing_amount 100.51 exceeds the held amount 100.50 (signed)
  capture 0: error 9403 pg_clearing_amount is not a valid amount: 0 (signed)
  capture 80: pg_status=ok pg_payment_id=%d pg_amount=100.50 pg_clearing_amount=80 signed=true
  status: pg_payment_status=success pg_amount=100.50 pg_clearing_amount=80 pg_captured=1
  capture again: error 350 capture is not allowed: payment %d is success (captured); it was captured already (one-stage, or captured before) (signed)
  cancel after clearing: error 350 cancel is not allowed: payment %d is already captured (cleared); refund it with revoke.php (signed)
  refund over the captured amount: error 351 pg_refund_amount 80.01 exceeds what can be refunded: 80 (captured 80, refunded 0) (signed)
  refund 30: pg_status=ok pg_refund_status=success pg_refund_amount=30 id new
  one refund: pg_payment_status=success pg_refund_amount=30 [["-30","success"]]
  refund 50.01: error 351 pg_refund_amount 50.01 exceeds what can be refunded: 50 (captured 80, refunded 30) (signed)
  refund 0 (the rest): pg_status=ok pg_refund_amount=29.5
  three refunds: pg_payment_status=refunded pg_clearing_amount=80 pg_refund_amount=80 pg_captured=1
    pg_payment_id,pg_payment_status,pg_amount,pg_payment_date,pg_reference -30
    pg_payment_id,pg_payment_status,pg_amount,pg_payment_date,pg_reference -20.5
    pg_payment_id,pg_payment_status,pg_amount,pg_payment_date,pg_reference -29.5
  refund after all: error 350 refund is not allowed: payment %d is refunded (fully); nothing is left to refund (signed)
  cancel after all: error 350 cancel is not allowed: payment %d is refunded (fully) (signed)
one-stage: capture: error 350 capture is not allowed: payment %d is success (captured); it was captured already (one-stage, or captured before) (signed)
  full refund: pg_status=ok pg_refund_amount=1500 then pg_payment_status=refunded pg_refund_amount=1500
cancel the hold: pg_status=ok pg_revoke_status=success pg_status,pg_payment_id,pg_payment_revoke_id,pg_revoke_status,pg_salt,pg_sig,signed
  status: pg_payment_status=revoked pg_revoked_amount=70 pg_captured=0 "-70" pg_revoke_payment_id,pg_payment_status,pg_amount,pg_payment_date
  capture after cancel: error 350 capture is not allowed: payment %d is revoked (cancelled) (signed)
  cancel twice: error 350 cancel is not allowed: payment %d is revoked (cancelled) (signed)
cancel unpaid: pg_status=ok pg_payment_status=revoked pg_revoked_amount=0
  paying it: 409
cancel declined: error 350 cancel is not allowed: payment %d is error (declined) (signed)
refund declined: error 350 refund is not allowed: payment %d is error (declined) (signed)
cancel while in 3-D Secure: error 350 cancel is not allowed: payment %d is 3ds (waiting for 3-D Secure) (signed)
/cancel.php []: error 9403 pg_payment_id is required (signed)
/revoke.php {"pg_payment_id":"abc"}: error 9403 pg_payment_id is not a valid id: abc (signed)
/do_capture.php {"pg_payment_id":"0"}: error 9403 pg_payment_id is not a valid id: 0 (signed)
/revoke.php {"pg_payment_id":"%d","pg_refund_amount":"-1"}: error 9403 pg_refund_amount is not a valid amount: -1 (signed)
/do_capture.php {"pg_payment_id":"%d","pg_clearing_amount":"1.234"}: error 9403 pg_clearing_amount is not a valid amount: 1.234 (signed)
/cancel.php {"pg_payment_id":"%d","pg_receipt_positions":"x"}: error 9403 pg_receipt_positions must be a list of positions (signed)
/cancel.php {"pg_payment_id":"999"}: error 340 Transaction not found (signed)
/revoke.php {"pg_payment_id":"999"}: error 340 Transaction not found (signed)
/do_capture.php {"pg_payment_id":"999"}: error 340 Transaction not found (signed)
other merchant /get_status3.php: error 340 Transaction not found (signed)
other merchant /revoke.php: error 340 Transaction not found (signed)
other merchant /cancel.php: error 340 Transaction not found (signed)
concurrent refunds: {"350":5,"ok":5} pg_payment_status=refunded pg_refund_amount=50
