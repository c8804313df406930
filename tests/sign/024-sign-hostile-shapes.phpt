--TEST--
Signature: a pg_sig behind a reference that a __toString rewrites, arrays shared a billion times over, a cached request shape with a bad value: a clear answer, never a crash or a memory blow-up
--EXTENSIONS--
freedompay
--INI--
memory_limit=128M
--FILE--
<?php
/*
 * Regressions from a hostile probe (run under valgrind and ASan by the CI):
 * verify() compared against a pg_sig a __toString had freed; thirty levels
 * that each hold the level below twice (2 KB of PHP, 2^30 fields once
 * flattened) ran out of memory; an error on a remembered request shape
 * named no parameter.
 */
use FreedomPay\Signature;

class Rewrites
{
    public function __toString(): string
    {
        global $sig;
        $sig = 0x41414141; // the pg_sig, held by reference, becomes an int (its string freed)
        return 'x';
    }
}

// verify(): the pg_sig read before signing is the one compared.
$good = ['a' => 'x', 'pg_salt' => 's'];
$sig = Signature::sign('result', $good, 'secret');
$params = ['a' => new Rewrites(), 'pg_salt' => 's', 'pg_sig' => &$sig];
var_dump(Signature::verify('result', $params, 'secret'));
$sig = str_repeat('f', 32);
$params = ['a' => new Rewrites(), 'pg_salt' => 's', 'pg_sig' => &$sig];
var_dump(Signature::verify('result', $params, 'secret'));

// Shared sub-arrays: bounded by what is walked, not by the memory PHP holds.
$level = ['v' => 'x'];
for ($i = 0; $i < 30; $i++) {
    $level = ['a' => $level, 'b' => $level];
}
foreach (['sign' => fn() => Signature::sign('s', ['pg_x' => $level], 'k'),
          'verify' => fn() => Signature::verify('s', ['pg_x' => $level, 'pg_sig' => str_repeat('0', 32)], 'k'),
          'canonical' => fn() => Signature::canonical('s', ['pg_x' => $level]),
          'sign, numeric keys' => fn() => Signature::sign('s', [5 => $level], 'k'),
          'client' => fn() => (new FreedomPay\Client(1, 'k', ['base_url' => 'http://127.0.0.1:1']))->initPayment(
              ['pg_order_id' => '1', 'pg_amount' => '1', 'pg_description' => 'd', 'pg_x' => $level]),
         ] as $what => $call) {
    try {
        $call();
        echo "$what: returned\n";
    } catch (FreedomPay\InvalidArgumentException $e) {
        echo "$what: ", $e->getMessage(), "\n";
    }
}
// A wide but real receipt is well within the bound.
$receipt = [];
for ($i = 0; $i < 2000; $i++) {
    $receipt[] = ['name' => "item $i", 'price' => '1.00', 'count' => 1, 'tax' => 0];
}
echo "2,000 receipt positions: ", strlen(Signature::sign('s', ['pg_receipt_positions' => $receipt], 'k')), " hex digits\n";
echo "peak memory under 64 MB: ", memory_get_peak_usage() < 64 << 20 ? 'yes' : 'no', "\n";

// The same shape again (remembered), with a value that cannot be a string: the message names it.
function order(mixed $amount): array { return ['pg_merchant_id' => 1, 'pg_amount' => $amount, 'pg_salt' => 'x']; }
Signature::sign('s', order('10'), 'k');
try {
    Signature::sign('s', order(STDIN), 'k');
} catch (FreedomPay\InvalidArgumentException $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECT--
bool(true)
bool(false)
sign: Parameters hold more than 100000 fields (or 16 MB of field names) once nested arrays are flattened
verify: Parameters hold more than 100000 fields (or 16 MB of field names) once nested arrays are flattened
canonical: Parameters hold more than 100000 fields (or 16 MB of field names) once nested arrays are flattened
sign, numeric keys: Parameters hold more than 100000 fields (or 16 MB of field names) once nested arrays are flattened
client: Parameters hold more than 100000 fields (or 16 MB of field names) once nested arrays are flattened
2,000 receipt positions: 32 hex digits
peak memory under 64 MB: yes
Parameter "pg_amount" must be a scalar, null or Stringable, resource given
