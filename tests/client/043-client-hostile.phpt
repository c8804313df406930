--TEST--
Client: a __toString that re-runs the constructor mid-call changes nothing the call holds; arguments given twice compare without running user code; card data never reaches a message or a trace
--EXTENSIONS--
freedompay
--INI--
zend.exception_ignore_args=0
--FILE--
<?php
/*
 * Regressions from a hostile probe (run under valgrind and ASan by the
 * CI): the request borrowed the client's secret, which a constructor
 * re-run from a __toString freed before the reply was verified with it;
 * an argument given twice was compared with ==, which called __toString
 * and warned on objects; a bad card number was quoted in the message.
 */
require dirname(__DIR__) . '/inc/sandbox.inc';
$sandbox = new SandboxServer();

class Reconstructs
{
    public function __construct(private string $text) {}
    public function __toString(): string
    {
        global $client, $sandbox;
        // The same secret, in a new string: the old one is freed.
        $client->__construct(500001, implode('', str_split('sandbox-secret')), ['base_url' => $sandbox->url, 'retries' => 0]);
        return $this->text;
    }
}

$client = $sandbox->client(['retries' => 0]);
$id = $client->initPayment(['pg_order_id' => 'h-1', 'pg_amount' => '5', 'pg_description' => 'hostile'])['pg_payment_id'];
echo "status(): ", $client->status(['pg_payment_id' => new Reconstructs((string) $id)])['pg_payment_status'], "\n";
$many = $client->statusMany([['pg_payment_id' => $id], ['pg_payment_id' => new Reconstructs((string) $id)], ['pg_payment_id' => $id]]);
echo "statusMany(): ", implode(', ', array_map(fn($r) => is_array($r) ? $r['pg_payment_status'] : get_class($r), $many)), "\n";

// An argument and a param for one field: scalars compare as ==, objects only as themselves, no user code runs.
class Loud
{
    public function __toString(): string { echo "[__toString ran]"; return '5.00'; }
}
$loud = new Loud();
foreach (['5 and "5.00"' => [5, ['pg_refund_amount' => '5.00']],
          '5 and "4.99"' => [5, ['pg_refund_amount' => '4.99']],
          'an object and "5.00"' => ['5.00', ['pg_refund_amount' => $loud]],
          'a plain object' => [5, ['pg_refund_amount' => new stdClass()]],
          'an array' => [5, ['pg_refund_amount' => [5]]],
         ] as $what => [$amount, $params]) {
    echo "refund($what): ";
    try {
        $client->refund($id, $amount, $params);
        echo "sent\n";
    } catch (FreedomPay\InvalidArgumentException $e) {
        echo $e->getMessage(), "\n";
    } catch (FreedomPay\Exception $e) {
        echo "sent (", (new ReflectionClass($e))->getShortName(), ")\n";
    }
}

// Card data: refused without being quoted, and hidden from traces (#[\SensitiveParameter]).
$card = ['pg_order_id' => 'h-2', 'pg_amount' => '10.00', 'pg_description' => 'x', 'pg_card_name' => 'CARD HOLDER',
         'pg_card_month' => '12', 'pg_card_year' => '30'];
foreach ([['pg_card_pan' => '4111111111111112', 'pg_card_cvc' => '123'],
          ['pg_card_pan' => '4111111111111111', 'pg_card_cvc' => '98765'],
          ['pg_card_pan' => '4111111111111111', 'pg_card_cvc' => '987', 'pg_card_month' => '13']] as $bad) {
    try {
        $client->cardPayment($bad + $card);
    } catch (FreedomPay\InvalidArgumentException $e) {
        $shown = $e->getMessage() . $e->getTraceAsString() . print_r($e->getTrace(), true);
        $leaks = array_filter(['4111111111111', '987', 'CARD HOLDER'], fn($s) => str_contains($shown, $s));
        echo $e->getMessage(), $leaks ? ' LEAKS ' . implode(', ', $leaks) : '', "\n";
    }
}
?>
--EXPECT--
status(): new
statusMany(): new, new, new
refund(5 and "5.00"): sent (ApiException)
refund(5 and "4.99"): refund(): parameter "pg_refund_amount" is given both as an argument and in the params, with other values
refund(an object and "5.00"): refund(): parameter "pg_refund_amount" is given both as an argument and in the params, with other values
refund(a plain object): refund(): parameter "pg_refund_amount" is given both as an argument and in the params, with other values
refund(an array): refund(): parameter "pg_refund_amount" is given both as an argument and in the params, with other values
cardPayment(): parameter "pg_card_pan" must be a card number: 13 to 19 digits with a valid check digit (the value is not shown)
cardPayment(): parameter "pg_card_cvc" must be 3 or 4 digits (the value is not shown)
cardPayment(): parameter "pg_card_month" must be a month from 01 to 12 (the value is not shown)
