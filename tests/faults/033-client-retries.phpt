--TEST--
Client: safe reads are retried with the very same body (same salt and signature); payments are never retried
--EXTENSIONS--
freedompay
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
$sandbox = new SandboxServer();
$client = $sandbox->client(['retries' => 2]);
$id = $client->initPayment(['pg_amount' => '5', 'pg_description' => 'retries'])['pg_payment_id'];

function attempts(SandboxServer $s, string $path, string $fault): array
{
    $bodies = [];
    foreach ($s->requests(50) as $r) {
        if ($r['path'] === $path && ($r['fields']['sandbox_fault'] ?? '') === $fault) {
            $bodies[] = $r['raw_body'];
        }
    }
    return $bodies;
}

foreach (['http502', 'drop', 'truncated'] as $fault) {
    throws(fn() => $client->status(['pg_payment_id' => $id, 'sandbox_fault' => $fault]));
    $bodies = attempts($sandbox, '/get_status3.php', $fault);
    printf("status/%s: %d attempts, %d distinct bodies\n", $fault, count($bodies), count(array_unique($bodies)));
}

// Not retried: signature failures, gateway errors, and anything that is not a read.
foreach (['badsig', 'tamper'] as $fault) {
    throws(fn() => $client->status(['pg_payment_id' => $id, 'sandbox_fault' => $fault]));
    printf("status/%s: %d attempts\n", $fault, count(attempts($sandbox, '/get_status3.php', $fault)));
}
throws(fn() => $client->initPayment(['pg_amount' => '5', 'pg_description' => 'x', 'sandbox_fault' => 'http502']));
printf("initPayment/http502: %d attempts\n", count(attempts($sandbox, '/init_payment.php', 'http502')));

// retries => 0: one attempt.
$once = $sandbox->client(['retries' => 0]);
throws(fn() => $once->status(['pg_payment_id' => $id, 'sandbox_fault' => 'empty']));
printf("status/empty with retries 0: %d attempts\n", count(attempts($sandbox, '/get_status3.php', 'empty')));
?>
--EXPECTF--
FreedomPay\TransportException: POST http://127.0.0.1:%d/get_status3.php answered HTTP 502 (text/html; charset=utf-8)
status/http502: 3 attempts, 1 distinct bodies
FreedomPay\TransportException: POST http://127.0.0.1:%d/get_status3.php failed: transfer closed with %d bytes remaining to read
status/drop: 3 attempts, 1 distinct bodies
FreedomPay\TransportException: The reply from http://127.0.0.1:%d/get_status3.php is not a gateway reply: not well-formed XML (%s)
status/truncated: 3 attempts, 1 distinct bodies
FreedomPay\SignatureException: The reply from http://127.0.0.1:%d/get_status3.php failed signature verification (wrong pg_sig): it was altered or not signed with this client's secret key
status/badsig: 1 attempts
FreedomPay\SignatureException: The reply from http://127.0.0.1:%d/get_status3.php failed signature verification (wrong pg_sig): it was altered or not signed with this client's secret key
status/tamper: 1 attempts
FreedomPay\TransportException: POST http://127.0.0.1:%d/init_payment.php answered HTTP 502 (text/html; charset=utf-8)
initPayment/http502: 1 attempts
FreedomPay\TransportException: The reply from http://127.0.0.1:%d/get_status3.php is not a gateway reply: the body is empty
status/empty with retries 0: 1 attempts
