--TEST--
examples/bitrix: FreedomPayHandler against the sandbox (Bitrix stubbed): initiatePay (one FreedomPay payment per attempt), sale_ps_result.php's flow for result_url 3 times (paid once, the same signed bytes), pg_xml, check_url, forgeries, a failed save, declines, a cancelled order, raw values on a windows-1251 site, refunds
--DESCRIPTION--
The handler runs in this process on tests/examples/bitrix_stubs.inc (stubs of
the Bitrix classes it uses, to the minimum, with Bitrix's order of calls in
Service::processRequest()), against the sandbox gateway. The test plays the
gateway's part for callbacks, signing them with the docs' snippet (forms)
and checkXML (pg_xml), and verifies the answers with checkXML.
It starts the sandbox; it runs in the plain pass of CI only (not under
valgrind, not with the ASan build).
--EXTENSIONS--
freedompay
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
require __DIR__ . '/../inc/sign_reference.inc';
require __DIR__ . '/bitrix_stubs.inc';
require dirname(__DIR__, 2) . '/examples/bitrix/freedompay/handler.php';

use Bitrix\Main;
use Bitrix\Sale;
use Bitrix\Sale\PaySystem;
use FreedomPaySandbox\Signature as Docs;
use Sale\Handlers\PaySystem\FreedomPayHandler;

$sandbox = new SandboxServer(1, null, ['SANDBOX_WORKER' => '0']);   // the test sends the callbacks
$client = $sandbox->client();
Main\Config\Option::$values['main.server_name'] = 'shop.example';
$service = new PaySystem\Service(['ID' => 7, 'ACTION_FILE' => 'freedompay'], [
    'FREEDOMPAY_MERCHANT_ID' => (string) SANDBOX_MERCHANT, 'FREEDOMPAY_SECRET_KEY' => SANDBOX_SECRET,
    'FREEDOMPAY_BASE_URL' => $sandbox->url, 'FREEDOMPAY_TEST_MODE' => 'Y', 'FREEDOMPAY_ORDER_PREFIX' => 'bx-',
    'FREEDOMPAY_CHECK_URL' => 'N',
], FreedomPayHandler::class);
const SCRIPT = 'sale_ps_result.php';

function new_payment(int $orderId, int $paymentId, string $sum): Sale\Payment
{
    Sale\StubDb::$orders[$orderId] = ['ID' => $orderId, 'ACCOUNT_NUMBER' => (string) $orderId, 'CANCELED' => 'N'];
    Sale\StubDb::$payments[$paymentId] = ['ID' => $paymentId, 'ORDER_ID' => $orderId, 'ACCOUNT_NUMBER' => "$orderId/1",
        'SUM' => $sum, 'CURRENCY' => 'KZT', 'PAID' => 'N', 'PAY_SYSTEM_ID' => 7, 'PS_INVOICE_ID' => null,
        'PS_STATUS' => null, 'PS_STATUS_CODE' => null, 'PS_STATUS_MESSAGE' => null];
    return Sale\Payment::loadForTest($paymentId);
}
function sign(array $fields, string $script = SCRIPT): array
{
    unset($fields['pg_sig']);
    $fields['pg_salt'] = bin2hex(random_bytes(8));
    $fields['pg_sig'] = md5(ref_joined($script, $fields, SANDBOX_SECRET));
    return $fields;
}
function sign_xml(array $fields): array
{
    $xml = '<?xml version="1.0" encoding="utf-8"?><request>';
    foreach ($fields + ['pg_salt' => bin2hex(random_bytes(8))] as $k => $v) {
        $xml .= "<$k>" . htmlspecialchars((string) $v, ENT_XML1) . "</$k>";
    }
    $xml .= '</request>';
    return ['pg_xml' => str_replace('</request>', '<pg_sig>' . Docs::forXml(SCRIPT, $xml, SANDBOX_SECRET) . '</pg_sig></request>', $xml)];
}
/**
 * A POST to /bitrix/tools/sale_ps_result.php?BX_PAYSYSTEM_ID=7 as Bitrix
 * handles it: Manager::searchByRequest(), then the pay system's
 * processRequest(). Returns what the gateway reads.
 */
