--TEST--
examples/shop: result_url by the XML method; a declined payment, the failure page and a second try; an order paid twice (rejected while the gateway allows it, else left for a refund); a cancelled order; checkout's refusals
--DESCRIPTION--
Serves examples/shop/public through nginx + php-fpm (WebStack) against the
sandbox gateway; the test sends the gateway's callbacks itself, signed with
the docs' PHP (the snippet for forms, checkXML for pg_xml).
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
require dirname(__DIR__, 2) . '/examples/shop/src/Orders.php';
use FreedomPaySandbox\Signature as Docs;

$sandbox = new SandboxServer(1, null, ['SANDBOX_WORKER' => '0']);   // the test sends the callbacks
$db = tempnam(sys_get_temp_dir(), 'fp-shop-db-');
$local = tempnam(sys_get_temp_dir(), 'fp-shop-config-');
$stack = new WebStack(dirname(__DIR__, 2) . '/examples/shop/public', [
    'workers' => 1, 'extensions' => ['pdo_sqlite'], 'front' => null,
    'env' => ['FREEDOMPAY_MERCHANT_ID' => (string) SANDBOX_MERCHANT, 'FREEDOMPAY_SECRET_KEY' => SANDBOX_SECRET,
        'FREEDOMPAY_BASE_URL' => $sandbox->url, 'SHOP_CONFIG' => $local],
]);
file_put_contents($local, '<?php return ' . var_export(['public_url' => $stack->url, 'database' => $db], true) . ";\n");
$pdo = new PDO("sqlite:$db", null, null, [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION, PDO::ATTR_DEFAULT_FETCH_MODE => PDO::FETCH_ASSOC]);
$client = $sandbox->client();

function sign(string $page, array $fields): array
{
    unset($fields['pg_sig']);
    $fields['pg_salt'] = bin2hex(random_bytes(8));
    $fields['pg_sig'] = md5(ref_joined($page, $fields, SANDBOX_SECRET));
    return $fields;
}
/** The XML method: the fields in <request>, signed as checkXML verifies, in one form field pg_xml. */
function sign_xml(string $page, array $fields): array
{
    $xml = '<?xml version="1.0" encoding="utf-8"?><request>';
    foreach ($fields + ['pg_salt' => bin2hex(random_bytes(8))] as $k => $v) {
        $xml .= "<$k>" . htmlspecialchars((string) $v, ENT_XML1) . "</$k>";
    }
    $xml .= '</request>';
    return ['pg_xml' => str_replace('</request>', '<pg_sig>' . Docs::forXml($page, $xml, SANDBOX_SECRET) . '</pg_sig></request>', $xml)];
}
function gateway_reads(array $r, string $page): string
{
    $xml = @simplexml_load_string($r['body'], SimpleXMLElement::class, LIBXML_NONET);
    if ($r['status'] !== 200 || $xml === false) {
        return "HTTP {$r['status']}, not a reply";
    }
    $signed = hash_equals(Docs::forXml($page, $r['body'], SANDBOX_SECRET), (string) $xml->pg_sig);
    return ($signed ? '' : 'BADLY SIGNED ') . $xml->pg_status . ($xml->pg_description != '' ? " ($xml->pg_description)" : '');
}
/** result_url's fields for a payment as the gateway has it now. */
function result_of(FreedomPay\Client $client, string $paymentId, array $override = []): array
{
    $s = $client->status(['pg_payment_id' => $paymentId]);
    $paid = $s['pg_payment_status'] === 'success';
    return $override + ['pg_order_id' => $s['pg_order_id'], 'pg_payment_id' => $paymentId, 'pg_amount' => $s['pg_amount'],
        'pg_currency' => $s['pg_currency'], 'pg_description' => "Order {$s['pg_order_id']}", 'pg_result' => $paid ? '1' : '0',
        'pg_can_reject' => $paid ? '1' : '0', 'pg_payment_date' => $s['pg_payment_date'] ?? '', 'pg_testing_mode' => '1']
        + ($paid ? [] : ['pg_failure_code' => $s['pg_failure_code'], 'pg_failure_description' => $s['pg_failure_description']]);
}
function checkout(WebStack $stack, PDO $pdo, array $form): array
{
    $r = $stack->post('/checkout.php', $form);
    $r['status'] === 303 || throw new RuntimeException("checkout: HTTP {$r['status']}\n{$r['body']}\n" . $stack->logs());
    $p = $pdo->query('SELECT payment_id, order_id FROM payments ORDER BY rowid DESC LIMIT 1')->fetch();
    return [$p['order_id'], $p['payment_id']];
}
function state(PDO $pdo, string $orderId): string
{
    $st = $pdo->prepare('SELECT status FROM orders WHERE id = ?');
    $st->execute([$orderId]);
    $out = $st->fetchColumn();
    $st = $pdo->prepare('SELECT status FROM payments WHERE order_id = ? ORDER BY rowid');
    $st->execute([$orderId]);
    return "order $out, payments " . implode(', ', $st->fetchAll(PDO::FETCH_COLUMN));
}
function page_says(array $r): string
{
    preg_match('~<h1>(.*?)</h1>~', $r['body'], $h);
    preg_match('~id="status"[^>]*>(.*?)</p>~s', $r['body'], $p);
    return "HTTP {$r['status']}, {$h[1]}: " . trim(strip_tags($p[1] ?? '')) . (str_contains($r['body'], 'name="order"') ? ' [Try again]' : '');
}
$oid = fn(string $text, string $id) => str_replace($id, 'ORDER', $text);

