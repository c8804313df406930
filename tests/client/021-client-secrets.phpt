--TEST--
Client: the secret keys never appear in dumps, exports, casts, traces or messages; no clone, no serialize
--EXTENSIONS--
freedompay
--INI--
zend.exception_ignore_args=0
--FILE--
<?php
$canary = 'CANARY-' . bin2hex(random_bytes(16));
$payout = 'PAYOUT-' . bin2hex(random_bytes(16));
$c = new FreedomPay\Client(500001, $canary, [
    'payout_secret_key' => $payout, 'base_url' => 'http://127.0.0.1:9', 'retries' => 0,
]);

$outputs = [];
ob_start(); var_dump($c); $outputs['var_dump'] = ob_get_clean();
$outputs['print_r'] = print_r($c, true);
$outputs['var_export'] = var_export($c, true);
ob_start(); debug_zval_dump($c); $outputs['debug_zval_dump'] = ob_get_clean();
$outputs['json_encode'] = json_encode($c);
$outputs['array cast'] = print_r((array) $c, true);
$outputs['get_object_vars'] = print_r(get_object_vars($c), true);
$outputs['reflection'] = print_r((new ReflectionObject($c))->getProperties(), true);

try { clone $c; } catch (Error $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }
try { serialize($c); } catch (Exception $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }

// Exceptions: a failed construction, and a failed call (nothing listens on port 9).
$throw = [
    'construct' => fn() => new FreedomPay\Client(500001, $canary, ['payout_secret_key' => $payout, 'timeout' => -1]),
    'call' => fn() => $c->request('api/balance_status'),
    'bad param' => fn() => $c->request('get_status3.php', ['x' => new stdClass]),
];
foreach ($throw as $name => $fn) {
    try {
        $fn();
    } catch (FreedomPay\Exception $e) {
        $outputs["$name message"] = $e->getMessage();
        $outputs["$name string"] = (string) $e;
        $outputs["$name trace"] = print_r($e->getTrace(), true);
        echo "$name: ", get_class($e), "\n";
    }
}

$leaks = 0;
foreach ($outputs as $where => $text) {
    foreach ([$canary, $payout] as $secret) {
        if (str_contains($text, $secret) || str_contains($text, bin2hex($secret)) || str_contains($text, base64_encode($secret))) {
            echo "LEAK in $where\n";
            $leaks++;
        }
    }
}
echo "checked ", count($outputs), " outputs, $leaks leaks\n";
echo $outputs['var_dump'];
?>
--EXPECTF--
Error: Trying to clone an uncloneable object of class FreedomPay\Client
Exception: Serialization of 'FreedomPay\Client' is not allowed
construct: FreedomPay\InvalidArgumentException
call: FreedomPay\TransportException
bad param: FreedomPay\InvalidArgumentException
checked 17 outputs, 0 leaks
object(FreedomPay\Client)#%d (10) {
  ["merchantId"]=>
  string(6) "500001"
  ["baseUrl"]=>
  string(18) "http://127.0.0.1:9"
  ["secretKey"]=>
  string(3) "***"
  ["payoutSecretKey"]=>
  string(3) "***"
  ["testingMode"]=>
  bool(false)
  ["timeout"]=>
  float(30)
  ["connectTimeout"]=>
  float(10)
  ["retries"]=>
  int(0)
  ["persistentConnections"]=>
  bool(true)
  ["proxy"]=>
  NULL
}