function deliver(array $post, array $query = ['BX_PAYSYSTEM_ID' => '7'], ?array $converted = null): string
{
    $request = new Main\HttpRequest($query, $converted ?? $post, true, null, $converted === null ? null : $post);
    Main\Context::getCurrent()->setRequestForTest($request);
    ob_start();
    $item = PaySystem\Manager::searchByRequest($request);
    if ($item !== false) {
        PaySystem\Service::$all[$item['ID']]->processRequest($request);
    }
    $body = ob_get_clean();
    $response = Main\Context::getCurrent()->getResponse();
    $status = (int) $response->getStatus();
    if ($item === false) {
        return 'no pay system claims it: nothing answered';
    }
    if ($body === '') {
        return "HTTP $status, empty (Bitrix: no such payment)";
    }
    $xml = @simplexml_load_string($body, SimpleXMLElement::class, LIBXML_NONET);
    if ($status !== 200 || $xml === false) {
        return "HTTP $status, " . trim($body);
    }
    $signed = hash_equals(Docs::forXml(SCRIPT, $body, SANDBOX_SECRET), (string) $xml->pg_sig);
    $GLOBALS['last_reply'] = $body;
    $GLOBALS['last_headers'] = $response->headers;
    return ($signed ? '' : 'BADLY SIGNED ') . $xml->pg_status . ($xml->pg_description != '' ? " ($xml->pg_description)" : '');
}
function result_of(FreedomPay\Client $client, string $pgPaymentId, array $override = []): array
{
    $s = $client->status(['pg_payment_id' => $pgPaymentId]);
    $paid = $s['pg_payment_status'] === 'success';
    return $override + ['pg_order_id' => $s['pg_order_id'], 'pg_payment_id' => $pgPaymentId, 'pg_amount' => $s['pg_amount'],
        'pg_currency' => $s['pg_currency'], 'pg_description' => 'Оплата заказа', 'pg_result' => $paid ? '1' : '0',
        'pg_can_reject' => $paid ? '1' : '0', 'pg_payment_date' => $s['pg_payment_date'] ?? '', 'pg_testing_mode' => '1',
        'pg_card_pan' => $s['pg_card_pan'] ?? '']
        + ($paid ? [] : ['pg_failure_code' => $s['pg_failure_code'], 'pg_failure_description' => $s['pg_failure_description']]);
}
function stored(int $paymentId): string
{
    $p = Sale\StubDb::$payments[$paymentId];
    $paid = count(array_keys(Sale\StubDb::$paidEvents, $paymentId));
    return "PAID {$p['PAID']}, paid $paid time(s), PS_STATUS_CODE {$p['PS_STATUS_CODE']}, PS_INVOICE_ID " . ($p['PS_INVOICE_ID'] ?? '-');
}
$pgIds = [];
$ids = function (string $s) use (&$pgIds): string {
    foreach ($pgIds as $name => $id) {
        $s = str_replace($id, $name, $s);
    }
    return $s;
};

echo "-- initiatePay\n";
$payment = new_payment(501, 9001, '15000.0000');
Main\Context::getCurrent()->setRequestForTest(new Main\HttpRequest());
$r = $service->initiatePay($payment);
$pgIds['P1'] = $p1 = Sale\StubDb::$payments[9001]['PS_INVOICE_ID'];
echo "success: ", var_export($r->isSuccess(), true), ", payment URL: ", str_starts_with($r->getPaymentUrl(), "$sandbox->url/pay.html?customer=") ? 'the gateway\'s page' : $r->getPaymentUrl(), "\n";
echo "template: ", preg_replace('~\s+~', ' ', trim(strip_tags(str_replace($r->getPaymentUrl(), 'URL', $r->getTemplate())))), "\n";
echo "template links to the page: ", str_contains($r->getTemplate(), 'href="' . htmlspecialchars($r->getPaymentUrl()) . '"') ? 'yes' : 'no', "\n";
$sent = json_decode($sandbox->get("/_sandbox/payment?pg_payment_id=$p1")[1], true)['fields'];
foreach (['pg_order_id', 'pg_amount', 'pg_currency', 'pg_description', 'pg_idempotency_key', 'pg_request_method', 'pg_testing_mode',
    'pg_result_url', 'pg_success_url', 'pg_failure_url', 'pg_check_url'] as $k) {
    echo "  $k: ", $sent[$k] ?? '(not sent)', "\n";
}
echo "stored: ", $ids(stored(9001)), ", ", Sale\StubDb::$payments[9001]['PS_STATUS_MESSAGE'], "\n";
$again = $service->initiatePay(Sale\Payment::loadForTest(9001));
echo "the payer opens the order page again: ", $ids(Sale\StubDb::$payments[9001]['PS_INVOICE_ID']), ", the same page: ",
    $again->getPaymentUrl() === $r->getPaymentUrl() ? 'yes' : 'no', "\n";

