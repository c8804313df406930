--TEST--
examples/shop: forged, altered, misdirected and replayed callbacks and redirects are refused with an HTTP error and change nothing; the genuine callback then pays the order once
--DESCRIPTION--
Serves examples/shop/public through nginx + php-fpm (WebStack) against the
sandbox gateway; the test sends the gateway's callbacks itself, signed with
the docs' snippet (tests/inc/sign_reference.inc), and forgeries of them.
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

function sign(string $page, array $fields, string $secret = SANDBOX_SECRET): array
{
    unset($fields['pg_sig']);
    $fields['pg_salt'] ??= bin2hex(random_bytes(8));
    $fields['pg_sig'] = md5(ref_joined($page, $fields, $secret));
    return $fields;
}
function gateway_reads(array $r, string $page): string
{
    $xml = @simplexml_load_string($r['body'], SimpleXMLElement::class, LIBXML_NONET);
    if ($r['status'] !== 200 || $xml === false) {
        return "HTTP {$r['status']}, " . ($xml === false ? 'not a reply' : 'a reply?!');
    }
    $signed = hash_equals(Docs::forXml($page, $r['body'], SANDBOX_SECRET), (string) $xml->pg_sig);
    return "HTTP 200: " . ($signed ? '' : 'BADLY SIGNED ') . $xml->pg_status . ($xml->pg_description != '' ? " ($xml->pg_description)" : '');
}
/** Every row of every table: what must not change. */
function snapshot(PDO $pdo): string
{
    $all = [];
    foreach (['orders', 'payments', 'order_events'] as $t) {
        $all[$t] = $pdo->query("SELECT * FROM $t ORDER BY rowid")->fetchAll();
    }
    return json_encode($all);
}
function checkout(WebStack $stack, PDO $pdo, string $product): array
{
    $r = $stack->post('/checkout.php', ['product' => $product, 'quantity' => '1']);
    $r['status'] === 303 || throw new RuntimeException("checkout: HTTP {$r['status']}\n" . $stack->logs());
    $p = $pdo->query('SELECT p.payment_id, o.id, o.amount FROM payments p JOIN orders o ON o.id = p.order_id ORDER BY p.rowid DESC LIMIT 1')->fetch();
    return [$p['id'], $p['payment_id'], $p['amount']];
}

[$a, $paymentA, $amountA] = checkout($stack, $pdo, 'book');
[$b, $paymentB, $amountB] = checkout($stack, $pdo, 'pen');
echo "order A: $amountA KZT, order B: $amountB KZT\n";
echo "both paid at the gateway: ", $sandbox->pay($paymentA)['status'], ', ', $sandbox->pay($paymentB)['status'], "\n";

// Order A's genuine result_url call.
$genuine = sign('result.php', ['pg_order_id' => $a, 'pg_payment_id' => $paymentA, 'pg_amount' => $amountA, 'pg_currency' => 'KZT',
    'pg_net_amount' => '2412.50', 'pg_description' => "Order $a", 'pg_result' => '1', 'pg_can_reject' => '1',
    'pg_payment_date' => '2026-01-01 12:00:00', 'pg_testing_mode' => '1', 'pg_card_pan' => '4405-64XX-XXXX-6150']);
$failed = sign('result.php', ['pg_result' => '0', 'pg_can_reject' => '0', 'pg_failure_code' => '51',
    'pg_failure_description' => 'Insufficient funds'] + $genuine);
$xmlOf = function (array $fields, string $page, string $secret = SANDBOX_SECRET): string {
    unset($fields['pg_sig']);
    $xml = '<?xml version="1.0" encoding="utf-8"?><request>';
    foreach ($fields as $k => $v) {
        $xml .= "<$k>" . htmlspecialchars($v, ENT_XML1) . "</$k>";
    }
    $xml .= '</request>';
    return str_replace('</request>', '<pg_sig>' . Docs::forXml($page, $xml, $secret) . '</pg_sig></request>', $xml);
};

echo "-- forgeries to result.php\n";
$before = snapshot($pdo);
$forgeries = [
    'no pg_sig' => array_diff_key($genuine, ['pg_sig' => 1]),
    'signed with another key' => sign('result.php', $genuine, 'not-the-shops-key'),
    'amount lowered after signing' => ['pg_amount' => '25.00'] + $genuine,
    'order id changed after signing' => ['pg_order_id' => $b] + $genuine,
    'pg_result 0 turned into 1' => ['pg_result' => '1'] + $failed,
    'a field added' => $genuine + ['pg_bonus' => '1'],
    'pg_sig in capitals' => ['pg_sig' => strtoupper($genuine['pg_sig'])] + $genuine,
    'signed for check.php' => sign('check.php', $genuine),
    'signed for the host alone' => sign('', $genuine),
    'the success redirect posted here' => sign('success.php', ['pg_order_id' => $a, 'pg_payment_id' => $paymentA]),
    'signed, but order B\'s amount' => sign('result.php', ['pg_amount' => $amountB] + $genuine),
    'signed, but in USD' => sign('result.php', ['pg_currency' => 'USD'] + $genuine),
    'signed, an order the shop does not have' => sign('result.php', ['pg_order_id' => 'shop-000000-0000000000'] + $genuine),
    'pg_xml, amount changed after signing' => ['pg_xml' => str_replace(">$amountA<", '>25.00<', $xmlOf($genuine, 'result.php'))],
    'pg_xml signed with another key' => ['pg_xml' => $xmlOf($genuine, 'result.php', 'not-the-shops-key')],
    'pg_xml with an external entity' => ['pg_xml' => '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/hostname">]><request><pg_order_id>&x;</pg_order_id></request>'],
];
foreach ($forgeries as $label => $fields) {
    echo str_pad("$label:", 42), gateway_reads($stack->post('/result.php', $fields), 'result.php'), "\n";
}
echo "order A's genuine call sent to check.php: ", gateway_reads($stack->post('/check.php', $genuine), 'check.php'), "\n";
echo "the database: ", snapshot($pdo) === $before ? 'unchanged' : 'CHANGED', "\n";

