--TEST--
Client: safe reads are retried with the very same body (same salt and signature); payments are never retried
--EXTENSIONS--
freedompay
--FILE--
<?php
require dirname(__DIR__) . '/inc/sandbox.inc';
$sandbox = new SandboxServer();
$client = $sandbox->client(['retries' => 2]);
$id = $client->initPayment(['pg_order_id' => 'r-1', 'pg_amount' => '5', 'pg_description' => 'retries'])['pg_payment_id'];

function outcome_of(callable $fn): string
{
    try {
        $fn();
        return 'no exception';
    } catch (FreedomPay\Exception $e) {
        return outcome($e);
    }
}

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
    echo outcome_of(fn() => $client->status(['pg_payment_id' => $id, 'sandbox_fault' => $fault])), "\n";
    $bodies = attempts($sandbox, '/get_status3.php', $fault);
    printf("status/%s: %d attempts, %d distinct bodies\n", $fault, count($bodies), count(array_unique($bodies)));
}

// Not retried: signature failures, gateway errors, and anything that is not a read.
foreach (['badsig', 'tamper'] as $fault) {
    echo outcome_of(fn() => $client->status(['pg_payment_id' => $id, 'sandbox_fault' => $fault])), "\n";
    printf("status/%s: %d attempts\n", $fault, count(attempts($sandbox, '/get_status3.php', $fault)));
}
echo outcome_of(fn() => $client->initPayment(['pg_order_id' => 'r-2', 'pg_amount' => '5', 'pg_description' => 'x', 'sandbox_fault' => 'http502'])), "\n";
printf("initPayment/http502: %d attempts\n", count(attempts($sandbox, '/init_payment.php', 'http502')));

// retries => 0: one attempt.
$once = $sandbox->client(['retries' => 0]);
echo outcome_of(fn() => $once->status(['pg_payment_id' => $id, 'sandbox_fault' => 'empty'])), "\n";
printf("status/empty with retries 0: %d attempts\n", count(attempts($sandbox, '/get_status3.php', 'empty')));
?>
--EXPECT--
TransportException: POST http://HOST/get_status3.php answered HTTP 502 (text/html; charset=utf-8)
status/http502: 3 attempts, 1 distinct bodies
TransportException: POST http://HOST/get_status3.php failed (transport)
status/drop: 3 attempts, 1 distinct bodies
TransportException: The reply from http://HOST/get_status3.php is not a gateway reply: not well-formed XML (...)
status/truncated: 3 attempts, 1 distinct bodies
SignatureException: The reply from http://HOST/get_status3.php failed signature verification (wrong pg_sig): it was altered or not signed with this client's secret key
status/badsig: 1 attempts
SignatureException: The reply from http://HOST/get_status3.php failed signature verification (wrong pg_sig): it was altered or not signed with this client's secret key
status/tamper: 1 attempts
OutcomeUnknownException: order r-2: POST http://HOST/init_payment.php answered HTTP 502 (text/html; charset=utf-8)
initPayment/http502: 1 attempts
TransportException: The reply from http://HOST/get_status3.php is not a gateway reply: the body is empty
status/empty with retries 0: 1 attempts