echo "-- routing\n";
$genuine = ['pg_order_id' => 'bx-9001', 'pg_sig' => 'x', 'pg_salt' => 'y'];
echo "with BX_PAYSYSTEM_ID=7: ", json_encode(PaySystem\Manager::searchByRequest(new Main\HttpRequest(['BX_PAYSYSTEM_ID' => '7'], $genuine))), "\n";
echo "another pay system's: ", var_export(PaySystem\Manager::searchByRequest(new Main\HttpRequest(['BX_PAYSYSTEM_ID' => '8'], $genuine)), true), "\n";
echo "unsigned: ", var_export(PaySystem\Manager::searchByRequest(new Main\HttpRequest(['BX_PAYSYSTEM_ID' => '7'], ['pg_order_id' => 'bx-9001'])), true), "\n";
echo "payment id from the request: ", var_export($service->getHandler()->getPaymentIdFromRequest(new Main\HttpRequest([], $genuine)), true), "\n";
echo "payment id from another shop's order: ", var_export($service->getHandler()->getPaymentIdFromRequest(new Main\HttpRequest([], ['pg_order_id' => 'wc-9001'])), true), "\n";

echo "-- paid at the gateway; result_url delivered 3 times\n";
echo "sandbox: ", $sandbox->pay($p1)['status'], "\n";
$result = result_of($client, $p1);
$replies = [];
foreach ([1, 2, 3] as $i) {
    echo "delivery $i: ", deliver(sign($result)), "\n";
    $replies[] = $GLOBALS['last_reply'];
}
echo "distinct answers: ", count(array_unique($replies)), ", headers: ", implode('; ', $GLOBALS['last_headers']), "\n";
echo "stored: ", $ids(stored(9001)), "\n";
echo "  PS_STATUS_DESCRIPTION: ", $ids(Sale\StubDb::$payments[9001]['PS_STATUS_DESCRIPTION']), ", PS_SUM ", Sale\StubDb::$payments[9001]['PS_SUM'], "\n";
echo "locks: ", count(Main\Application::getConnection()->log), " lock and unlock calls, held now: ", count(Main\Application::getConnection()->held), "\n";
echo "the buffer restarted before each answer: ", $GLOBALS['APPLICATION']->restarts, "\n";

echo "-- check_url (no pg_result)\n";
echo "paid payment: ", deliver(sign(['pg_order_id' => 'bx-9001', 'pg_payment_id' => $p1, 'pg_amount' => '15000.00', 'pg_currency' => 'KZT'])), "\n";
$payment2 = new_payment(502, 9002, '2500.5000');
$service->initiatePay($payment2);
$pgIds['P2'] = $p2 = Sale\StubDb::$payments[9002]['PS_INVOICE_ID'];
echo "open payment: ", deliver(sign(['pg_order_id' => 'bx-9002', 'pg_payment_id' => $p2, 'pg_amount' => '2500.50', 'pg_currency' => 'KZT'])), "\n";

