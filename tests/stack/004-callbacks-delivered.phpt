--TEST--
Web stack: the sandbox delivers result_url to a shop on nginx + php-fpm whose handler uses Callback; a failed first delivery is retried and answered identically; the order is paid once; a forged callback changes nothing
--DESCRIPTION--
Runs in the plain pass only: nginx and php-fpm are driven for real, and the
sandbox's delivery worker calls them as the gateway would.
--EXTENSIONS--
freedompay
--SKIPIF--
<?php
require dirname(__DIR__) . '/inc/webstack.inc';
if ($why = WebStack::unavailable()) die("skip $why");
?>
--FILE--
<?php
require dirname(__DIR__) . '/inc/webstack.inc';
require dirname(__DIR__) . '/inc/sandbox.inc';
require dirname(__DIR__) . '/inc/sign_reference.inc';

$state = tempnam(sys_get_temp_dir(), 'fp-shop-');
unlink($state);
mkdir($state);
// The shop's result handler: verify, check the order, mark it paid once (an
// UPDATE that only an open order passes), answer signed. The first answer
// is lost on the way (HTTP 500 after the work is done), as when a proxy
// in front of the shop fails: the gateway must try again.
$result = <<<'PHP'
<?php
$dir = getenv('SHOP_STATE');
$db = new PDO("sqlite:$dir/shop.sqlite");
$db->exec('CREATE TABLE IF NOT EXISTS orders (id TEXT PRIMARY KEY, amount TEXT, status TEXT, paid_events INTEGER DEFAULT 0)');
try {
    // The script name the gateway signs with: the last segment of this URL.
    $cb = FreedomPay\Callback::fromGlobals('result.php', 'sandbox-secret');
} catch (FreedomPay\SignatureException $e) {
    http_response_code(403);
    file_put_contents("$dir/refused", "refused\n", FILE_APPEND);
    exit;
}
$order = $db->query('SELECT * FROM orders WHERE id = ' . $db->quote((string) ($cb->params()['pg_order_id'] ?? '')))->fetch();
try {
    $cb->expect((string) ($order['id'] ?? ''), (string) ($order['amount'] ?? '0'));
} catch (FreedomPay\CallbackMismatchException $e) {
    http_response_code(400);
    exit;
}
if ($cb->isSuccessful()) {
    $paid = $db->exec("UPDATE orders SET status = 'paid', paid_events = paid_events + 1 WHERE status = 'open' AND id = " . $db->quote($order['id']));
}
$reply = $cb->reply('ok', 'Order ' . $order['id'] . ' accepted');
file_put_contents("$dir/replies", base64_encode($reply) . "\n", FILE_APPEND);
if (!file_exists("$dir/first-done")) {
    touch("$dir/first-done");
    http_response_code(500); // the answer is lost: the gateway will try again
}
header('Content-Type: application/xml; charset=utf-8');
echo $reply;
PHP;

$stack = new WebStack(['result.php' => $result], ['workers' => 2, 'extensions' => ['pdo_sqlite'], 'env' => ['SHOP_STATE' => $state]]);
$shopUrl = $stack->url;

$sandbox = new SandboxServer(2);
$sandbox->settings(['retry_interval' => 1, 'retry_window' => 30], 'notifications');
$client = $sandbox->client(['retries' => 0]);
$db = new PDO("sqlite:$state/shop.sqlite");
$db->exec('CREATE TABLE IF NOT EXISTS orders (id TEXT PRIMARY KEY, amount TEXT, status TEXT, paid_events INTEGER DEFAULT 0)');
$db->exec("INSERT INTO orders (id, amount, status) VALUES ('O-77', '1250.00', 'open')");

$p = $client->initPayment(['pg_order_id' => 'O-77', 'pg_amount' => '1250.00', 'pg_description' => 'Order O-77',
    'pg_result_url' => "$shopUrl/result.php"]);
$sandbox->pay($p['pg_payment_id'], '4405645000006150');
$n = $sandbox->awaitNotification($p['pg_payment_id'], 'result', null, 90);
echo "delivery: {$n['status']} after {$n['attempts']} attempts: ", implode(', ', array_map(fn($a) => "HTTP {$a['http_status']} {$a['verdict']}", $n['history'])), "\n";
$replies = array_unique(array_filter(explode("\n", (string) file_get_contents("$state/replies"))));
echo "the shop's answers: ", count(array_filter(explode("\n", (string) file_get_contents("$state/replies")))), ", ", count($replies), " distinct\n";
echo "the gateway received the same bytes each time: ", count(array_unique(array_column($n['history'], 'reply'))) === 1 ? 'yes' : 'no', "\n";
$order = $db->query("SELECT * FROM orders WHERE id = 'O-77'")->fetch();
echo "order: {$order['status']}, marked paid {$order['paid_events']} time(s)\n";

// Forged: a genuine callback with the amount changed, and one signed with another key.
$genuine = $n['history'][0]['request'];
$forged = ['pg_amount' => '1.00'] + $genuine;
$other = $genuine;
unset($other['pg_sig']);
$other['pg_sig'] = md5(ref_joined('result.php', $other, 'not-the-secret'));
foreach (['amount changed' => $forged, 'another key' => $other] as $label => $fields) {
    $answer = $stack->fetch('/result.php', 'POST', http_build_query($fields));
    echo "forged ($label): HTTP {$answer['status']}\n";
}
$order = $db->query("SELECT * FROM orders WHERE id = 'O-77'")->fetch();
echo "order after the forgeries: {$order['status']}, marked paid {$order['paid_events']} time(s)\n";
$stack->stop();
$sandbox->stop();
array_map('unlink', glob("$state/*"));
rmdir($state);
?>
--EXPECT--
delivery: delivered after 2 attempts: HTTP 500 http_status, HTTP 200 ok
the shop's answers: 2, 1 distinct
the gateway received the same bytes each time: yes
order: paid, marked paid 1 time(s)
forged (amount changed): HTTP 403
forged (another key): HTTP 403
order after the forgeries: paid, marked paid 1 time(s)