echo "-- result_url by the XML method (one form field pg_xml), 3 deliveries\n";
[$c, $c1] = checkout($stack, $pdo, ['product' => 'book', 'quantity' => '3']);
$sandbox->pay($c1);
$answers = [];
foreach ([1, 2, 3] as $i) {
    $r = $stack->post('/result.php', sign_xml('result.php', result_of($client, $c1)));
    echo "delivery $i: ", gateway_reads($r, 'result.php'), "\n";
    $answers[] = $r['body'];
}
echo "distinct answers: ", count(array_unique($answers)), "\n";
echo state($pdo, $c), "\n";
echo "check_url as a raw XML body: ", gateway_reads($stack->fetch('/check.php', 'POST', sign_xml('check.php',
    ['pg_order_id' => $c, 'pg_payment_id' => $c1, 'pg_amount' => '7500.00', 'pg_currency' => 'KZT'])['pg_xml'],
    ['Content-Type' => 'application/xml']), 'check.php'), "\n";

echo "-- declined, then paid on a second try\n";
[$d, $d1] = checkout($stack, $pdo, ['product' => 'book', 'quantity' => '1']);
echo "the card: ", $sandbox->pay($d1, '4939770956154989', '12/30', '123')['status'], "\n";
echo "result_url: ", gateway_reads($stack->post('/result.php', sign('result.php', result_of($client, $d1))), 'result.php'), "\n";
echo state($pdo, $d), "\n";
$failure = sign('failure.php', ['pg_order_id' => $d, 'pg_payment_id' => $d1, 'pg_error_code' => '51', 'pg_error_description' => 'Insufficient funds <&>']);
echo "failure page: ", $oid(page_says($stack->fetch('/failure.php?' . http_build_query($failure))), $d), "\n";
[$again, $d2] = checkout($stack, $pdo, ['order' => $d]);
$key = json_decode($sandbox->get("/_sandbox/payment?pg_payment_id=$d2")[1], true)['fields']['pg_idempotency_key'];
echo "try again: the same order ", $again === $d ? 'yes' : 'NO', ", a new payment ", $d2 !== $d1 ? 'yes' : 'NO',
    ", idempotency key ", $key === "$d-2" ? 'order-2' : $key, "\n";
echo "check_url: ", gateway_reads($stack->post('/check.php', sign('check.php', ['pg_order_id' => $d, 'pg_payment_id' => $d2,
    'pg_amount' => '2500.00', 'pg_currency' => 'KZT'])), 'check.php'), "\n";
$sandbox->pay($d2);
echo "result_url: ", gateway_reads($stack->post('/result.php', sign('result.php', result_of($client, $d2))), 'result.php'), "\n";
echo state($pdo, $d), "\n";
echo "the first payment's failure again: ", gateway_reads($stack->post('/result.php', sign('result.php', result_of($client, $d1))), 'result.php'), "\n";
echo state($pdo, $d), "\n";

echo "-- one order, three payments (three tabs)\n";
[$e, $e1] = checkout($stack, $pdo, ['product' => 'pen', 'quantity' => '2']);
[, $e2] = checkout($stack, $pdo, ['order' => $e]);
[, $e3] = checkout($stack, $pdo, ['order' => $e]);
foreach ([$e1, $e2, $e3] as $p) {
    $sandbox->pay($p);
}
echo "first: ", gateway_reads($stack->post('/result.php', sign('result.php', result_of($client, $e1))), 'result.php'), "\n";
$second = [];
foreach ([1, 2] as $i) {
    $r = $stack->post('/result.php', sign('result.php', result_of($client, $e2)));
    echo "second, delivery $i: ", gateway_reads($r, 'result.php'), "\n";
    $second[] = $r['body'];
}
echo "the same answer: ", $second[0] === $second[1] ? 'yes' : 'no', "\n";
echo "third, too late to refuse (pg_can_reject=0): ",
    gateway_reads($stack->post('/result.php', sign('result.php', result_of($client, $e3, ['pg_can_reject' => '0']))), 'result.php'), "\n";