echo "-- forgeries: refused, nothing stored\n";
echo "card declined: ", $sandbox->pay($p2, '4939770956154989', '12/30', '123')['status'], "\n";
$before = json_encode([Sale\StubDb::$payments, Sale\StubDb::$paidEvents]);
$paidResult = result_of($client, $p2, ['pg_result' => '1', 'pg_can_reject' => '1']);
unset($paidResult['pg_failure_code'], $paidResult['pg_failure_description']);
foreach ([
    'declined, but pg_result 1 after signing' => ['pg_result' => '1'] + sign(result_of($client, $p2)),
    'signed with another key' => ['pg_sig' => md5(ref_joined(SCRIPT, ['pg_salt' => 's'] + $paidResult, 'another-key')), 'pg_salt' => 's'] + $paidResult,
    'signed for another script' => sign($paidResult, 'result'),
    'signed, payment 9001\'s amount' => sign(['pg_amount' => '15000.00'] + $paidResult),
    'signed, in USD' => sign(['pg_currency' => 'USD'] + $paidResult),
    'signed, a payment Bitrix lacks' => sign(['pg_order_id' => 'bx-9999'] + $paidResult),
    'pg_xml changed after signing' => ['pg_xml' => str_replace('>0<', '>1<', sign_xml(result_of($client, $p2))['pg_xml'])],
    'without BX_PAYSYSTEM_ID' => [sign($paidResult), []],
] as $label => $fields) {
    [$post, $query] = isset($fields[1]) && is_array($fields[1]) ? $fields : [$fields, ['BX_PAYSYSTEM_ID' => '7']];
    echo str_pad("$label:", 42), deliver($post, $query), "\n";
}
echo "stored: ", json_encode([Sale\StubDb::$payments, Sale\StubDb::$paidEvents]) === $before ? 'unchanged' : 'CHANGED', "\n";

echo "-- declined, then paid on a second attempt (by the XML method)\n";
echo "the decline: ", deliver(sign(result_of($client, $p2))), "\n";
echo "stored: ", $ids(stored(9002)), "\n";
echo "  PS_STATUS_DESCRIPTION: ", $ids(Sale\StubDb::$payments[9002]['PS_STATUS_DESCRIPTION']), "\n";
$service->initiatePay(Sale\Payment::loadForTest(9002));
$pgIds['P3'] = $p3 = Sale\StubDb::$payments[9002]['PS_INVOICE_ID'];
echo "initiatePay again: a new payment ", $p3 !== $p2 ? 'yes' : 'NO', ", key ", json_decode($sandbox->get("/_sandbox/payment?pg_payment_id=$p3")[1], true)['fields']['pg_idempotency_key'], "\n";
$sandbox->pay($p3);
$xmlReplies = [];
foreach ([1, 2] as $i) {
    echo "pg_xml delivery $i: ", deliver(sign_xml(result_of($client, $p3))), "\n";
    $xmlReplies[] = $GLOBALS['last_reply'];
}
echo "the same answer: ", $xmlReplies[0] === $xmlReplies[1] ? 'yes' : 'no', "; stored: ", $ids(stored(9002)), "\n";
echo "the old decline delivered late: ", deliver(sign(result_of($client, $p2))), "; stored: ", $ids(stored(9002)), "\n";

echo "-- the order could not be saved\n";
$payment3 = new_payment(503, 9003, '700.0000');
$service->initiatePay($payment3);
$pgIds['P4'] = $p4 = Sale\StubDb::$payments[9003]['PS_INVOICE_ID'];
$sandbox->pay($p4);
Sale\StubDb::$failSaves = 1;
echo "delivery 1, the save fails: ", deliver(sign(result_of($client, $p4))), "; stored: ", $ids(stored(9003)), "\n";
echo "delivery 2 (the gateway retries): ", deliver(sign(result_of($client, $p4))), "; stored: ", $ids(stored(9003)), "\n";

echo "-- an order cancelled while the payer was paying\n";
$payment4 = new_payment(504, 9004, '100.0000');
$service->initiatePay($payment4);
$pgIds['P5'] = $p5 = Sale\StubDb::$payments[9004]['PS_INVOICE_ID'];
$sandbox->pay($p5);
Sale\StubDb::$orders[504]['CANCELED'] = 'Y';
echo "check: ", deliver(sign(['pg_order_id' => 'bx-9004', 'pg_payment_id' => $p5, 'pg_amount' => '100.00', 'pg_currency' => 'KZT'])), "\n";
echo "result: ", deliver(sign(result_of($client, $p5))), "\n";
echo "result, a later attempt that cannot reject: ", deliver(sign(result_of($client, $p5, ['pg_can_reject' => '0']))), "\n";
echo "stored: ", $ids(stored(9004)), "\n";

