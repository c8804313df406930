--TEST--
Client: every fault of the sandbox ends in the documented exception; a payment whose reply is lost is OutcomeUnknownException naming its order
--EXTENSIONS--
freedompay
--FILE--
<?php
require dirname(__DIR__) . '/inc/sandbox.inc';
// Workers: a reply still sleeping after a client timeout must not hold up the next call.
$sandbox = new SandboxServer(4);
$client = $sandbox->client(['retries' => 0, 'timeout' => 1.5]);
$id = $client->initPayment(['pg_order_id' => 'f-0', 'pg_amount' => '100', 'pg_description' => 'faults'])['pg_payment_id'];

$faults = ['delay:0.2', 'delay:4', 'drop', 'http500', 'http502', 'empty', 'truncated', 'notxml', 'badsig', 'nosig',
    'tamper', 'doctype', 'huge', 'huge:1040000'];
$n = 0;
foreach ($faults as $fault) {
    $order = 'f-' . ++$n;
    foreach (['status' => fn() => $client->status(['pg_payment_id' => $id, 'sandbox_fault' => $fault]),
              'initPayment' => fn() => $client->initPayment(['pg_order_id' => $order, 'pg_amount' => '1', 'pg_description' => 'x', 'sandbox_fault' => $fault])]
             as $method => $call) {
        $start = microtime(true);
        try {
            $r = $call();
            $outcome = "returned " . ($r['pg_status'] ?? '?');
        } catch (FreedomPay\Exception $e) {
            $outcome = outcome($e);
            if ($e instanceof FreedomPay\OutcomeUnknownException) {
                // Honest: the gateway did create the payment the call could not confirm.
                $found = $client->status(['pg_order_id' => $e->getOrderId()]);
                $outcome .= $e->getOrderId() === $order && $found['pg_order_id'] === $order ? ' [order exists]' : ' [ORDER NOT FOUND]';
                // The cause, typed, is kept: a reply that failed verification is a SignatureException.
                $cause = $e->getPrevious();
                if (!$cause instanceof FreedomPay\Exception || in_array($fault, ['badsig', 'nosig', 'tamper'], true) !== $cause instanceof FreedomPay\SignatureException) {
                    $outcome .= ' [WRONG CAUSE: ' . ($cause ? get_class($cause) : 'none') . ']';
                }
            }
        }
        printf("%-13s %-11s %s\n", $fault, $method, $outcome);
        if ($fault === 'delay:4' && microtime(true) - $start > 3.5) {
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
delay:4       status      TransportException: POST http://HOST/get_status3.php failed (timeout)
delay:4       initPayment OutcomeUnknownException: order f-2: POST http://HOST/init_payment.php failed (timeout) [order exists]
drop          status      TransportException: POST http://HOST/get_status3.php failed (transport)
drop          initPayment OutcomeUnknownException: order f-3: POST http://HOST/init_payment.php failed (transport) [order exists]
http500       status      TransportException: POST http://HOST/get_status3.php answered HTTP 500 (text/html; charset=utf-8)
http500       initPayment OutcomeUnknownException: order f-4: POST http://HOST/init_payment.php answered HTTP 500 (text/html; charset=utf-8) [order exists]
http502       status      TransportException: POST http://HOST/get_status3.php answered HTTP 502 (text/html; charset=utf-8)
http502       initPayment OutcomeUnknownException: order f-5: POST http://HOST/init_payment.php answered HTTP 502 (text/html; charset=utf-8) [order exists]
empty         status      TransportException: The reply from http://HOST/get_status3.php is not a gateway reply: the body is empty
empty         initPayment OutcomeUnknownException: order f-6: The reply from http://HOST/init_payment.php is not a gateway reply: the body is empty [order exists]
truncated     status      TransportException: The reply from http://HOST/get_status3.php is not a gateway reply: not well-formed XML (...)
truncated     initPayment OutcomeUnknownException: order f-7: The reply from http://HOST/init_payment.php is not a gateway reply: not well-formed XML (...) [order exists]
notxml        status      TransportException: The reply from http://HOST/get_status3.php is not a gateway reply: not well-formed XML (...)
notxml        initPayment OutcomeUnknownException: order f-8: The reply from http://HOST/init_payment.php is not a gateway reply: not well-formed XML (...) [order exists]
badsig        status      SignatureException: The reply from http://HOST/get_status3.php failed signature verification (wrong pg_sig): it was altered or not signed with this client's secret key
badsig        initPayment OutcomeUnknownException: order f-9: The reply from http://HOST/init_payment.php failed signature verification (wrong pg_sig): it was altered or not signed with this client's secret key [order exists]
nosig         status      SignatureException: The reply from http://HOST/get_status3.php is not signed (no pg_sig)
nosig         initPayment OutcomeUnknownException: order f-10: The reply from http://HOST/init_payment.php is not signed (no pg_sig) [order exists]
tamper        status      SignatureException: The reply from http://HOST/get_status3.php failed signature verification (wrong pg_sig): it was altered or not signed with this client's secret key
tamper        initPayment OutcomeUnknownException: order f-11: The reply from http://HOST/init_payment.php failed signature verification (wrong pg_sig): it was altered or not signed with this client's secret key [order exists]
doctype       status      TransportException: The reply from http://HOST/get_status3.php is not a gateway reply: a DOCTYPE is not allowed
doctype       initPayment OutcomeUnknownException: order f-12: The reply from http://HOST/init_payment.php is not a gateway reply: a DOCTYPE is not allowed [order exists]
huge          status      TransportException: the reply from http://HOST/get_status3.php exceeds 1048576 bytes
huge          initPayment OutcomeUnknownException: order f-13: the reply from http://HOST/init_payment.php exceeds 1048576 bytes [order exists]
huge:1040000  status      returned ok
huge:1040000  initPayment returned ok
tampered replies accepted: 0 of 20
