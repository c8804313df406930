--TEST--
Client: every fault of the sandbox ends in the documented exception; no fault returns an array
--EXTENSIONS--
freedompay
--FILE--
<?php
require __DIR__ . '/../inc/sandbox.inc';
// Workers: a reply still sleeping after a client timeout must not hold up the next call.
$sandbox = new SandboxServer(4);
$client = $sandbox->client(['retries' => 0, 'timeout' => 1.5]);
$id = $client->initPayment(['pg_amount' => '100', 'pg_description' => 'faults'])['pg_payment_id'];

$faults = ['delay:0.2', 'delay:3', 'drop', 'http500', 'http502', 'empty', 'truncated', 'notxml', 'badsig', 'nosig',
    'tamper', 'doctype', 'huge', 'huge:1040000'];
foreach ($faults as $fault) {
    foreach (['status' => fn() => $client->status(['pg_payment_id' => $id, 'sandbox_fault' => $fault]),
              'initPayment' => fn() => $client->initPayment(['pg_amount' => '1', 'pg_description' => 'x', 'sandbox_fault' => $fault])]
             as $method => $call) {
        $start = microtime(true);
        try {
            $r = $call();
            $outcome = "returned " . ($r['pg_status'] ?? '?');
        } catch (FreedomPay\Exception $e) {
            $outcome = get_class($e) . ': ' . preg_replace(['~127\.0\.0\.1:\d+~', '~\d+ bytes remaining~', '~after \d+ milliseconds~', '~XML \(line .*~'],
                ['HOST', 'N bytes remaining', 'after N milliseconds', 'XML (...)'], $e->getMessage());
        }
        printf("%-13s %-11s %s\n", $fault, $method, $outcome);
        if ($fault === 'delay:3' && microtime(true) - $start > 2.5) {
            echo "  the 1.5 s timeout did not hold\n";
        }
    }
}
// The tampered reply carries a valid-looking signature of other content: it must not pass as success.
$tampered = 0;
for ($i = 0; $i < 20; $i++) {
    try {
        $client->status(['pg_payment_id' => $id, 'sandbox_fault' => 'tamper']);
        $tampered++;
    } catch (FreedomPay\SignatureException $e) {
    }
}
echo "tampered replies accepted: $tampered of 20\n";
?>
--EXPECT--
delay:0.2     status      returned ok
delay:0.2     initPayment returned ok
delay:3       status      FreedomPay\TransportException: POST http://HOST/get_status3.php failed: Operation timed out after N milliseconds with 0 bytes received
delay:3       initPayment FreedomPay\TransportException: POST http://HOST/init_payment.php failed: Operation timed out after N milliseconds with 0 bytes received
drop          status      FreedomPay\TransportException: POST http://HOST/get_status3.php failed: transfer closed with N bytes remaining to read
drop          initPayment FreedomPay\TransportException: POST http://HOST/init_payment.php failed: transfer closed with N bytes remaining to read
http500       status      FreedomPay\TransportException: POST http://HOST/get_status3.php answered HTTP 500 (text/html; charset=utf-8)
http500       initPayment FreedomPay\TransportException: POST http://HOST/init_payment.php answered HTTP 500 (text/html; charset=utf-8)
http502       status      FreedomPay\TransportException: POST http://HOST/get_status3.php answered HTTP 502 (text/html; charset=utf-8)
http502       initPayment FreedomPay\TransportException: POST http://HOST/init_payment.php answered HTTP 502 (text/html; charset=utf-8)
empty         status      FreedomPay\TransportException: The reply from http://HOST/get_status3.php is not a gateway reply: the body is empty
empty         initPayment FreedomPay\TransportException: The reply from http://HOST/init_payment.php is not a gateway reply: the body is empty
truncated     status      FreedomPay\TransportException: The reply from http://HOST/get_status3.php is not a gateway reply: not well-formed XML (...)
truncated     initPayment FreedomPay\TransportException: The reply from http://HOST/init_payment.php is not a gateway reply: not well-formed XML (...)
notxml        status      FreedomPay\TransportException: The reply from http://HOST/get_status3.php is not a gateway reply: not well-formed XML (...)
notxml        initPayment FreedomPay\TransportException: The reply from http://HOST/init_payment.php is not a gateway reply: not well-formed XML (...)
badsig        status      FreedomPay\SignatureException: The reply from http://HOST/get_status3.php failed signature verification (wrong pg_sig): it was altered or not signed with this client's secret key
badsig        initPayment FreedomPay\SignatureException: The reply from http://HOST/init_payment.php failed signature verification (wrong pg_sig): it was altered or not signed with this client's secret key
nosig         status      FreedomPay\SignatureException: The reply from http://HOST/get_status3.php is not signed (no pg_sig)
nosig         initPayment FreedomPay\SignatureException: The reply from http://HOST/init_payment.php is not signed (no pg_sig)
tamper        status      FreedomPay\SignatureException: The reply from http://HOST/get_status3.php failed signature verification (wrong pg_sig): it was altered or not signed with this client's secret key
tamper        initPayment FreedomPay\SignatureException: The reply from http://HOST/init_payment.php failed signature verification (wrong pg_sig): it was altered or not signed with this client's secret key
doctype       status      FreedomPay\TransportException: The reply from http://HOST/get_status3.php is not a gateway reply: a DOCTYPE is not allowed
doctype       initPayment FreedomPay\TransportException: The reply from http://HOST/init_payment.php is not a gateway reply: a DOCTYPE is not allowed
huge          status      FreedomPay\TransportException: the reply from http://HOST/get_status3.php exceeds 1048576 bytes
huge          initPayment FreedomPay\TransportException: the reply from http://HOST/init_payment.php exceeds 1048576 bytes
huge:1040000  status      returned ok
huge:1040000  initPayment returned ok
tampered replies accepted: 0 of 20
