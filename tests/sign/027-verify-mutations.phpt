--TEST--
Signature::verify: 1,000,000 single-byte mutations of signed requests (10,000 under valgrind and ASan), of a value, the salt, the pg_sig, the script name or the secret, and none is accepted; a missing, empty or malformed pg_sig never is
--EXTENSIONS--
freedompay
--FILE--
<?php
/*
 * Fail-closed verification (reliability goal 3). Each case changes one byte
 * of something the signature covers, to another byte, and verify() must say
 * no; the unchanged request must still say yes, so a verify() that refused
 * everything fails here too. Field names are not mutated: the protocol signs
 * values in key order, not names, so a renamed key that keeps its place is
 * legitimately the same signature.
 */
use FreedomPay\Signature;

mt_srand(20261123);
$n = getenv('USE_ZEND_ALLOC') === '0' ? 10000 : 1000000;

$requests = [];
for ($r = 0; $r < 64; $r++) {
    $p = ['pg_merchant_id' => (string) mt_rand(1, 999999), 'pg_amount' => mt_rand(1, 99999) . '.00',
          'pg_order_id' => 'order-' . mt_rand(), 'pg_description' => str_repeat(chr(mt_rand(32, 126)), mt_rand(0, 40)),
          'pg_salt' => bin2hex(random_bytes(mt_rand(1, 16)))];
    if ($r % 2) {
        $p['pg_user_phone'] = (string) mt_rand(70000000000, 79999999999);
    }
    $script = ['init_payment.php', 'get_status3.php', 'result', 'check'][$r % 4];
    $secret = bin2hex(random_bytes(8));
    $p['pg_sig'] = Signature::sign($script, $p, $secret);
    if (!Signature::verify($script, $p, $secret)) {
        echo "request $r: its own signature is refused\n";
    }
    $requests[] = [$script, $p, $secret];
}

/** $s with the byte at a random position replaced by a different random byte. */
function mutate(string $s): string
{
    if ($s === '') {
        return chr(mt_rand(0, 255));
    }
    $at = mt_rand(0, strlen($s) - 1);
    $s[$at] = chr((ord($s[$at]) + mt_rand(1, 255)) % 256);
    return $s;
}

$accepted = 0;
$kinds = [];
for ($i = 0; $i < $n; $i++) {
    [$script, $p, $secret] = $requests[$i & 63];
    $what = mt_rand(0, 9);
    if ($what < 6) {
        $keys = array_keys($p);
        $key = $keys[mt_rand(0, count($keys) - 1)]; // a value, the salt or the pg_sig
        $p[$key] = mutate((string) $p[$key]);
        $kind = $key === 'pg_sig' ? 'pg_sig' : ($key === 'pg_salt' ? 'salt' : 'value');
    } elseif ($what < 8) {
        $script = mutate($script);
        $kind = 'script';
    } else {
        $secret = mutate($secret);
        $kind = 'secret';
    }
    $kinds[$kind] = ($kinds[$kind] ?? 0) + 1;
    if (Signature::verify($script, $p, $secret)) {
        $accepted++;
        if ($accepted <= 3) {
            var_dump($script, $p);
        }
    }
}
ksort($kinds);
printf("%s single-byte mutations, %d accepted\n", $n === 1000000 ? '1,000,000' : '10,000', $accepted);
echo "every kind mutated: ", implode(', ', array_keys($kinds)), "\n";

// No pg_sig, an empty one, the right one in other case or with a byte more or less, not a string.
[$script, $p, $secret] = $requests[0];
$good = $p['pg_sig'];
$bad = ['missing' => null, 'empty' => '', 'upper case' => strtoupper($good), 'one digit more' => $good . '0',
        'one digit less' => substr($good, 0, 31), 'spaces around' => " $good ", 'an array' => [$good],
        'an integer' => 0, 'null' => 'NULL'];
foreach ($bad as $label => $sig) {
    $q = $p;
    if ($sig === null) {
        unset($q['pg_sig']);
    } else {
        $q['pg_sig'] = $sig;
    }
    echo "$label: ", Signature::verify($script, $q, $secret) ? 'ACCEPTED' : 'refused', "\n";
}
?>
--EXPECTF--
%s single-byte mutations, 0 accepted
every kind mutated: pg_sig, salt, script, secret, value
missing: refused
empty: refused
upper case: refused
one digit more: refused
one digit less: refused
spaces around: refused
an array: refused
an integer: refused
null: refused
