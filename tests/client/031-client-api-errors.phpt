--TEST--
Client: pg_status=error is an ApiException with the code, the description and the reply; bad input is refused before sending
--EXTENSIONS--
freedompay
--FILE--
<?php
require dirname(__DIR__) . '/inc/sandbox.inc';
$sandbox = new SandboxServer();
$client = $sandbox->client(['retries' => 0]);

function api(callable $fn): void
{
    try {
        $fn();
        echo "no exception\n";
    } catch (FreedomPay\ApiException $e) {
        $r = $e->getResponse();
        printf("ApiException %d (code %d): %s; reply %s, %s\n", $e->getErrorCode(), $e->getCode(), $e->getMessage(),
            $r['pg_status'] ?? '-', isset($r['pg_sig']) ? 'signed' : 'unsigned');
    } catch (Throwable $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}

echo "-- from the gateway\n";
api(fn() => $client->status(['pg_payment_id' => 42]));                       // signed 340
api(fn() => (new FreedomPay\Client(500001, 'wrong-secret', ['base_url' => $sandbox->url]))->status(['pg_payment_id' => 1]));
api(fn() => (new FreedomPay\Client(777777, 'whatever', ['base_url' => $sandbox->url]))->status(['pg_payment_id' => 1]));

echo "-- refused before sending\n";
$before = count($sandbox->requests(100));
$o = ['pg_order_id' => 'o-1'];
$cases = [
    fn() => $client->initPayment($o + ['pg_description' => 'no amount']),
    fn() => $client->initPayment($o + ['pg_amount' => '10', 'pg_description' => '']),
    fn() => $client->initPayment(['pg_amount' => '10', 'pg_description' => 'no order id']),
    fn() => $client->initPayment(['pg_order_id' => '', 'pg_amount' => '10', 'pg_description' => 'empty order id']),
    fn() => $client->initPayment(['pg_order_id' => str_repeat('x', 51), 'pg_amount' => '10', 'pg_description' => 'x']),
    fn() => $client->request('init_payment.php', ['pg_amount' => '10', 'pg_description' => 'no order id either']),
    fn() => $client->initPayment($o + ['pg_amount' => '10,50', 'pg_description' => 'x']),
    fn() => $client->initPayment($o + ['pg_amount' => '1.001', 'pg_description' => 'x']),
    fn() => $client->initPayment($o + ['pg_amount' => '0', 'pg_description' => 'x']),
    fn() => $client->initPayment($o + ['pg_amount' => [1], 'pg_description' => 'x']),
    fn() => $client->initPayment($o + ['pg_amount' => '10', 'pg_description' => 'x', 'pg_user_phone' => '+7 701 123 45 67']),
    fn() => $client->initPayment($o + ['pg_amount' => '10', 'pg_description' => 'x', 'pg_result_url' => 'shop.example/result']),
    fn() => $client->status([]),
    fn() => $client->status(['pg_payment_id' => new stdClass]),
    fn() => $client->request('get_status3.php', ['pg_merchant_id' => 123, 'pg_payment_id' => 1]),
    fn() => $client->request(''),
    fn() => $client->request('https://evil.example/init_payment.php'),
    fn() => $client->request('../etc/passwd'),
    fn() => $client->request('v1/merchant/999/card/init', []),
    fn() => $client->request('v1/merchant/{other}/card/init', []),
    fn() => (new FreedomPay\Client(500001, 'k', ['base_url' => $sandbox->url]))->request('api/balance_status'),
    fn() => $client->status(['pg_payment_id' => 1, 'my.field' => 'x']),
    fn() => $client->status(['pg_payment_id' => 1, ' lead' => 'x']),
    fn() => $client->status(['pg_payment_id' => 1, 'a[b]' => 'x']),
    fn() => $client->status(['pg_payment_id' => 1, 'list' => ['k]' => 'x']]),
    fn() => $client->status(['pg_payment_id' => 1, '' => 'x']),
];
foreach ($cases as $fn) {
    throws($fn);
}
echo "requests sent meanwhile: ", count($sandbox->requests(100)) - $before, "\n";

echo "-- accepted spellings\n";
$init = $client->initPayment(['pg_order_id' => 42, 'pg_amount' => 25, 'pg_description' => 'int amount', 'pg_merchant_id' => '500001']);
echo $init['pg_status'], "\n";
echo $client->request('/get_status3.php', ['pg_payment_id' => $init['pg_payment_id']])['pg_payment_status'], "\n";
echo $client->request('get_status3.php', ['pg_payment_id' => $init['pg_payment_id'], 'pg_sig' => 'ignored'])['pg_status'], "\n";
?>
--EXPECT--
-- from the gateway
ApiException 340 (code 340): Transaction not found; reply error, signed
ApiException 9998 (code 9998): Incorrect signature; reply error, unsigned
ApiException 9998 (code 9998): Merchant not identified; reply error, unsigned
-- refused before sending
FreedomPay\InvalidArgumentException: initPayment(): parameter "pg_amount" is required
FreedomPay\InvalidArgumentException: initPayment(): parameter "pg_description" is required
FreedomPay\InvalidArgumentException: initPayment(): parameter "pg_order_id" is required
FreedomPay\InvalidArgumentException: initPayment(): parameter "pg_order_id" is required
FreedomPay\InvalidArgumentException: initPayment(): parameter "pg_order_id" must be 1 to 50 characters without control characters, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" given
FreedomPay\InvalidArgumentException: request(): parameter "pg_order_id" is required
FreedomPay\InvalidArgumentException: initPayment(): parameter "pg_amount" must be an amount from 0.01 with at most 2 decimals and a decimal point, "10,50" given
FreedomPay\InvalidArgumentException: initPayment(): parameter "pg_amount" must be an amount from 0.01 with at most 2 decimals and a decimal point, "1.001" given
FreedomPay\InvalidArgumentException: initPayment(): parameter "pg_amount" must be an amount from 0.01 with at most 2 decimals and a decimal point, "0" given
FreedomPay\InvalidArgumentException: initPayment(): parameter "pg_amount" must be a value, not an array
FreedomPay\InvalidArgumentException: initPayment(): parameter "pg_user_phone" must be digits only, the country code first, without +, spaces or brackets (e.g. 77011234567), "+7 701 123 45 67" given
FreedomPay\InvalidArgumentException: initPayment(): parameter "pg_result_url" must be an absolute http(s) URL, "shop.example/result" given
FreedomPay\InvalidArgumentException: status(): parameter "pg_payment_id" or "pg_order_id" is required
FreedomPay\InvalidArgumentException: Parameter "pg_payment_id" must be a scalar, null or Stringable, stdClass given
FreedomPay\InvalidArgumentException: Parameter "pg_merchant_id" must be this client's merchant id (500001)
FreedomPay\InvalidArgumentException: path "" is not a gateway path such as "init_payment.php" or "v1/merchant/{id}/card/init" (no empty, "." or ".." segments)
FreedomPay\InvalidArgumentException: path "https://evil.example/init_payment.php" is not a gateway path such as "init_payment.php" or "v1/merchant/{id}/card/init" (no empty, "." or ".." segments)
FreedomPay\InvalidArgumentException: path "../etc/passwd" is not a gateway path such as "init_payment.php" or "v1/merchant/{id}/card/init" (no empty, "." or ".." segments)
FreedomPay\InvalidArgumentException: path "v1/merchant/999/card/init" names another merchant than this client's (500001)
FreedomPay\InvalidArgumentException: path "v1/merchant/{other}/card/init" names another merchant than this client's (500001)
FreedomPay\InvalidArgumentException: Option "payout_secret_key" is required: api/balance_status is signed with the payout secret key
FreedomPay\InvalidArgumentException: Parameter name "my.field" cannot be sent: the receiving side would rename it (empty names, spaces and dots, brackets and NUL bytes are not kept)
FreedomPay\InvalidArgumentException: Parameter name " lead" cannot be sent: the receiving side would rename it (empty names, spaces and dots, brackets and NUL bytes are not kept)
FreedomPay\InvalidArgumentException: Parameter name "a[b]" cannot be sent: the receiving side would rename it (empty names, spaces and dots, brackets and NUL bytes are not kept)
FreedomPay\InvalidArgumentException: Parameter name "list[k]]" cannot be sent: the receiving side would rename it (empty names, spaces and dots, brackets and NUL bytes are not kept)
FreedomPay\InvalidArgumentException: Parameter name "" cannot be sent: the receiving side would rename it (empty names, spaces and dots, brackets and NUL bytes are not kept)
requests sent meanwhile: 0
-- accepted spellings
ok
new
ok
