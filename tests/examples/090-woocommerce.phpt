--TEST--
examples/woocommerce: WC_Gateway_FreedomPay against the sandbox (WordPress and WooCommerce stubbed): process_payment, result_url 3 times (payment_complete once, the same signed bytes), wc-api dispatch with WordPress's slashes, forgeries, pg_xml, double payments, cancelled orders, returns, refunds
--DESCRIPTION--
The gateway class runs in this process on tests/examples/woocommerce_stubs.inc
(stubs of the WordPress and WooCommerce functions and classes it uses, to
the minimum), against the sandbox gateway. The test plays the gateway's
part for callbacks, signing them with the docs' snippet (forms) and
checkXML (pg_xml), and verifies the answers with checkXML. The handlers
that end the request with exit run in a child PHP process.
It starts the sandbox and child processes; it runs in the plain pass of
CI only (not under valgrind, not with the ASan build).
--EXTENSIONS--
freedompay
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
require __DIR__ . '/../inc/sign_reference.inc';
require __DIR__ . '/woocommerce_stubs.inc';
require dirname(__DIR__, 2) . '/examples/woocommerce/freedompay-woocommerce.php';
use FreedomPaySandbox\Signature as Docs;

$sandbox = new SandboxServer(1, null, ['SANDBOX_WORKER' => '0']);   // the test sends the callbacks
$client = $sandbox->client();
$settings = ['enabled' => 'yes', 'merchant_id' => (string) SANDBOX_MERCHANT, 'secret_key' => SANDBOX_SECRET,
    'base_url' => $sandbox->url, 'testing_mode' => 'yes', 'order_prefix' => 'wc-'];
$GLOBALS['wp_stub_options']['woocommerce_freedompay_settings'] = $settings;
$completed = [];
add_action('woocommerce_payment_complete', function ($id) use (&$completed) { $completed[] = $id; });

function sign(string $script, array $fields): array
{
    unset($fields['pg_sig']);
    $fields['pg_salt'] = bin2hex(random_bytes(8));
    $fields['pg_sig'] = md5(ref_joined($script, $fields, SANDBOX_SECRET));
    return $fields;
}
function sign_xml(string $script, array $fields): array
{
    $xml = '<?xml version="1.0" encoding="utf-8"?><request>';
    foreach ($fields + ['pg_salt' => bin2hex(random_bytes(8))] as $k => $v) {
        $xml .= "<$k>" . htmlspecialchars((string) $v, ENT_XML1) . "</$k>";
    }
    $xml .= '</request>';
    return ['pg_xml' => str_replace('</request>', '<pg_sig>' . Docs::forXml($script, $xml, SANDBOX_SECRET) . '</pg_sig></request>', $xml)];
}
/** What the gateway makes of an answer [HTTP status, body]. */
function gateway_reads(array $answer, string $script): string
{
    [$status, $body] = $answer;
    $xml = @simplexml_load_string($body, SimpleXMLElement::class, LIBXML_NONET);
    if ($status !== 200 || $xml === false) {
        return "HTTP $status, not a reply";
    }
    $signed = hash_equals(Docs::forXml($script, $body, SANDBOX_SECRET), (string) $xml->pg_sig);
    return ($signed ? '' : 'BADLY SIGNED ') . $xml->pg_status . ($xml->pg_description != '' ? " ($xml->pg_description)" : '');
}
function result_of(FreedomPay\Client $client, string $paymentId, array $override = []): array
{
    $s = $client->status(['pg_payment_id' => $paymentId]);
    $paid = $s['pg_payment_status'] === 'success';
    return $override + ['pg_order_id' => $s['pg_order_id'], 'pg_payment_id' => $paymentId, 'pg_amount' => $s['pg_amount'],
        'pg_currency' => $s['pg_currency'], 'pg_description' => 'Order ' . substr($s['pg_order_id'], 3), 'pg_result' => $paid ? '1' : '0',
        'pg_can_reject' => $paid ? '1' : '0', 'pg_payment_date' => $s['pg_payment_date'] ?? '', 'pg_testing_mode' => '1',
        'pg_card_pan' => $s['pg_card_pan'] ?? '', 'pg_card_owner' => "CONOR O'BRIEN"]
        + ($paid ? [] : ['pg_failure_code' => $s['pg_failure_code'], 'pg_failure_description' => $s['pg_failure_description']]);
}
function order_state(WC_Order $o): string
{
    return sprintf('%s, transaction %s, completed %d time(s), %d note(s)', $o->get_status(), $o->get_transaction_id() ?: '-',
        $o->completions, count($o->notes));
}
function pay(WC_Gateway_FreedomPay $gw, int $orderId): string
{
    $r = $gw->process_payment($orderId);
    $r['result'] === 'success' || throw new RuntimeException('process_payment: ' . json_encode($r + $GLOBALS['wc_stub_notices']));
    $payments = wc_get_order($orderId)->get_meta(WC_Gateway_FreedomPay::META_PAYMENTS);
    return (string) end($payments);
}
$home = fn(string $s) => str_replace('https://shop.example', 'HOME', $s);

