--TEST--
Signature: a request of a remembered shape, signed again with other values, other value kinds and its buckets moved, gives the documentation snippet's signature every time
--EXTENSIONS--
freedompay
--FILE--
<?php
/*
 * The signer remembers the last request shape (its keys, in one array
 * literal's order) and, while an array of that shape keeps its keys in the
 * same buckets, writes its values in sorted order in one pass. This walks
 * that path and every way out of it: integers of every length and sign,
 * strings up to and past the signer's 1 kB buffer, floats, booleans, nulls,
 * references, Stringable objects, a key unset and added again (its bucket
 * moves), a deleted bucket left behind, an added pg_sig, an extra key.
 */
use FreedomPay\Signature;

function snippet(string $script, array $params, string $secret): string
{
    unset($params['pg_sig']);
    ksort($params);
    array_unshift($params, $script);
    $params[] = $secret;
    return md5(implode(';', $params));
}

class Amount
{
    public function __construct(private string $v) {}
    public function __toString(): string { return $this->v; }
}

// Always the same literal, so always the same key strings: the remembered shape.
function request(mixed $merchant, mixed $amount, mixed $order, mixed $text): array
{
    return ['pg_merchant_id' => $merchant, 'pg_amount' => $amount, 'pg_order_id' => $order,
            'pg_description' => $text, 'pg_salt' => 'salt'];
}

$ints = [0, 7, 9, 10, 99, 100, 999, 1000, 9999, 10000, 99999, 100000, 123456789, 9999999999999,
         10000000000000000, PHP_INT_MAX, -1, -9, -10, -10000, PHP_INT_MIN];
$strings = ['', 'a', 'ab', 'abc', 'abcd', 'abcdefg', 'abcdefgh', str_repeat('x', 15), str_repeat('y', 16),
            str_repeat('z', 17), str_repeat('w', 31), str_repeat('v', 32), str_repeat('u', 33),
            "Оплата заказа №17", str_repeat('é', 300), str_repeat('k', 1000), str_repeat('q', 5000)];
$others = [1.5, 0.1, -0.0, 1e25, true, false, null];

mt_srand(20261123);
$pick = function () use ($ints, $strings, $others): mixed {
    $r = mt_rand(0, 9);
    if ($r < 4) {
        return $ints[array_rand($ints)];
    }
    if ($r < 8) {
        return $strings[array_rand($strings)];
    }
    return $others[array_rand($others)];
};

$checked = 0;
$bad = [];
for ($i = 0; $i < 4000; $i++) {
    $p = request($pick(), $pick(), $pick(), $pick());
    switch ($i % 10) {
        case 1: // a key unset and added again: its bucket moves to the end
            $v = $p['pg_amount'];
            unset($p['pg_amount']);
            $p['pg_amount'] = $v;
            break;
        case 2: // a deleted bucket left behind by an extra key
            $p['extra'] = 'e';
            unset($p['extra']);
            break;
        case 3: // a value behind a reference
            $ref = $pick();
            $p['pg_description'] = &$ref;
            break;
        case 4: // user code
            $p['pg_amount'] = new Amount((string) mt_rand(1, 99999));
            break;
        case 5: // one more key
            $p['pg_currency'] = 'KZT';
            break;
        case 6: // a pg_sig, which is never signed
            $p['pg_sig'] = 'whatever';
            break;
        case 7: // a value changed in place
            $p['pg_salt'] = bin2hex(random_bytes(8));
            break;
    }
    $ours = Signature::sign('init_payment.php', $p, 'secret');
    $want = snippet('init_payment.php', $p, 'secret');
    if ($ours !== $want) {
        $bad[] = var_export($p, true);
    }
    $p['pg_sig'] = $ours;
    if (!Signature::verify('init_payment.php', $p, 'secret')) {
        $bad[] = 'verify: ' . var_export($p, true);
    }
    unset($ref);
    $checked++;
}
echo "$checked requests, ", count($bad), " disagreements\n";
foreach (array_slice($bad, 0, 3) as $b) {
    echo $b, "\n";
}

// Values too long for the buffer in one piece, then short again: the same shape throughout.
foreach ([900, 1019, 1020, 1021, 1022, 1024, 1100, 10] as $len) {
    $p = request(PHP_INT_MIN, str_repeat('1', $len), PHP_INT_MAX, 'd');
    echo $len, ': ', Signature::sign('s', $p, 'k') === snippet('s', $p, 'k') ? 'same' : 'DIFFERENT', "\n";
}

// Every way to run out of the 1 kB buffer at the last byte: the script name
// takes all but a few bytes, and the value that no longer fits is an integer
// of the longest kind, a string or a boolean. Each request is signed twice,
// so the second signature finds its shape and layout remembered. (The CI
// runs this under valgrind and ASan, which see a write one byte too far.)
$wrong = 0;
$signed = 0;
foreach ([PHP_INT_MIN, PHP_INT_MAX, -1, 0, true, false, null, '', 'x', str_repeat('s', 20), str_repeat('t', 40)] as $last) {
    for ($room = 0; $room <= 64; $room++) {
        $p = ['pg_a' => 'a', 'pg_b' => 12, 'pg_z' => $last];
        $script = str_repeat('n', 1024 - $room - strlen(';a;12'));
        for ($k = 0; $k < 2; $k++) {
            $wrong += Signature::sign($script, $p, 'k') !== snippet($script, $p, 'k');
            $signed++;
        }
    }
}
echo "$signed signatures at the buffer's end, $wrong wrong\n";
?>
--EXPECT--
4000 requests, 0 disagreements
900: same
1019: same
1020: same
1021: same
1022: same
1024: same
1100: same
10: same
1430 signatures at the buffer's end, 0 wrong