echo "-- a windows-1251 site: Bitrix converts the request, the handler verifies the raw values\n";
$payment5 = new_payment(505, 9005, '300.0000');
$service->initiatePay($payment5);
$pgIds['P6'] = $p6 = Sale\StubDb::$payments[9005]['PS_INVOICE_ID'];
$sandbox->pay($p6);
$raw = sign(result_of($client, $p6));
$converted = array_map(fn($v) => mb_convert_encoding($v, 'Windows-1251', 'UTF-8'), $raw);
echo "pg_description converted: ", $converted['pg_description'] !== $raw['pg_description'] ? 'yes' : 'no', "\n";
try {
    FreedomPay\Callback::fromRequest($converted, SCRIPT, SANDBOX_SECRET);
    echo "the converted values verify?!\n";
} catch (FreedomPay\SignatureException $e) {
    echo "the converted values do not verify: ", get_class($e), "\n";
}
echo "result: ", deliver($raw, ['BX_PAYSYSTEM_ID' => '7'], $converted), "; stored: ", $ids(stored(9005)), "\n";

echo "-- refund, then a late delivery of the result\n";
$r = $service->refund(Sale\Payment::loadForTest(9001), 5000);
echo "refund 5000: ", var_export($r->isSuccess(), true), ", the gateway: ", $client->status(['pg_payment_id' => $p1])['pg_refund_amount'], " refunded\n";
echo "stored: ", $ids(stored(9001)), ", ", Sale\StubDb::$payments[9001]['PS_STATUS_DESCRIPTION'], "\n";
echo "late delivery: ", deliver(sign($result)), ", the same bytes as before: ", $GLOBALS['last_reply'] === $replies[0] ? 'yes' : 'no', "\n";
echo "stored: ", $ids(stored(9001)), "\n";
$r = $service->refund(Sale\Payment::loadForTest(9001), 99999);
echo "refund 99999: ", implode('; ', $r->getErrorMessages()) !== '' ? 'refused by the gateway' : 'accepted?!', "\n";

echo "-- the log\n";
$log = implode("\n", PaySystem\Logger::$lines);
echo "lines: ", count(PaySystem\Logger::$lines), ", refusals: ", preg_match_all('~callback refused~', $log), ", the secret: ", substr_count($log, SANDBOX_SECRET), "\n";
foreach (preg_grep('~cannot be refused|FreedomPay cancels it~', PaySystem\Logger::$lines) as $line) {
    echo $ids($line), "\n";
}
echo "locks held at the end: ", count(Main\Application::getConnection()->held), "\n";
$sandbox->stop();
?>
--EXPECT--
-- initiatePay
success: true, payment URL: the gateway's page
template: Amount to pay: 15000.00 KZT Test mode: no money is charged. Pay by card You pay on FreedomPay's secure page. Your order shows as paid as soon as FreedomPay confirms the payment.
template links to the page: yes
  pg_order_id: bx-9001
  pg_amount: 15000.00
  pg_currency: KZT
  pg_description: Payment 501/1 of order 501
  pg_idempotency_key: bx-9001-1
  pg_request_method: POST
  pg_testing_mode: 1
  pg_result_url: https://shop.example/bitrix/tools/sale_ps_result.php?BX_PAYSYSTEM_ID=7
  pg_success_url: https://shop.example/personal/orders/
  pg_failure_url: https://shop.example/personal/orders/
  pg_check_url: (not sent)