echo "-- the plugin\n";
do_action('plugins_loaded');
$gw = WC()->payment_gateways()->payment_gateways()['freedompay'];
echo get_class($gw), ", available: ", var_export($gw->is_available(), true), ", supports refunds: ", var_export($gw->supports('refunds'), true), "\n";
echo "settings: ", implode(', ', array_keys($gw->form_fields)), "\n";
echo "secret key field: ", $gw->form_fields['secret_key']['type'], "\n";
echo "result URL, pretty permalinks: ", $home($gw->callback_url(WC_Gateway_FreedomPay::HOOK_RESULT)), "\n";
$GLOBALS['wp_stub_permalinks'] = false;
echo "result URL, plain permalinks:  ", $home($gw->callback_url(WC_Gateway_FreedomPay::HOOK_RESULT)), "\n";
$GLOBALS['wp_stub_permalinks'] = true;
$script = FreedomPay\Signature::scriptName($gw->callback_url(WC_Gateway_FreedomPay::HOOK_RESULT));
echo "script name of result_url: $script\n";

echo "-- process_payment\n";
$order = new WC_Order(101, ['total' => '5000.00', 'billing_email' => 'aigerim@example.kz', 'billing_phone' => '+7 (701) 123-45-67']);
$r = $gw->process_payment(101);
echo "result: {$r['result']}, redirect to the gateway's page: ", str_starts_with($r['redirect'], "$sandbox->url/pay.html?customer=") ? 'yes' : $r['redirect'], "\n";
$p101 = $order->get_meta(WC_Gateway_FreedomPay::META_PAYMENTS)[0];
$sent = json_decode($sandbox->get("/_sandbox/payment?pg_payment_id=$p101")[1], true)['fields'];
foreach (['pg_order_id', 'pg_amount', 'pg_currency', 'pg_description', 'pg_idempotency_key', 'pg_request_method', 'pg_user_phone',
    'pg_user_contact_email', 'pg_testing_mode', 'pg_result_url', 'pg_success_url', 'pg_failure_url', 'pg_check_url'] as $k) {
    echo "  $k: ", $home($sent[$k] ?? '(not sent)'), "\n";
}
echo "order: ", order_state($order), "\n";
echo "  note: {$order->notes[0]}\n";

echo "-- check_url\n";
echo "check: ", gateway_reads($gw->process_callback(WC_Gateway_FreedomPay::HOOK_CHECK, sign('freedompay_check',
    ['pg_order_id' => 'wc-101', 'pg_payment_id' => $p101, 'pg_amount' => '5000.00', 'pg_currency' => 'KZT'])), 'freedompay_check'), "\n";

echo "-- paid at the gateway; result_url delivered 3 times\n";
echo "sandbox: ", $sandbox->pay($p101)['status'], "\n";
$result101 = result_of($client, $p101);
$answers = [];
foreach ([1, 2, 3] as $i) {
    $answers[] = $a = $gw->process_callback(WC_Gateway_FreedomPay::HOOK_RESULT, sign($script, $result101));
    echo "delivery $i: ", gateway_reads($a, $script), "\n";
}
echo "distinct answers: ", count(array_unique(array_column($answers, 1))), "\n";
echo "order: ", order_state($order), "\n";
echo "  note: ", end($order->notes), "\n";
echo "woocommerce_payment_complete fired for: ", json_encode($completed), "\n";
echo "locks: ", count($GLOBALS['wpdb']->lockLog) / 2, " taken and released, held now: ", count($GLOBALS['wpdb']->locks), "\n";

