--TEST--
Signature and Client: a __toString that reassigns, unsets or frees values while the params are walked changes nothing but what the docs' snippet would see
--EXTENSIONS--
freedompay
--FILE--
<?php
/*
 * Regression: such a __toString crashed sign(), verify(), canonical() and
 * Client::request(), or made canonical() return freed memory, on three
 * paths: mixed integer and string keys, nested arrays reached through a
 * reference, and the Client's normalisation of nested params. Run under
 * valgrind and ASan by the CI, this test also proves nothing freed is read.
 * Each case is built twice, fresh: once for the docs' PHP (the reference),
 * once for the extension; both must see the same values in the same order.
 */
require dirname(__DIR__) . '/inc/sign_reference.inc';
require dirname(__DIR__) . '/inc/sandbox.inc';
use FreedomPay\Signature;

final class Hook
{
    public function __construct(private Closure $then, private string $text) {}
    public function __toString(): string { ($this->then)(); return $this->text; }
}

function heap(string $s): string { return $s . str_repeat('.', 40) . random_int(1000, 9999) * 0; } // not interned

$cases = [
    // mixed keys: the integer key sorts first, its __toString reassigns a later value
    'mixed keys, reassigned' => function () {
        $later = heap('before');
        return [12 => new Hook(function () use (&$later) { $later = heap('after'); }, 'int-key'),
            'pg_b' => &$later, 'pg_a' => heap('a'), 7 => 'seven'];
    },
    // the value being converted is released by its own __toString
    'object freed by itself' => function () {
        $obj = null;
        $obj = new Hook(function () use (&$obj) { $obj = null; }, 'self');
        return [3 => 'x', 'pg_o' => &$obj, 'pg_z' => heap('z')];
    },
    // unset of the caller's array and of a referenced variable
    'unset' => function () {
        $v = heap('kept');
        $p = ['pg_q' => &$v, 'pg_p' => heap('p')];
        $p[5] = new Hook(function () use (&$p, &$v) { unset($p['pg_q'], $v); $p['new'] = heap('n'); }, 'u');
        return $p;
    },
    // a nested array reached through a reference, replaced while it is walked
    'nested through a reference' => function () {
        $count = heap('1');
        $positions = [];
        $positions = [
            ['count' => &$count, 'name' => new Hook(function () use (&$positions, &$count) {
                $positions = heap('gone');
                $count = heap('2');
            }, 'Book'), 'price' => heap('10.00'), 'tax_type' => 0],
            ['count' => &$count, 'name' => heap('Pen'), 'price' => '2', 'tax_type' => 0],
        ];
        return ['pg_amount' => '12', 'pg_receipt_positions' => &$positions, 'pg_description' => heap('d')];
    },
    // a nested array element whose conversion empties its parent
    'nested, parent emptied' => function () {
        $list = [];
        $list = [heap('a'), new Hook(function () use (&$list) { $list = []; }, 'b'), heap('c')];
        return ['x' => ['y' => &$list], 'pg_sig' => 'removed first'];
    },
];

foreach ($cases as $name => $build) {
    $reference = ref_joined('init_payment.php', $build(), 'secret');
    $sig = Signature::sign('init_payment.php', $build(), 'secret');
    $canonical = Signature::canonical('init_payment.php', $build());
    $withSig = $build();
    $withSig['pg_sig'] = $sig;
    $verified = Signature::verify('init_payment.php', $withSig, 'secret');
    printf("%-28s sign %s, canonical %s, verify %s\n", $name, $sig === md5($reference) ? 'ok' : 'DIFFERS',
        $canonical === substr($reference, 0, -strlen('secret')) . '***' ? 'ok' : "DIFFERS: $canonical",
        $verified ? 'ok' : 'FAILED');
    gc_collect_cycles(); // the cases' own closures hold references to their arrays
}

// The Client's normalisation: the sandbox checks the signature with the docs' PHP
// (340: signature accepted, no such payment).
$sandbox = new SandboxServer();
$client = $sandbox->client(['retries' => 0]);
foreach (['nested through a reference', 'nested, parent emptied', 'mixed keys, reassigned'] as $name) {
    $p = $cases[$name]();
    unset($p['pg_amount'], $p[12], $p[7]);
    $p['pg_payment_id'] = '77';
    try {
        $client->request('get_status3.php', $p);
        echo "$name: no exception\n";
    } catch (FreedomPay\ApiException $e) {
        echo "client, $name: signature accepted by the gateway (", $e->getErrorCode(), ")\n";
    }
}

// A __toString that throws: its exception comes out, nothing leaks.
$bad = ['a' => new Hook(function () { throw new RuntimeException('from __toString'); }, 'x'), 'b' => ['c' => 1]];
foreach (['sign' => fn() => Signature::sign('s', $bad, 'k'), 'request' => fn() => $client->request('get_status3.php', $bad + ['pg_payment_id' => 1])] as $what => $fn) {
    try {
        $fn();
    } catch (RuntimeException $e) {
        echo "$what: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}
unset($cases, $bad, $p, $e);
gc_collect_cycles();
?>
--EXPECT--
mixed keys, reassigned       sign ok, canonical ok, verify ok
object freed by itself       sign ok, canonical ok, verify ok
unset                        sign ok, canonical ok, verify ok
nested through a reference   sign ok, canonical ok, verify ok
nested, parent emptied       sign ok, canonical ok, verify ok
client, nested through a reference: signature accepted by the gateway (340)
client, nested, parent emptied: signature accepted by the gateway (340)
client, mixed keys, reassigned: signature accepted by the gateway (340)
sign: RuntimeException: from __toString
request: RuntimeException: from __toString