echo "-- forged redirects\n";
foreach ([
    'success, pg_sig of another key' => ['success.php', sign('success.php', ['pg_order_id' => $a, 'pg_payment_id' => $paymentA], 'x')],
    'success, unsigned' => ['success.php', ['pg_order_id' => $a, 'pg_payment_id' => $paymentA]],
    'failure, description changed' => ['failure.php', ['pg_error_description' => '<b>Call +7 700 000 0000</b>']
        + sign('failure.php', ['pg_order_id' => $a, 'pg_payment_id' => $paymentA, 'pg_error_code' => '5', 'pg_error_description' => 'Declined'])],
] as $label => [$page, $fields]) {
    $r = $stack->fetch("/$page?" . http_build_query($fields));
    preg_match('~<h1>(.*?)</h1>~', $r['body'], $m);
    echo str_pad("$label:", 42), "HTTP {$r['status']}, \"{$m[1]}\"", str_contains($r['body'], 'Call +7') ? ', SHOWS THE TEXT' : '', "\n";
}
echo "the database: ", snapshot($pdo) === $before ? 'unchanged' : 'CHANGED', "\n";

echo "-- the genuine call, then the same request replayed\n";
echo "genuine: ", gateway_reads($first = $stack->post('/result.php', $genuine), 'result.php'), "\n";
$after = snapshot($pdo);
echo "replayed byte for byte: ", gateway_reads($again = $stack->post('/result.php', $genuine), 'result.php'),
    $again['body'] === $first['body'] ? ', the same answer' : ', ANOTHER ANSWER', "\n";
echo "a stale failure of the same payment replayed: ", gateway_reads($stack->post('/result.php', $failed), 'result.php'), "\n";
echo "the database after the replays: ", snapshot($pdo) === $after ? 'unchanged' : 'CHANGED', "\n";
$events = $pdo->query("SELECT event FROM order_events WHERE order_id = " . $pdo->quote($a) . " ORDER BY id")->fetchAll(PDO::FETCH_COLUMN);
echo "order A's history: ", implode(', ', $events), "\n";
echo "order B: ", $pdo->query('SELECT status FROM orders WHERE id = ' . $pdo->quote($b))->fetchColumn(), "\n";

echo "-- logs\n";
$log = $stack->fpmLog();
echo "refusals logged: ", preg_match_all('~shop (result|check): refused with HTTP (\d+)~', $log), "\n";
preg_match_all('~shop (?:result|check): refused with HTTP (\d+)~', $log, $m);
echo "by status: ", json_encode(array_count_values($m[1])), "\n";
echo "the secret in the logs: ", substr_count($log . $stack->nginxLog(), SANDBOX_SECRET), "\n";
echo "PHP errors or warnings: ", preg_match_all('~PHP (Fatal|Warning|Notice|Deprecated)~', $log), "\n";
$stack->stop();
$sandbox->stop();
foreach ([$db, "$db-wal", "$db-shm", $local] as $f) {
    @unlink($f);
}
?>
--EXPECT--
order A: 2500.00 KZT, order B: 12500.50 KZT
both paid at the gateway: success, success
-- forgeries to result.php
no pg_sig:                                HTTP 403, not a reply
signed with another key:                  HTTP 403, not a reply
amount lowered after signing:             HTTP 403, not a reply
order id changed after signing:           HTTP 403, not a reply
pg_result 0 turned into 1:                HTTP 403, not a reply
a field added:                            HTTP 403, not a reply
pg_sig in capitals:                       HTTP 403, not a reply
signed for check.php:                     HTTP 403, not a reply
signed for the host alone:                HTTP 403, not a reply
the success redirect posted here:         HTTP 403, not a reply
signed, but order B's amount:             HTTP 400, not a reply
signed, but in USD:                       HTTP 400, not a reply
signed, an order the shop does not have:  HTTP 404, not a reply
pg_xml, amount changed after signing:     HTTP 403, not a reply
pg_xml signed with another key:           HTTP 403, not a reply
pg_xml with an external entity:           HTTP 403, not a reply
order A's genuine call sent to check.php: HTTP 403, not a reply
the database: unchanged
-- forged redirects
success, pg_sig of another key:           HTTP 400, "Link not valid"
success, unsigned:                        HTTP 400, "Link not valid"
failure, description changed:             HTTP 400, "Link not valid"
the database: unchanged
-- the genuine call, then the same request replayed
genuine: HTTP 200: ok (Order paid)
replayed byte for byte: HTTP 200: ok (Order paid), the same answer
a stale failure of the same payment replayed: HTTP 200: ok (Payment failure noted)
the database after the replays: unchanged
order A's history: created, payment_started, paid
order B: open
-- logs
refusals logged: 17
by status: {"403":14,"400":2,"404":1}
the secret in the logs: 0
PHP errors or warnings: 0