echo "-- through WooCommerce's /wc-api/ dispatch (a child PHP process: the handler ends the request with exit)\n";
// WordPress slashes $_POST; the card owner's apostrophe arrives as O\'BRIEN.
try {
    FreedomPay\Callback::fromRequest(add_magic_quotes(sign($script, $result101)), $gw->callback_url('freedompay_result'), SANDBOX_SECRET);
    echo "verified with the slashes: accepted?!\n";
} catch (FreedomPay\SignatureException $e) {
    echo "verified with the slashes left in: ", get_class($e), "\n";
}
$so = '';
foreach (file('/proc/self/maps') as $line) {
    if (preg_match('~\s(/\S+/freedompay\.so)$~', rtrim($line), $m)) {
        $so = $m[1];
        break;
    }
}
$child = function (string $hook, array $post) use ($settings, $so): array {
    $code = 'require ' . var_export(__DIR__ . '/woocommerce_stubs.inc', true) . ';
        require ' . var_export(dirname(__DIR__, 2) . '/examples/woocommerce/freedompay-woocommerce.php', true) . ';
        $in = json_decode(stream_get_contents(STDIN), true);
        $GLOBALS["wp_stub_options"]["woocommerce_freedompay_settings"] = $in["settings"];
        do_action("plugins_loaded");
        $order = new WC_Order(101, ["total" => "5000.00"]);
        $_SERVER["REQUEST_METHOD"] = "POST";
        $_POST = add_magic_quotes($in["post"]);           // what WordPress hands the plugin
        register_shutdown_function(function () use ($order) {
            fwrite(STDERR, json_encode(["status" => http_response_code(), "order" => $order->get_status(), "completed" => $order->completions]));
        });
        wc_stub_api_request($in["hook"]);';
    $proc = proc_open([PHP_BINARY, '-n', '-d', "extension=$so", '-r', $code], [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    fwrite($pipes[0], json_encode(['settings' => $settings, 'post' => $post, 'hook' => $hook]));
    fclose($pipes[0]);
    $out = stream_get_contents($pipes[1]);
    $err = stream_get_contents($pipes[2]);
    proc_close($proc);
    return [json_decode($err, true) ?? ['error' => $err], $out];
};
[$info, $body] = $child('freedompay_result', sign($script, $result101));
echo "genuine: HTTP {$info['status']}, ", gateway_reads([$info['status'], $body], $script), "; order {$info['order']}, completed {$info['completed']} time(s)\n";
[$info, $body] = $child('freedompay_result', ['pg_amount' => '1.00'] + sign($script, $result101));
echo "amount changed: HTTP {$info['status']}, ", trim($body), "; order {$info['order']}, completed {$info['completed']} time(s)\n";
[$info, $body] = $child('freedompay_unknown', sign($script, $result101));
echo "no such endpoint: HTTP {$info['status']}, ", trim($body), "\n";

echo "-- forgeries: refused, the order untouched\n";
$order102 = new WC_Order(102, ['total' => '2500.00']);
$p102 = pay($gw, 102);
$sandbox->pay($p102);
$genuine = result_of($client, $p102);
new WC_Order(105, ['total' => '2500.00', 'payment_method' => 'cod']);
$before = [order_state($order102), $order102->saves, count($GLOBALS['wc_stub_notices'])];
foreach ([
    'signed with another key' => ['pg_sig' => md5(ref_joined($script, $genuine + ['pg_salt' => 's'], 'another-key')), 'pg_salt' => 's'] + $genuine,
    'amount changed after signing' => ['pg_amount' => '25.00'] + sign($script, $genuine),
    'signed for freedompay_check' => sign('freedompay_check', $genuine),
    'signed, another order\'s amount' => sign($script, ['pg_amount' => '5000.00'] + $genuine),
    'signed, in USD' => sign($script, ['pg_currency' => 'USD'] + $genuine),
    'signed, an order not in the shop' => sign($script, ['pg_order_id' => 'wc-999'] + $genuine),
    'signed, a cash-on-delivery order' => sign($script, ['pg_order_id' => 'wc-105'] + $genuine),
    'signed, not a result (no pg_result)' => sign($script, array_diff_key($genuine, ['pg_result' => 1])),
    'pg_xml changed after signing' => ['pg_xml' => str_replace('>2500.00<', '>25.00<', sign_xml($script, $genuine)['pg_xml'])],
] as $label => $fields) {
    echo str_pad("$label:", 38), gateway_reads($gw->process_callback(WC_Gateway_FreedomPay::HOOK_RESULT, $fields), $script), "\n";
}
echo "order 102: ", [order_state($order102), $order102->saves, count($GLOBALS['wc_stub_notices'])] === $before ? 'unchanged' : 'CHANGED', "\n";

echo "-- the XML method (pg_xml), twice\n";
$xmlAnswers = [];
foreach ([1, 2] as $i) {
    $xmlAnswers[] = $a = $gw->process_callback(WC_Gateway_FreedomPay::HOOK_RESULT, sign_xml($script, $genuine));
    echo "delivery $i: ", gateway_reads($a, $script), "\n";
}
echo "the same answer: ", $xmlAnswers[0][1] === $xmlAnswers[1][1] ? 'yes' : 'no', "; order 102: ", order_state($order102), "\n";

echo "-- one order, two payments (two tabs)\n";
$order103 = new WC_Order(103, ['total' => '1200.50']);
$first = pay($gw, 103);
$second = pay($gw, 103);
$keys = array_map(fn($p) => json_decode($sandbox->get("/_sandbox/payment?pg_payment_id=$p")[1], true)['fields']['pg_idempotency_key'], [$first, $second]);
echo "idempotency keys: ", implode(', ', $keys), "\n";
$sandbox->pay($first);
$sandbox->pay($second);
echo "first: ", gateway_reads($gw->process_callback('freedompay_result', sign($script, result_of($client, $first))), $script), "\n";
$twice = [];
foreach ([1, 2] as $i) {
    $twice[] = $a = $gw->process_callback('freedompay_result', sign($script, result_of($client, $second)));
    echo "second, delivery $i: ", gateway_reads($a, $script), "\n";
}
echo "the same answer: ", $twice[0][1] === $twice[1][1] ? 'yes' : 'no', "\n";
echo "second, a later attempt that cannot reject: ", gateway_reads($gw->process_callback('freedompay_result',
    sign($script, result_of($client, $second, ['pg_can_reject' => '0']))), $script), "\n";
echo "order 103: ", order_state($order103), "\n";
foreach (array_slice($order103->notes, 2) as $note) {
    echo "  note: ", str_replace([$first, $second], ['FIRST', 'SECOND'], $note), "\n";
}

echo "-- an order WooCommerce cancelled while the payer was paying (hold stock time over)\n";
$order104 = new WC_Order(104, ['total' => '800.00']);
$p104 = pay($gw, 104);
$sandbox->pay($p104);
$order104->set_status_for_test('cancelled');
echo "check: ", gateway_reads($gw->process_callback('freedompay_check', sign('freedompay_check',
    ['pg_order_id' => 'wc-104', 'pg_payment_id' => $p104, 'pg_amount' => '800.00', 'pg_currency' => 'KZT'])), 'freedompay_check'), "\n";
echo "result: ", gateway_reads($gw->process_callback('freedompay_result', sign($script, result_of($client, $p104))), $script), "\n";
echo "order 104: ", order_state($order104), "\n";

echo "-- declined, then paid\n";
$order106 = new WC_Order(106, ['total' => '300.00']);
$p106 = pay($gw, 106);
echo "card: ", $sandbox->pay($p106, '5548398681700148', '10/30', '123')['status'], "\n";
echo "result: ", gateway_reads($gw->process_callback('freedompay_result', sign($script, result_of($client, $p106))), $script), "\n";
echo "order 106: ", order_state($order106), "\n";
$GLOBALS['wp_stub_redirects'] = $GLOBALS['wc_stub_notices'] = [];
$failure = sign('freedompay_failure', ['pg_order_id' => 'wc-106', 'pg_payment_id' => $p106, 'pg_error_code' => '62', 'pg_error_description' => 'Restricted card']);
echo "failure return: ", $home($gw->process_return('freedompay_failure', $failure)), "\n";
echo "  notice: ", implode(' | ', $GLOBALS['wc_stub_notices']), "\n";
echo "check: ", gateway_reads($gw->process_callback('freedompay_check', sign('freedompay_check',
    ['pg_order_id' => 'wc-106', 'pg_payment_id' => $p106, 'pg_amount' => '300.00', 'pg_currency' => 'KZT'])), 'freedompay_check'), "\n";
$p106b = pay($gw, 106);
$sandbox->pay($p106b);
echo "second payment's result: ", gateway_reads($gw->process_callback('freedompay_result', sign($script, result_of($client, $p106b))), $script), "\n";
echo "order 106: ", order_state($order106), "\n";

echo "-- the payer's return\n";
$order107 = new WC_Order(107, ['total' => '100.00']);
$p107 = pay($gw, 107);
$GLOBALS['wc_stub_notices'] = [];
$success = sign('freedompay_success', ['pg_order_id' => 'wc-107', 'pg_payment_id' => $p107]);
echo "success return: ", $home($gw->process_return('freedompay_success', $success)), "\n";
ob_start();
do_action('woocommerce_thankyou_freedompay', 107);
$shown = ob_get_clean();
echo "thank-you page, before result_url: ", strip_tags($shown), "\n";
echo "order 107: ", order_state($order107), "\n";
ob_start();
do_action('woocommerce_thankyou_freedompay', 101);
$shown = ob_get_clean();
echo "thank-you page of a paid order: '$shown'\n";
echo "forged success: ", $home($gw->process_return('freedompay_success', ['pg_order_id' => 'wc-107'] + sign('freedompay_success', ['pg_order_id' => 'wc-101']))),
    ", ", implode(' | ', $GLOBALS['wc_stub_notices']), "\n";

echo "-- refunds\n";
$r = $gw->process_refund(101, '1000.00', 'One book returned');
echo "refund 1000.00 of order 101: ", var_export($r, true), "; the gateway: ", $client->status(['pg_payment_id' => $p101])['pg_refund_amount'] ?? '?', " refunded\n";
echo "  note: ", end($order->notes), "\n";
$r = $gw->process_refund(101, '99999.00', 'too much');
echo "refund 99999.00: ", get_class($r), ': ', $r->get_error_message(), "\n";
echo "refund of an unpaid order: ", $gw->process_refund(107, '1.00')->get_error_message(), "\n";
$order->set_status_for_test('refunded');
$late = $gw->process_callback('freedompay_result', sign($script, $result101));
echo "order 101 refunded, then a late delivery of its result: ", gateway_reads($late, $script),
    $late[1] === $answers[0][1] ? ', the same bytes as the first answer' : ', ANOTHER ANSWER', "\n";
echo "order 101: ", order_state($order), "\n";

echo "-- the log\n";
$log = implode("\n", $GLOBALS['wc_stub_log']);
echo "entries: ", count($GLOBALS['wc_stub_log']), ", refusals: ", preg_match_all('~refused with HTTP~', $log), ", the secret: ", substr_count($log, SANDBOX_SECRET), "\n";
echo str_replace($second, 'SECOND', preg_grep('~cannot be refused~', $GLOBALS['wc_stub_log'])[array_key_first(preg_grep('~cannot be refused~', $GLOBALS['wc_stub_log']))]), "\n";
echo "locks held at the end: ", count($GLOBALS['wpdb']->locks), "\n";
$sandbox->stop();
?>
--EXPECTF--
-- the plugin
WC_Gateway_FreedomPay, available: true, supports refunds: true
settings: enabled, title, description, merchant_id, secret_key, region, testing_mode, check_url, order_prefix, base_url
secret key field: password
result URL, pretty permalinks: HOME/wc-api/freedompay_result
result URL, plain permalinks:  HOME/index.php?wc-api=freedompay_result
script name of result_url: freedompay_result
-- process_payment
result: success, redirect to the gateway's page: yes
  pg_order_id: wc-101
  pg_amount: 5000.00
  pg_currency: KZT
  pg_description: Order 101
  pg_idempotency_key: wc-101-1
  pg_request_method: POST
  pg_user_phone: 77011234567
  pg_user_contact_email: aigerim@example.kz
  pg_testing_mode: 1
  pg_result_url: HOME/wc-api/freedompay_result
  pg_success_url: HOME/wc-api/freedompay_success
  pg_failure_url: HOME/wc-api/freedompay_failure
  pg_check_url: (not sent)
order: pending, transaction -, completed 0 time(s), 1 note(s)
  note: FreedomPay payment %d started.
-- check_url
check: ok (Order awaits payment)
-- paid at the gateway; result_url delivered 3 times
sandbox: success
delivery 1: ok (Order paid)
delivery 2: ok (Order paid)
delivery 3: ok (Order paid)
distinct answers: 1
order: processing, transaction %d, completed 1 time(s), 2 note(s)
  note: FreedomPay payment %d received: 5000.00 KZT, card 4405-64XX-XXXX-6150.
woocommerce_payment_complete fired for: [101]
locks: 4 taken and released, held now: 0
-- through WooCommerce's /wc-api/ dispatch (a child PHP process: the handler ends the request with exit)
verified with the slashes left in: FreedomPay\SignatureException
genuine: HTTP 200, ok (Order paid); order processing, completed 1 time(s)
amount changed: HTTP 403, Forbidden; order pending, completed 0 time(s)
no such endpoint: HTTP 400, -1
-- forgeries: refused, the order untouched
signed with another key:              HTTP 403, not a reply
amount changed after signing:         HTTP 403, not a reply
signed for freedompay_check:          HTTP 403, not a reply
signed, another order's amount:       HTTP 400, not a reply
signed, in USD:                       HTTP 400, not a reply
signed, an order not in the shop:     HTTP 404, not a reply
signed, a cash-on-delivery order:     HTTP 404, not a reply
signed, not a result (no pg_result):  HTTP 400, not a reply
pg_xml changed after signing:         HTTP 403, not a reply
order 102: unchanged
-- the XML method (pg_xml), twice
delivery 1: ok (Order paid)
delivery 2: ok (Order paid)
the same answer: yes; order 102: processing, transaction %d, completed 1 time(s), 2 note(s)
-- one order, two payments (two tabs)
idempotency keys: wc-103-1, wc-103-2
first: ok (Order paid)
second, delivery 1: rejected (Order already paid)
second, delivery 2: rejected (Order already paid)
the same answer: yes
second, a later attempt that cannot reject: ok (Order already paid: this payment will be refunded)
order 103: processing, transaction %d, completed 1 time(s), 5 note(s)
  note: FreedomPay payment FIRST received: 1200.50 KZT, card 4405-64XX-XXXX-6150.
  note: FreedomPay payment SECOND refused (Order already paid): FreedomPay cancels it.
  note: FreedomPay payment SECOND was taken although: Order already paid. Refund it in the merchant cabinet.
-- an order WooCommerce cancelled while the payer was paying (hold stock time over)
check: rejected (Order cancelled)
result: rejected (Order cancelled)
order 104: cancelled, transaction -, completed 0 time(s), 2 note(s)
-- declined, then paid
card: failed
result: ok (Payment failure noted)
order 106: failed, transaction -, completed 0 time(s), 2 note(s)
failure return: HOME/checkout/order-pay/106/?pay_for_order=true&key=wc_order_%s
  notice: error: The payment did not go through: Restricted card
check: ok (Order awaits payment)
second payment's result: ok (Order paid)
order 106: processing, transaction %d, completed 1 time(s), 4 note(s)
-- the payer's return
success return: HOME/checkout/order-received/107/?key=wc_order_%s
thank-you page, before result_url: We are confirming your payment with FreedomPay. This page will show it once it is confirmed; you will also receive an e-mail.
order 107: pending, transaction -, completed 0 time(s), 1 note(s)
thank-you page of a paid order: ''
forged success: HOME/cart/, error: This payment link is not valid.
-- refunds
refund 1000.00 of order 101: true; the gateway: 1000 refunded
  note: FreedomPay refund %d: 1000 KZT. One book returned
refund 99999.00: WP_Error: pg_refund_amount 99999 exceeds what can be refunded%s
refund of an unpaid order: This order was not paid through FreedomPay.
order 101 refunded, then a late delivery of its result: ok (Order paid), the same bytes as the first answer
order 101: refunded, transaction %d, completed 1 time(s), 3 note(s)
-- the log
entries: 12, refusals: 9, the secret: 0
warning [freedompay] payment SECOND of order 103 cannot be refused (Order already paid): refund it
locks held at the end: 0
