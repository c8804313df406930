--TEST--
The sandbox itself: docs-snippet signatures, XML request method, hosted page, idempotency, test controls, concurrent workers
--FILE--
<?php
// No extension needed: the sandbox and this test use the docs' own PHP.
require dirname(__DIR__) . '/inc/sign_reference.inc';
require_once dirname(__DIR__, 2) . '/sandbox/src/autoload.php';
use FreedomPaySandbox\Signature;

$s = new FreedomPaySandbox\Server(4);
function gateway(FreedomPaySandbox\Server $s, string $path, array $fields, string $secret = 'sandbox-secret', array $headers = []): array
{
    $fields += ['pg_merchant_id' => '500001', 'pg_salt' => bin2hex(random_bytes(4))];
    $fields['pg_sig'] = ref_sign(Signature::scriptName($path), $fields, $secret);
    [$status, $body] = $s->post($path, $fields, $headers);
    $xml = simplexml_load_string($body);
    $signed = isset($xml->pg_sig) && (string) $xml->pg_sig === Signature::forXml(Signature::scriptName($path), $body, $secret);
    return [$status, $xml, $signed];
}

[$st, $xml, $signed] = gateway($s, '/init_payment.php', ['pg_amount' => '99.90', 'pg_description' => 'd', 'pg_idempotency_key' => 'k-1']);
echo "init: $st {$xml->pg_status} signed=", var_export($signed, true), "\n";
$id = (string) $xml->pg_payment_id;
[, $again] = gateway($s, '/init_payment.php', ['pg_amount' => '99.90', 'pg_description' => 'd', 'pg_idempotency_key' => 'k-1']);
echo "same idempotency key, same payment: ", var_export((string) $again->pg_payment_id === $id, true), "\n";

// The XML request method: one pg_xml field.
$inner = ['pg_merchant_id' => '500001', 'pg_payment_id' => $id, 'pg_salt' => 'xml-salt'];
$inner['pg_sig'] = ref_sign('get_status3.php', $inner, 'sandbox-secret');
$xmlReq = '<?xml version="1.0" encoding="utf-8"?><request>';
foreach ($inner as $k => $v) { $xmlReq .= "<$k>$v</$k>"; }
[$st, $body] = $s->post('/get_status3.php', ['pg_xml' => $xmlReq . '</request>']);
echo "pg_xml: ", simplexml_load_string($body)->pg_payment_status, "\n";

// Errors the way the gateway answers them.
foreach ([
    'no merchant' => ['/get_status3.php', ['pg_payment_id' => 1, 'pg_salt' => 'x']],
    'unknown merchant' => ['/get_status3.php', ['pg_merchant_id' => '1', 'pg_payment_id' => 1, 'pg_salt' => 'x', 'pg_sig' => 'x']],
    'bad signature' => ['/get_status3.php', ['pg_merchant_id' => '500001', 'pg_payment_id' => 1, 'pg_salt' => 'x', 'pg_sig' => str_repeat('0', 32)]],
] as $name => [$path, $fields]) {
    [, $body] = $s->post($path, $fields);
    $x = simplexml_load_string($body);
    echo "$name: {$x->pg_error_code} {$x->pg_error_description} signed=", isset($x->pg_sig) ? 'yes' : 'no', "\n";
}
[, $x, $signed] = gateway($s, '/get_status3.php', ['pg_payment_id' => '42']);
echo "not found: {$x->pg_error_code} signed=", var_export($signed, true), "\n";
[, $x, $signed] = gateway($s, '/init_payment.php', ['pg_amount' => '1.999', 'pg_description' => 'x']);
echo "bad amount: {$x->pg_error_code} {$x->pg_error_description} signed=", var_export($signed, true), "\n";
echo "unknown fault: ", implode(' ', $s->post('/get_status3.php', ['x' => 1], ['X-Sandbox-Fault' => 'nope'])), "";
echo "unknown path: ", $s->post('/nope.php', [])[0], "\n";

// The hosted page, as a browser uses it.
[, $page] = gateway($s, '/init_payment.php', ['pg_amount' => '5', 'pg_description' => 'page']);
$token = substr(strrchr((string) $page->pg_redirect_url, '='), 1);
[$st, $page] = $s->get("/pay.html?customer=$token");
echo "page: $st ", str_contains($page, 'name="card_number"') ? 'has a card form' : 'NO FORM', "\n";
[$st, $page] = $s->post("/pay.html?customer=$token", ['card_number' => '4405 6450 0000 6150', 'card_exp' => '12/30', 'card_cvc' => '123']);
echo "page after paying: $st ", str_contains($page, 'Payment accepted') ? 'accepted' : 'NOT ACCEPTED', "\n";

// Test controls refuse what they should.
echo "bad card: ", json_encode($s->pay($id, '1234567812345678')), "\n";
echo "expired: ", json_encode($s->pay($id, '4405645000006150', '01/20')), "\n";
echo "unknown payment: ", $s->pay(99, '4405645000006150')['http_status'], "\n";
$s->pay($id);
echo "paid twice: ", $s->pay($id)['http_status'], "\n";

// 24 requests at once on 4 workers: no "database is locked".
$socks = [];
for ($i = 0; $i < 24; $i++) {
    $f = ['pg_merchant_id' => '500001', 'pg_amount' => '1', 'pg_description' => "c$i", 'pg_salt' => "s$i"];
    $f['pg_sig'] = ref_sign('init_payment.php', $f, 'sandbox-secret');
    $body = http_build_query($f);
    $c = stream_socket_client("tcp://127.0.0.1:{$s->port}", $e, $es, 5);
    fwrite($c, "POST /init_payment.php HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " . strlen($body) . "\r\n\r\n$body");
    $socks[] = $c;
}
$ok = 0;
$ids = [];
foreach ($socks as $c) {
    $resp = stream_get_contents($c);
    if (preg_match('~<pg_status>ok</pg_status>~', $resp) && preg_match('~<pg_payment_id>(\d+)<~', $resp, $m)) {
        $ok++;
        $ids[$m[1]] = true;
    }
}
echo "concurrent: $ok of 24 ok, ", count($ids), " distinct payments\n";
?>
--EXPECTF--
init: 200 ok signed=true
same idempotency key, same payment: true
pg_xml: new
no merchant: 101 Empty merchant signed=no
unknown merchant: 9998 Merchant not identified signed=no
bad signature: 9998 Incorrect signature signed=no
not found: 340 signed=true
bad amount: 9403 pg_amount is not a valid amount: 1.999 signed=true
unknown fault: 400 unknown fault "nope"; known: delay, drop, http500, http502, empty, truncated, notxml, badsig, nosig, tamper, doctype, huge
unknown path: 404
page: 200 has a card form
page after paying: 200 accepted
bad card: {"error":"card_number is not a valid card number","http_status":400}
expired: {"pg_payment_id":%d,"status":"failed","failure_code":5,"failure_description":"Transaction declined: the card has expired","http_status":200}
unknown payment: 404
paid twice: 409
concurrent: 24 of 24 ok, 24 distinct payments
