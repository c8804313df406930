--TEST--
Sandbox: slow test cards stay pending for slow_polls status queries (or slow_seconds), then are decided; settings and the settle control
--FILE--
<?php
require __DIR__ . '/purchase.inc';
$s = new FreedomPaySandbox\Server();
echo 'defaults: ', json_encode($s->settings()), "\n";

// Default: pending for one status query, decided on the next.
$r = sb_pay_card($s, '4916109830832246');
echo 'slow: ', sb_show($r, 'pg_status', 'pg_payment_status', 'pg_3ds', 'pg_captured'), "\n";
foreach ([1, 2, 3] as $i) {
    echo "  status $i: ", sb_show(sb_status($s, $r['pg_payment_id']), 'pg_payment_status', 'pg_captured', 'pg_auth_code'), "\n";
}
$r = sb_pay_card($s, '5475102935853613');
echo 'slow decline: ', sb_show($r, 'pg_status', 'pg_payment_status'), "\n";
foreach ([1, 2] as $i) {
    echo "  status $i: ", sb_show(sb_status($s, $r['pg_payment_id']), 'pg_payment_status', 'pg_failure_code', 'pg_failure_description'), "\n";
}

// Three queries, set at run time; status by order id counts too.
echo 'set: ', json_encode($s->settings(['slow_polls' => 3])), "\n";
$r = sb_pay_card($s, '4916109830832246', ['pg_order_id' => 'slow-3']);
$seen = [];
for ($i = 0; $i < 5; $i++) {
    $seen[] = sb_call($s, '/get_status3.php', ['pg_order_id' => 'slow-3'])['pg_payment_status'];
}
echo 'slow_polls=3: ', implode(' ', $seen), "\n";

// Zero: decided on the first query. Two-stage: held.
$s->settings(['slow_polls' => 0]);
$r = sb_pay_card($s, '4916109830832246', ['pg_auto_clearing' => '0']);
echo 'slow_polls=0, two-stage: ', sb_show($r, 'pg_status'), ' then ', sb_show(sb_status($s, $r['pg_payment_id']), 'pg_payment_status', 'pg_captured'), "\n";

// The settle control decides it now.
$s->settings(['slow_polls' => 100]);
$r = sb_pay_card($s, '4916109830832246');
echo 'settle: ', json_encode(array_diff_key($s->settle($r['pg_payment_id']), ['pg_payment_id' => 1])), "\n";
echo '  status: ', sb_status($s, $r['pg_payment_id'])['pg_payment_status'], "\n";
echo '  settle again: ', $s->settle($r['pg_payment_id'])['http_status'], "\n";
echo '  unknown: ', $s->settle(42)['http_status'], "\n";

// Bad settings.
foreach ([['slow_polls' => '-1'], ['nope' => '1'], ['slow_seconds' => 'x']] as $bad) {
    [$st, $body] = $s->post('/_sandbox/settings', $bad);
    echo 'bad setting: ', $st, ' ', json_decode($body, true)['error'], "\n";
}

// slow_seconds, from the environment: decided once that long has passed, however many queries.
$db = tempnam(sys_get_temp_dir(), 'fp-slow-');
$t = new FreedomPaySandbox\Server(1, $db, ['SANDBOX_SLOW_POLLS' => '1000', 'SANDBOX_SLOW_SECONDS' => '600']);
echo 'env: ', json_encode($t->settings()), "\n";
$r = sb_pay_card($t, '4916109830832246');
echo '  at once: ', sb_status($t, $r['pg_payment_id'])['pg_payment_status'], "\n";
$row = $t->control('/_sandbox/payment', ['pg_payment_id' => $r['pg_payment_id']]);
$wait = strtotime($row['settle_at'] . ' UTC') - strtotime($row['created_at'] . ' UTC');
echo '  decided at the latest after: ', $wait >= 600 && $wait <= 602 ? '600 s' : "$wait s", "\n";
// Time passes (the deadline is moved back rather than waited for).
(new PDO("sqlite:$db"))->exec("UPDATE payments SET settle_at = '2000-01-01 00:00:00' WHERE id = {$r['pg_payment_id']}");
echo '  after the deadline: ', sb_status($t, $r['pg_payment_id'])['pg_payment_status'], "\n";

// The hosted page with a slow card: "processing", refreshing by itself, until decided.
$t->settings(['slow_polls' => 1, 'slow_seconds' => 0]);
$page = sb_call($t, '/init_payment.php', ['pg_amount' => '10', 'pg_description' => 'slow page']);
$paid = $t->pay($page['pg_payment_id'], '4916109830832246');
echo 'control: ', $paid['status'], "\n";
$path = parse_url($page['pg_redirect_url'], PHP_URL_PATH) . '?' . parse_url($page['pg_redirect_url'], PHP_URL_QUERY);
[$st, , $html] = sb_http($t, 'GET', $path);
echo "page: $st ", str_contains($html, 'Processing your payment') ? 'processing' : 'NOT PROCESSING', ' ',
    str_contains($html, 'http-equiv="refresh"') ? 'refreshes' : 'NO REFRESH', "\n";
[$st, , $html] = sb_http($t, 'GET', $path);
echo "page again: $st ", str_contains($html, 'Payment accepted') ? 'accepted' : 'NOT ACCEPTED', "\n";
$t->stop();
foreach ([$db, "$db-wal", "$db-shm"] as $f) {
    @unlink($f);
}
?>
--EXPECTF--
defaults: {"slow_polls":1,"slow_seconds":0,"http_status":200}
slow: pg_status=pending pg_payment_status=pending pg_3ds=0 pg_captured=0
  status 1: pg_payment_status=pending pg_captured=0
  status 2: pg_payment_status=success pg_captured=1 pg_auth_code=%d
  status 3: pg_payment_status=success pg_captured=1 pg_auth_code=%d
slow decline: pg_status=pending pg_payment_status=pending
  status 1: pg_payment_status=pending
  status 2: pg_payment_status=error pg_failure_code=5 pg_failure_description=Transaction declined
set: {"slow_polls":3,"slow_seconds":0,"http_status":200}
slow_polls=3: pending pending pending success success
slow_polls=0, two-stage: pg_status=pending then pg_payment_status=success pg_captured=0
settle: {"state":"success","pg_payment_status":"success","http_status":200}
  status: success
  settle again: 409
  unknown: 404
bad setting: 400 slow_polls must be a whole number
bad setting: 400 unknown setting nope; known: slow_polls, slow_seconds
bad setting: 400 slow_seconds must be a whole number
env: {"slow_polls":1000,"slow_seconds":600,"http_status":200}
  at once: pending
  decided at the latest after: 600 s
  after the deadline: success
control: pending
page: 200 processing refreshes
page again: 200 accepted