echo state($pdo, $e), "\n";
$failure = sign('failure.php', ['pg_order_id' => $e, 'pg_payment_id' => $e2, 'pg_error_code' => '413', 'pg_error_description' => 'Order already paid']);
echo "the second payer's failure page: ", $oid(page_says($stack->fetch('/failure.php?' . http_build_query($failure))), $e), "\n";
echo "logged for a refund: ", preg_match("~payment $e3 of order \\Q$e\\E cannot be refused \\(Order already paid\\): refund it~", $stack->fpmLog()), "\n";

echo "-- an order the shop cancelled\n";
[$g, $g1] = checkout($stack, $pdo, ['product' => 'book', 'quantity' => '1']);
$sandbox->pay($g1);   // while the payer pays, the shop finds the book is out of stock
echo "cancelled: ", var_export((new Shop\Orders($db))->cancel($g, 'out of stock'), true), "\n";
echo "check_url: ", gateway_reads($stack->post('/check.php', sign('check.php', ['pg_order_id' => $g, 'pg_payment_id' => $g1,
    'pg_amount' => '2500.00', 'pg_currency' => 'KZT'])), 'check.php'), "\n";
echo "result_url: ", gateway_reads($stack->post('/result.php', sign('result.php', result_of($client, $g1))), 'result.php'), "\n";
echo state($pdo, $g), "\n";
echo "success page: ", $oid(page_says($stack->fetch('/success.php?' . http_build_query(sign('success.php', ['pg_order_id' => $g, 'pg_payment_id' => $g1])))), $g), "\n";

echo "-- checkout refuses\n";
foreach ([
    'a GET' => fn() => $stack->fetch('/checkout.php?product=book'),
    'an unknown product' => fn() => $stack->post('/checkout.php', ['product' => 'car', 'quantity' => '1']),
    'quantity 0' => fn() => $stack->post('/checkout.php', ['product' => 'book', 'quantity' => '0']),
    'an unknown order' => fn() => $stack->post('/checkout.php', ['order' => 'shop-000000-0000000000']),
    'a paid order' => fn() => $stack->post('/checkout.php', ['order' => $c]),
    'a cancelled order' => fn() => $stack->post('/checkout.php', ['order' => $g]),
] as $label => $send) {
    $r = $send();
    echo str_pad("$label:", 22), "HTTP {$r['status']}", isset($r['headers']['location']) ? ' REDIRECTED' : '', "\n";
}
echo "orders: ", $pdo->query('SELECT count(*) FROM orders')->fetchColumn(), ", payments: ", $pdo->query('SELECT count(*) FROM payments')->fetchColumn(), "\n";

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
--EXPECT--
-- result_url by the XML method (one form field pg_xml), 3 deliveries
delivery 1: ok (Order paid)
delivery 2: ok (Order paid)
delivery 3: ok (Order paid)
distinct answers: 1
order paid, payments paid
check_url as a raw XML body: rejected (Order already paid)
-- declined, then paid on a second try
the card: failed
result_url: ok (Payment failure noted)
order open, payments failed
failure page: HTTP 200, Payment not completed: The payment for order ORDER did not go through: Insufficient funds &lt;&amp;&gt;. [Try again]
try again: the same order yes, a new payment yes, idempotency key order-2
check_url: ok (Order awaits payment)
result_url: ok (Order paid)
order paid, payments failed, paid
the first payment's failure again: ok (Payment failure noted)
order paid, payments failed, paid
-- one order, three payments (three tabs)
first: ok (Order paid)
second, delivery 1: rejected (Order already paid)
second, delivery 2: rejected (Order already paid)
the same answer: yes
third, too late to refuse (pg_can_reject=0): ok (Order already paid: this payment will be refunded)
order paid, payments paid, rejected, refund_due
the second payer's failure page: HTTP 200, Order paid: Order ORDER is paid already, by an earlier payment. This one is not kept: it is cancelled or refunded to you.
logged for a refund: 1
-- an order the shop cancelled
cancelled: true
check_url: rejected (Order cancelled)
result_url: rejected (Order cancelled)
order cancelled, payments rejected
success page: HTTP 200, Order cancelled: Order ORDER (1 x The Steppe, a novel, 2500.00 KZT) was cancelled. If you were charged, the payment is returned to you.
-- checkout refuses
a GET:                HTTP 405
an unknown product:   HTTP 400
quantity 0:           HTTP 400
an unknown order:     HTTP 404
a paid order:         HTTP 409
a cancelled order:    HTTP 409
orders: 4, payments: 7
-- logs
the secret in the logs: 0
PHP errors or warnings: 0
