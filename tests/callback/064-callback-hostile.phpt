--TEST--
Callback: what is verified is what is kept (a __toString among the fields runs once, on a copy, and cannot swap pg_sig or a value after the check); replies refuse descriptions and extra fields built to cost megabytes
--EXTENSIONS--
freedompay
--FILE--
<?php
use FreedomPay\{Callback, Signature};

class Rewrites
{
    public static int $calls = 0;
    public function __toString(): string
    {
        global $sig, $paid;
        self::$calls++;
        $sig = 0x41414141;   // pg_sig, held by reference: its string freed
        $paid = '1';         // pg_result, held by reference: changed after the check
        return '1001';
    }
}

$fields = ['pg_order_id' => '1001', 'pg_amount' => '10', 'pg_result' => '0', 'pg_salt' => 's'];
$sig = Signature::sign('result', $fields, 'k');
$paid = '0';
$received = ['pg_order_id' => new Rewrites(), 'pg_amount' => '10', 'pg_result' => &$paid, 'pg_salt' => 's', 'pg_sig' => &$sig];
$cb = Callback::fromRequest($received, 'result', 'k');
echo "__toString ran ", Rewrites::$calls, " time(s)\n";
echo "kept: ", json_encode($cb->params()), "\n";
echo "successful: ", var_export($cb->isSuccessful(), true), "\n";

// A forged pg_sig behind a reference that a __toString rewrites: refused, nothing read after it is freed.
$sig = str_repeat('0', 32);
$paid = '0';
$received = ['pg_order_id' => new Rewrites(), 'pg_amount' => '10', 'pg_result' => &$paid, 'pg_salt' => 's', 'pg_sig' => &$sig];
try {
    Callback::fromRequest($received, 'result', 'k');
} catch (FreedomPay\SignatureException $e) {
    echo get_class($e), "\n";
}

// Callbacks keep every name and every empty array they were signed with.
$odd = ['pg_order_id' => '1', 'a b' => 'x', 'list' => [], 'pg_salt' => 's'];
$odd['pg_sig'] = Signature::sign('result', $odd, 'k');
echo "odd names kept: ", json_encode(array_keys(Callback::fromRequest($odd, 'result', 'k')->params())), "\n";

// reply(): bounded input.
$ok = ['pg_order_id' => '1', 'pg_amount' => '10', 'pg_result' => '1', 'pg_salt' => 's'];
$ok['pg_sig'] = Signature::sign('result', $ok, 'k');
$cb = Callback::fromRequest($ok, 'result', 'k');
$extra = [];
for ($i = 0; $i < 101; $i++) {
    $extra["f$i"] = 'v';
}
foreach (['a 64 KB description' => fn() => $cb->reply('ok', str_repeat('a', 65536)),
          'an 11 MB description' => fn() => $cb->reply('ok', str_repeat('a', 11 << 20)),
          '100 extra fields' => fn() => $cb->reply('ok', '', array_slice($extra, 0, 100)),
          '101 extra fields' => fn() => $cb->reply('ok', '', $extra),
          'a 70 KB extra field' => fn() => $cb->reply('ok', '', ['note' => str_repeat('b', 70000)]),
         ] as $what => $call) {
    try {
        $xml = $call();
        echo "$what: ", strlen($xml) > 0 && str_starts_with($xml, '<?xml') ? 'signed XML' : 'EMPTY', "\n";
    } catch (FreedomPay\InvalidArgumentException $e) {
        echo "$what: ", $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
__toString ran 1 time(s)
kept: {"pg_order_id":"1001","pg_amount":"10","pg_result":"0","pg_salt":"s"}
successful: false
FreedomPay\SignatureException
odd names kept: ["pg_order_id","a b","list","pg_salt"]
a 64 KB description: signed XML
an 11 MB description: Callback::reply(): the description is longer than 65536 bytes
100 extra fields: signed XML
101 extra fields: Callback::reply(): at most 100 extra fields, 101 given
a 70 KB extra field: Callback::reply(): extra field "note" is longer than 65536 bytes
