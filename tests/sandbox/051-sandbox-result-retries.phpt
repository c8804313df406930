--TEST--
Sandbox callbacks: a result_url call that is not answered HTTP 200 with a correctly signed reply is retried every retry_interval seconds for retry_window seconds (the gateway's 30 minutes for 2 hours, compressed), each time with a fresh salt; every failure is recorded with its verdict
--FILE--
<?php
require __DIR__ . '/shop.inc';
$s = new FreedomPaySandbox\Server();
$shop = new TestShop();

echo 'defaults: ', json_encode($s->settings([], 'notifications')), "\n";
echo 'bad: ', json_encode($s->control('/_sandbox/notifications/settings', ['retry_interval' => 'soon'])), "\n";
echo 'unknown: ', json_encode($s->control('/_sandbox/notifications/settings', ['slow_polls' => '1'])), "\n";
echo 'compressed: ', json_encode($s->settings(['retry_interval' => 1, 'retry_window' => 3, 'callback_timeout' => 1], 'notifications')), "\n";
echo 'the purchase settings are apart: ', json_encode($s->settings()), "\n";

function pay_to(FreedomPaySandbox\Server $s, TestShop $shop, string $path, array $answers): string
{
    $shop->plan($path, $answers);
    return sb_pay_card($s, '4716047261941981', ['pg_result_url' => $shop->url . $path])['pg_payment_id'];
}

// Two failures, then the shop answers: three attempts, a second apart, each signed afresh.
$id = pay_to($s, $shop, '/a/result', ['http500', 'badsig', 'ok']);
$n = $s->awaitNotification($id);
echo 'fails twice: ', sb_show($n, 'status', 'outcome', 'attempts'), ' [', implode(', ', array_map('attempt_line', $n['history'])), "]\n";
$got = $shop->received('/a/result');
// Attempt k is due retry_interval * (k - 1) after the first was (it may be later on a busy machine, never sooner).
$t = fn(string $time) => strtotime(substr($time, 0, 19) . ' UTC') + (float) substr($time, 19);
$due = array_map(fn($a) => $t($a['at']) - $t($n['created_at']) >= $a['attempt'] - 1 - 0.01 ? 'on schedule' : 'TOO SOON', $n['history']);
echo '  the shop got ', count($got), ': ', implode(', ', $due), '; salts ',
    count(array_unique(array_map(fn($r) => $r['fields']['pg_salt'], $got))) === 3 ? 'all different' : 'REPEATED',
    '; signatures ', implode(',', array_map(fn($r) => $r['sig_ok'] ? 'valid' : 'INVALID', $got)), "\n";
$same = array_map(function ($r) { $f = $r['fields']; unset($f['pg_salt'], $f['pg_sig']); return $f; }, $got);
echo '  same fields every time: ', var_export($same[0] === $same[1] && $same[1] === $same[2], true), "\n";

// Never answered: attempts at 0, 1, 2 and 3 seconds, then given up.
$id = pay_to($s, $shop, '/b/result', ['http500']);
$n = $s->awaitNotification($id, timeout: 90);
echo 'never: ', sb_show($n, 'status', 'outcome', 'attempts', 'next_at'), ' [', implode(', ', array_map('attempt_line', $n['history'])), "]\n";
echo '  the shop got ', count($shop->received('/b/result')), "\n";

// A reply the shop says is an error is retried too.
$id = pay_to($s, $shop, '/c/result', ['error:Database is down', 'ok']);
$n = $s->awaitNotification($id);
echo 'error, then ok: [', implode(', ', array_map(fn($a) => attempt_line($a) . " ({$a['detail']})", $n['history'])), "]\n";

// Every kind of failure, one attempt each (retry_window 0: no retries).
$s->settings(['retry_window' => 0], 'notifications');
foreach ([
    'not 200' => ['http500'],
    'not XML' => ['notxml'],
    'no pg_status' => ['bare-ok'],
    'unsigned' => ['nosig'],
    'wrongly signed' => ['badsig'],
    'error' => ['error'],
    'too slow' => ['delay:3'],
] as $name => $answers) {
    $path = '/' . str_replace(' ', '-', $name) . '/result';
    $n = $s->awaitNotification(pay_to($s, $shop, $path, $answers));
    $a = $n['history'][0];
    echo str_pad($name, 15), sb_show($n, 'status', 'attempts'), ' ', attempt_line($a), ': ', $a['detail'], "\n";
}
$port = closed_port();
$id = sb_pay_card($s, '4716047261941981', ['pg_result_url' => "http://127.0.0.1:$port/result"])['pg_payment_id'];
$n = $s->awaitNotification($id);
echo str_pad('nobody there', 15), sb_show($n, 'status', 'attempts'), ' ', attempt_line($n['history'][0]), "\n";

// Defaults from the environment.
$t = new FreedomPaySandbox\Server(1, null, ['SANDBOX_RETRY_INTERVAL' => '60', 'SANDBOX_CALLBACK_TIMEOUT' => '3']);
echo 'env: ', json_encode($t->settings([], 'notifications')), "\n";
?>
--EXPECT--
defaults: {"retry_interval":1800,"retry_window":7200,"callback_timeout":10,"check_timeout":10,"can_reject":1,"http_status":200}
bad: {"error":"retry_interval must be a whole number","http_status":400}
unknown: {"error":"unknown setting slow_polls; known: retry_interval, retry_window, callback_timeout, check_timeout, can_reject","http_status":400}
compressed: {"retry_interval":1,"retry_window":3,"callback_timeout":1,"check_timeout":10,"can_reject":1,"http_status":200}
the purchase settings are apart: {"slow_polls":1,"slow_seconds":0,"http_status":200}
fails twice: status=delivered outcome=ok attempts=3 [1 http_status 500, 2 bad_signature 200, 3 ok 200]
  the shop got 3: on schedule, on schedule, on schedule; salts all different; signatures valid,valid,valid
  same fields every time: true
never: status=failed outcome=http_status attempts=4 next_at= [1 http_status 500, 2 http_status 500, 3 http_status 500, 4 http_status 500]
  the shop got 4
error, then ok: [1 error 200 (the shop answered pg_status=error: Database is down), 2 ok 200 (pg_status=ok)]
not 200        status=failed attempts=1 1 http_status 500: HTTP 500: the shop must answer 200
not XML        status=failed attempts=1 1 not_xml 200: the reply is not XML: the shop must answer a signed <response>
no pg_status   status=failed attempts=1 1 bad_reply 200: the reply has no pg_status
unsigned       status=failed attempts=1 1 no_signature 200: the reply is not signed (no pg_sig)
wrongly signed status=failed attempts=1 1 bad_signature 200: the reply's pg_sig is wrong (script name "result")
error          status=failed attempts=1 1 error 200: the shop answered pg_status=error
too slow       status=failed attempts=1 1 timeout: no complete answer within 1s
nobody there   status=failed attempts=1 1 unreachable
env: {"retry_interval":60,"retry_window":7200,"callback_timeout":3,"check_timeout":10,"can_reject":1,"http_status":200}
