--TEST--
examples/shop: checkout against the sandbox, check_url, the success page before and after result_url, result_url delivered 3 times and 4 times at once: paid once, every answer the same signed bytes
--DESCRIPTION--
Serves examples/shop/public through nginx + php-fpm (WebStack) with the
extension and pdo_sqlite, against the sandbox gateway. The test plays the
gateway's part for callbacks: it signs them as the gateway does (the docs'
snippet, tests/inc/sign_reference.inc; script name = the last path segment
of the shop's URL) and verifies the shop's answers with the docs' checkXML
(FreedomPaySandbox\Signature::forXml).
It starts real servers, so it runs in the plain pass of CI only (not under
valgrind, not with the ASan build).
--EXTENSIONS--
freedompay
pdo_sqlite
--SKIPIF--
<?php
require __DIR__ . '/../inc/webstack.inc';
if ($why = WebStack::unavailable()) {
    die("skip $why");
}
?>
--FILE--
<?php
require __DIR__ . '/../inc/webstack.inc';
require __DIR__ . '/../inc/sandbox.inc';
require __DIR__ . '/../inc/sign_reference.inc';
use FreedomPaySandbox\Signature as Docs;

// SANDBOX_WORKER=0: a sandbox that can call result_url itself does not, here;
// this test is the gateway's callback sender.
$sandbox = new SandboxServer(1, null, ['SANDBOX_WORKER' => '0']);
$db = tempnam(sys_get_temp_dir(), 'fp-shop-db-');
$local = tempnam(sys_get_temp_dir(), 'fp-shop-config-');
$stack = new WebStack(dirname(__DIR__, 2) . '/examples/shop/public', [
    'workers' => 2,
    'extensions' => ['pdo_sqlite'],
    'front' => null,
    'env' => ['FREEDOMPAY_MERCHANT_ID' => (string) SANDBOX_MERCHANT, 'FREEDOMPAY_SECRET_KEY' => SANDBOX_SECRET,
        'FREEDOMPAY_BASE_URL' => $sandbox->url, 'SHOP_CONFIG' => $local],
]);
// The shop's public URL is known once nginx has its port.
file_put_contents($local, '<?php return ' . var_export(['public_url' => $stack->url, 'database' => $db], true) . ";\n");
$pdo = new PDO("sqlite:$db", null, null, [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION, PDO::ATTR_DEFAULT_FETCH_MODE => PDO::FETCH_ASSOC]);
$client = $sandbox->client();