stored: PAID N, paid 0 time(s), PS_STATUS_CODE started, PS_INVOICE_ID P1, FreedomPay attempt 1
the payer opens the order page again: P1, the same page: yes
-- routing
with BX_PAYSYSTEM_ID=7: {"ID":7,"ACTION_FILE":"freedompay"}
another pay system's: false
unsigned: false
payment id from the request: '9001'
payment id from another shop's order: NULL
-- paid at the gateway; result_url delivered 3 times
sandbox: success
delivery 1: ok (Order paid)
delivery 2: ok (Order paid)
delivery 3: ok (Order paid)
distinct answers: 1, headers: Content-Type: application/xml; charset=utf-8
stored: PAID Y, paid 1 time(s), PS_STATUS_CODE paid, PS_INVOICE_ID P1
  PS_STATUS_DESCRIPTION: FreedomPay payment P1, card 4405-64XX-XXXX-6150, PS_SUM 15000.00
locks: 6 lock and unlock calls, held now: 0
the buffer restarted before each answer: 3
-- check_url (no pg_result)
paid payment: rejected (Order already paid)
open payment: ok (Payment awaited)
-- forgeries: refused, nothing stored
card declined: failed
declined, but pg_result 1 after signing:  HTTP 403, 403 Forbidden
signed with another key:                  HTTP 403, 403 Forbidden
signed for another script:                HTTP 403, 403 Forbidden
signed, payment 9001's amount:            HTTP 400, 400 Bad Request
signed, in USD:                           HTTP 400, 400 Bad Request
signed, a payment Bitrix lacks:           HTTP 200, empty (Bitrix: no such payment)
pg_xml changed after signing:             HTTP 200, empty (Bitrix: no such payment)
without BX_PAYSYSTEM_ID:                  no pay system claims it: nothing answered
stored: unchanged
-- declined, then paid on a second attempt (by the XML method)
the decline: ok (Payment failure noted)
stored: PAID N, paid 0 time(s), PS_STATUS_CODE failed, PS_INVOICE_ID P2
  PS_STATUS_DESCRIPTION: FreedomPay payment P2 declined: Insufficient funds
initiatePay again: a new payment yes, key bx-9002-2
pg_xml delivery 1: ok (Order paid)
pg_xml delivery 2: ok (Order paid)
the same answer: yes; stored: PAID Y, paid 1 time(s), PS_STATUS_CODE paid, PS_INVOICE_ID P3
the old decline delivered late: ok (Payment failure noted); stored: PAID Y, paid 1 time(s), PS_STATUS_CODE paid, PS_INVOICE_ID P3
-- the order could not be saved
delivery 1, the save fails: HTTP 500, 500 Internal Server Error; stored: PAID N, paid 0 time(s), PS_STATUS_CODE started, PS_INVOICE_ID P4
delivery 2 (the gateway retries): ok (Order paid); stored: PAID Y, paid 1 time(s), PS_STATUS_CODE paid, PS_INVOICE_ID P4
-- an order cancelled while the payer was paying
check: rejected (Order cancelled)
result: rejected (Order cancelled)
result, a later attempt that cannot reject: ok (Order cancelled: this payment will be refunded)
stored: PAID N, paid 0 time(s), PS_STATUS_CODE started, PS_INVOICE_ID P5
-- a windows-1251 site: Bitrix converts the request, the handler verifies the raw values
pg_description converted: yes
the converted values do not verify: FreedomPay\SignatureException
result: ok (Order paid); stored: PAID Y, paid 1 time(s), PS_STATUS_CODE paid, PS_INVOICE_ID P6
-- refund, then a late delivery of the result
refund 5000: true, the gateway: 5000 refunded
stored: PAID N, paid 1 time(s), PS_STATUS_CODE refunded, PS_INVOICE_ID P1, FreedomPay refund 5000001: 5000
late delivery: ok (Order paid), the same bytes as before: yes
stored: PAID N, paid 1 time(s), PS_STATUS_CODE refunded, PS_INVOICE_ID P1
refund 99999: refused by the gateway
-- the log
lines: 9, refusals: 5, the secret: 0
error: FreedomPay: payment P5 for payment 9004 refused (Order cancelled): FreedomPay cancels it
error: FreedomPay: payment P5 for payment 9004 cannot be refused (Order cancelled): refund it
locks held at the end: 0
