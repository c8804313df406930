--TEST--
Client: one connection is kept alive across calls; the reply cap follows freedompay.max_response_size at each call
--EXTENSIONS--
freedompay
--FILE--
<?php
require dirname(__DIR__) . '/inc/sandbox.inc';

// Connection reuse, against a server that keeps connections open.
$proc = proc_open([PHP_BINARY, '-n', dirname(__DIR__) . '/inc/keepalive_server.php'], [1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
$port = (int) fgets($pipes[1]);
$client = new FreedomPay\Client(500001, 'k', ['base_url' => "http://127.0.0.1:$port", 'retries' => 0]);
for ($i = 0; $i < 5; $i++) {
    try {
        $client->status(['pg_payment_id' => $i + 1]);
    } catch (FreedomPay\ApiException $e) {
        $last = $e->getMessage();
    }
}
unset($client); // closes the connection
$count = (int) file_get_contents("http://127.0.0.1:$port/connections") - 1; // this query is one too
echo "5 calls: $last, over $count connection(s)\n";
proc_terminate($proc);
proc_close($proc);

// The reply cap, read at each call: one client sees the setting change.
$sandbox = new SandboxServer();
$client = $sandbox->client(['retries' => 0]);
$id = $client->initPayment(['pg_order_id' => 'cap-1', 'pg_amount' => '1', 'pg_description' => 'cap'])['pg_payment_id'];
echo "80 KB reply, default cap: ", $client->status(['pg_payment_id' => $id, 'sandbox_fault' => 'huge:80000'])['pg_status'], "\n";
ini_set('freedompay.max_response_size', '64K');
echo "ini: ", ini_get('freedompay.max_response_size'), "\n";
echo "80 KB reply, 64K cap: ";
throws(fn() => $client->status(['pg_payment_id' => $id, 'sandbox_fault' => 'huge:80000']));
echo "60 KB reply, 64K cap: ", $client->status(['pg_payment_id' => $id, 'sandbox_fault' => 'huge:60000'])['pg_status'], "\n";
ini_restore('freedompay.max_response_size');
echo "80 KB reply, cap restored: ", $client->status(['pg_payment_id' => $id, 'sandbox_fault' => 'huge:80000'])['pg_status'], "\n";
ini_set('freedompay.max_response_size', '64K');
var_dump(ini_set('freedompay.max_response_size', '1'));          // below 1 KiB: refused
var_dump(ini_set('freedompay.max_response_size', '100M'));       // above 64 MiB: refused
echo "ini: ", ini_get('freedompay.max_response_size'), "\n";
?>
--EXPECTF--
5 calls: kept alive, over 1 connection(s)
80 KB reply, default cap: ok
ini: 64K
80 KB reply, 64K cap: FreedomPay\TransportException: the reply from http://127.0.0.1:%d/get_status3.php exceeds 65536 bytes
60 KB reply, 64K cap: ok
80 KB reply, cap restored: ok
bool(false)
bool(false)
ini: 64K