/** The gateway's request: its fields, a fresh salt, pg_sig for the shop's page. */
function gateway_fields(string $page, array $fields): array
{
    $fields['pg_salt'] = bin2hex(random_bytes(8));
    $fields['pg_sig'] = md5(ref_joined($page, $fields, SANDBOX_SECRET));
    return $fields;
}
/** What the gateway makes of the shop's answer: the pg_status of a correctly signed reply. */
function gateway_reads(array $r, string $page): string
{
    $xml = @simplexml_load_string($r['body'], SimpleXMLElement::class, LIBXML_NONET);
    if ($r['status'] !== 200 || $xml === false) {
        return "HTTP {$r['status']}, not a reply";
    }
    $signed = hash_equals(Docs::forXml($page, $r['body'], SANDBOX_SECRET), (string) $xml->pg_sig);
    return "HTTP {$r['status']} {$r['headers']['content-type']}: " . ($signed ? '' : 'BADLY SIGNED ') . $xml->pg_status
        . ($xml->pg_description != '' ? " ($xml->pg_description)" : '');
}
/** result_url's fields for a payment, as the gateway sends them, from its verified status. */
function result_fields(FreedomPay\Client $client, string $paymentId, array $override = []): array
{
    $s = $client->status(['pg_payment_id' => $paymentId]);
    $paid = $s['pg_payment_status'] === 'success';
    return $override + [
        'pg_order_id' => $s['pg_order_id'], 'pg_payment_id' => $s['pg_payment_id'], 'pg_amount' => $s['pg_amount'],
        'pg_currency' => $s['pg_currency'], 'pg_net_amount' => number_format($s['pg_amount'] * 0.965, 2, '.', ''),
        'pg_ps_amount' => $s['pg_amount'], 'pg_ps_full_amount' => $s['pg_amount'], 'pg_ps_currency' => $s['pg_currency'],
        'pg_payment_system' => 'EPAYWEBKZT', 'pg_description' => "Order {$s['pg_order_id']}", 'pg_result' => $paid ? '1' : '0',
        'pg_payment_date' => $s['pg_payment_date'] ?? '', 'pg_can_reject' => $paid ? '1' : '0', 'pg_user_phone' => '',
        'pg_user_contact_email' => '', 'pg_testing_mode' => $s['pg_testing_mode'], 'pg_captured' => $s['pg_captured'],
        'pg_reference' => $s['pg_reference'] ?? '', 'pg_card_pan' => $s['pg_card_pan'] ?? '', 'pg_card_exp' => '12/30',
        'pg_card_owner' => 'CARD HOLDER', 'pg_card_brand' => 'VISA', 'pg_payment_method' => 'bankcard',
    ];
}
/** Several requests sent before any answer is read (HTTP/1.0: each answer ends at EOF). */
function post_at_once(WebStack $stack, string $page, array $bodies): array
{
    $socks = [];
    foreach ($bodies as $i => $fields) {
        $body = http_build_query($fields);
        $socks[$i] = stream_socket_client("tcp://127.0.0.1:{$stack->port}", $errno, $errstr, 10);
        fwrite($socks[$i], "POST /$page HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            . 'Content-Length: ' . strlen($body) . "\r\n\r\n$body");
    }
    $answers = [];
    foreach ($socks as $i => $s) {
        stream_set_timeout($s, 60);
        [$head, $body] = explode("\r\n\r\n", stream_get_contents($s), 2) + [1 => ''];
        fclose($s);
        preg_match('~^HTTP/\S+ (\d+)~', $head, $m);
        preg_match('~^content-type:\s*(.*?)\r?$~mi', $head, $t);
        $answers[$i] = ['status' => (int) ($m[1] ?? 0), 'headers' => ['content-type' => $t[1] ?? ''], 'body' => $body];
    }
    return $answers;
}
function order_row(PDO $pdo, string $id): array
{
    $st = $pdo->prepare('SELECT status, paid_payment_id FROM orders WHERE id = ?');
    $st->execute([$id]);
    $row = $st->fetch();
    $st = $pdo->prepare("SELECT count(*) FROM order_events WHERE order_id = ? AND event = 'paid'");
    $st->execute([$id]);
    return $row + ['paid events' => (int) $st->fetchColumn()];
}
function show(array $row): string
{
    return json_encode($row);
}
/** Checkout of $quantity books; returns [order id, payment id, Location]. */
function checkout(WebStack $stack, PDO $pdo, array $form): array
{
    $r = $stack->post('/checkout.php', $form);
    if ($r['status'] !== 303) {
        throw new RuntimeException("checkout: HTTP {$r['status']}\n{$r['body']}\n" . $stack->logs());
    }
    $p = $pdo->query('SELECT payment_id, order_id FROM payments ORDER BY rowid DESC LIMIT 1')->fetch();
    return [$p['order_id'], $p['payment_id'], $r['headers']['location']];
}

echo "-- the shop's page\n";
$home = $stack->get('/index.php');
echo "products: ", preg_match_all('~<form method="post" action="checkout.php"~', $home), "\n";

echo "-- checkout: 2 books\n";
[$orderId, $paymentId, $location] = checkout($stack, $pdo, ['product' => 'book', 'quantity' => '2']);
echo "order id: ", preg_match('~^shop-\d{6}-[0-9a-f]{10}$~', $orderId) ? 'shop-YYMMDD-random' : $orderId, "\n";
echo "redirect to the gateway's page: ", str_starts_with($location, "$sandbox->url/pay.html?customer=") ? 'yes' : $location, "\n";
$created = json_decode($sandbox->get("/_sandbox/payment?pg_payment_id=$paymentId")[1], true);
$sent = $created['fields'];
echo "the gateway got: ", json_encode(array_intersect_key($sent, array_flip(['pg_order_id', 'pg_amount', 'pg_currency', 'pg_request_method',
    'pg_testing_mode']))) === json_encode(['pg_order_id' => $orderId, 'pg_amount' => '5000.00', 'pg_currency' => 'KZT',
    'pg_request_method' => 'POST', 'pg_testing_mode' => '1']) ? 'order id, 5000.00 KZT, POST callbacks, testing mode' : json_encode($sent), "\n";
foreach (['pg_result_url', 'pg_check_url', 'pg_success_url', 'pg_failure_url'] as $k) {
    echo "  $k: ", str_replace($stack->url, 'SHOP', $sent[$k]), "\n";
}
echo "  pg_idempotency_key: ", $sent['pg_idempotency_key'] === "$orderId-1" ? 'order id-1' : $sent['pg_idempotency_key'], "\n";
echo "order: ", show(order_row($pdo, $orderId)), "\n";

echo "-- check_url before paying\n";
$check = ['pg_order_id' => $orderId, 'pg_payment_id' => $paymentId, 'pg_amount' => '5000.00', 'pg_currency' => 'KZT',
    'pg_ps_amount' => '5000.00', 'pg_ps_currency' => 'KZT', 'pg_ps_full_amount' => '5000.00', 'pg_payment_system' => 'EPAYWEBKZT',
    'pg_description' => "Order $orderId", 'pg_testing_mode' => '1'];
echo "check: ", gateway_reads($stack->post('/check.php', gateway_fields('check.php', $check)), 'check.php'), "\n";

echo "-- the payer pays with a test card\n";
echo "sandbox: ", $sandbox->pay($paymentId)['status'], "\n";

echo "-- the payer's browser is back before result_url\n";
$success = gateway_fields('success.php', ['pg_order_id' => $orderId, 'pg_payment_id' => $paymentId]);
$page = $stack->fetch('/success.php?' . http_build_query($success));
preg_match('~data-status="(\w+)"~', $page['body'], $m);
echo "success page: HTTP {$page['status']}, ", $m[1] ?? '?', ", refreshes: ", str_contains($page['body'], 'http-equiv="refresh"') ? 'yes' : 'no', "\n";
echo "order: ", show(order_row($pdo, $orderId)), "\n";

echo "-- result_url, delivered 3 times (a new salt each time, as the gateway does)\n";
$result = result_fields($client, $paymentId);
$answers = [];
for ($i = 1; $i <= 3; $i++) {
    $r = $stack->post('/result.php', gateway_fields('result.php', $result));
    echo "delivery $i: ", gateway_reads($r, 'result.php'), "\n";
    $answers[] = $r['body'];
}
echo "distinct answers: ", count(array_unique($answers)), "\n";
echo "order: ", show(order_row($pdo, $orderId)), "\n";
echo "payment: ", $pdo->query("SELECT status FROM payments WHERE payment_id = '$paymentId'")->fetchColumn(), "\n";

echo "-- the success page again\n";
$page = $stack->fetch('/success.php?' . http_build_query($success));
preg_match('~data-status="(\w+)"~', $page['body'], $m);
echo "success page: HTTP {$page['status']}, ", $m[1] ?? '?', ", refreshes: ", str_contains($page['body'], 'http-equiv="refresh"') ? 'yes' : 'no', "\n";

echo "-- check_url once paid\n";
echo "check: ", gateway_reads($stack->post('/check.php', gateway_fields('check.php', $check)), 'check.php'), "\n";

echo "-- another order, result_url 4 times at once on 2 PHP workers\n";
[$orderId2, $paymentId2] = checkout($stack, $pdo, ['product' => 'pen', 'quantity' => '1']);
$sandbox->pay($paymentId2, '5483185000000293', '11/29', '321');
$result2 = result_fields($client, $paymentId2);
$answers = post_at_once($stack, 'result.php', array_map(fn() => gateway_fields('result.php', $result2), range(1, 4)));
foreach (array_count_values(array_map(fn($r) => gateway_reads($r, 'result.php'), $answers)) as $what => $n) {
    echo "$n answers: $what\n";
}
echo "distinct answers: ", count(array_unique(array_column($answers, 'body'))), "\n";
echo "order: ", show(order_row($pdo, $orderId2)), "\n";
echo "the first order is untouched: ", show(order_row($pdo, $orderId)), "\n";

echo "-- logs\n";
$log = $stack->fpmLog();
echo "the secret in the logs: ", substr_count($log . $stack->nginxLog(), SANDBOX_SECRET), "\n";
echo "PHP errors or warnings: ", preg_match_all('~PHP (Fatal|Warning|Notice|Deprecated)~', $log), "\n";
$stack->stop();
$sandbox->stop();
foreach ([$db, "$db-wal", "$db-shm", $local] as $f) {
    @unlink($f);
}
?>
--EXPECTF--
-- the shop's page
products: 2
-- checkout: 2 books
order id: shop-YYMMDD-random
redirect to the gateway's page: yes
the gateway got: order id, 5000.00 KZT, POST callbacks, testing mode
  pg_result_url: SHOP/result.php
  pg_check_url: SHOP/check.php
  pg_success_url: SHOP/success.php
  pg_failure_url: SHOP/failure.php
  pg_idempotency_key: order id-1
order: {"status":"open","paid_payment_id":null,"paid events":0}
-- check_url before paying
check: HTTP 200 application/xml; charset=utf-8: ok (Order awaits payment)
-- the payer pays with a test card
sandbox: success
-- the payer's browser is back before result_url
success page: HTTP 200, confirming, refreshes: yes
order: {"status":"open","paid_payment_id":null,"paid events":0}
-- result_url, delivered 3 times (a new salt each time, as the gateway does)
delivery 1: HTTP 200 application/xml; charset=utf-8: ok (Order paid)
delivery 2: HTTP 200 application/xml; charset=utf-8: ok (Order paid)
delivery 3: HTTP 200 application/xml; charset=utf-8: ok (Order paid)
distinct answers: 1
order: {"status":"paid","paid_payment_id":"%d","paid events":1}
payment: paid
-- the success page again
success page: HTTP 200, paid, refreshes: no
-- check_url once paid
check: HTTP 200 application/xml; charset=utf-8: rejected (Order already paid)
-- another order, result_url 4 times at once on 2 PHP workers
4 answers: HTTP 200 application/xml; charset=utf-8: ok (Order paid)
distinct answers: 1
order: {"status":"paid","paid_payment_id":"%d","paid events":1}
the first order is untouched: {"status":"paid","paid_payment_id":"%d","paid events":1}
-- logs
the secret in the logs: 0
PHP errors or warnings: 0
