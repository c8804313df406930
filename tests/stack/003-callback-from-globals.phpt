--TEST--
Web stack: Callback::fromGlobals reads what php-fpm received: a POSTed form, a pg_xml field, a raw XML body, a GET redirect
--DESCRIPTION--
Runs in the plain pass only: nginx and php-fpm are driven for real.
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
require dirname(__DIR__) . '/inc/sign_reference.inc';
require_once dirname(__DIR__, 2) . '/sandbox/src/autoload.php';

$page = <<<'PHP'
<?php
try {
    $cb = FreedomPay\Callback::fromGlobals('https://shop.example/freedompay/result', 'shop-secret');
    header('Content-Type: application/xml');
    echo json_encode($cb->params()), "\n", $cb->reply('ok');
} catch (FreedomPay\SignatureException $e) {
    http_response_code(403);
    echo 'refused: ', $e->getMessage();
}
PHP;
$stack = new WebStack(['index.php' => $page], ['front' => '/index.php']);
$fields = ['pg_order_id' => 'W-1', 'pg_payment_id' => '10', 'pg_amount' => '99.90', 'pg_result' => '1', 'pg_salt' => 's'];
$fields['pg_sig'] = md5(ref_joined('result', $fields, 'shop-secret'));
$xml = '<?xml version="1.0" encoding="utf-8"?><request><pg_order_id>W-2</pg_order_id><pg_result>1</pg_result><pg_salt>x</pg_salt></request>';
$xml = str_replace('</request>', '<pg_sig>' . FreedomPaySandbox\Signature::forXml('result', $xml, 'shop-secret') . '</pg_sig></request>', $xml);

$show = function (string $label, array $answer) {
    ['status' => $status, 'body' => $body] = $answer;
    echo "$label: HTTP $status ", strtok($body, "\n"), "\n";
};
$show('form POST', $stack->fetch('/freedompay/result', 'POST', http_build_query($fields), ['Content-Type' => 'application/x-www-form-urlencoded']));
$show('pg_xml field', $stack->fetch('/freedompay/result', 'POST', http_build_query(['pg_xml' => $xml]), ['Content-Type' => 'application/x-www-form-urlencoded']));
$show('raw XML body', $stack->fetch('/freedompay/result', 'POST', $xml, ['Content-Type' => 'application/xml']));
$show('GET redirect', $stack->fetch('/freedompay/result?' . http_build_query($fields)));
$show('forged POST', $stack->fetch('/freedompay/result', 'POST', http_build_query(['pg_amount' => '0.01'] + $fields), ['Content-Type' => 'application/x-www-form-urlencoded']));
$show('nothing', $stack->fetch('/freedompay/result', 'POST', '', ['Content-Type' => 'application/x-www-form-urlencoded']));
?>
--EXPECT--
form POST: HTTP 200 {"pg_order_id":"W-1","pg_payment_id":"10","pg_amount":"99.90","pg_result":"1","pg_salt":"s"}
pg_xml field: HTTP 200 {"pg_order_id":"W-2","pg_result":"1","pg_salt":"x"}
raw XML body: HTTP 200 {"pg_order_id":"W-2","pg_result":"1","pg_salt":"x"}
GET redirect: HTTP 200 {"pg_order_id":"W-1","pg_payment_id":"10","pg_amount":"99.90","pg_result":"1","pg_salt":"s"}
forged POST: HTTP 403 refused: The callback failed signature verification (wrong pg_sig): it was not sent by FreedomPay for this shop, or not for this URL
nothing: HTTP 403 refused: The callback is not signed (no pg_sig): it was not sent by FreedomPay for this shop, or not for this URL
