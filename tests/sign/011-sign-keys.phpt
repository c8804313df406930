--TEST--
Signature: keys are ordered exactly as ksort() orders them (numeric strings, ints, empty, UTF-8)
--EXTENSIONS--
freedompay
--FILE--
<?php
require dirname(__DIR__) . '/inc/sign_reference.inc';
use FreedomPay\Signature;

$cases = [
    'numeric strings' => ['10' => 'ten', '9' => 'nine', '01' => 'zero-one', '1e1' => 'sci', ' 5' => 'space5',
                          '5 ' => 'five-space', '-3' => 'minus3', '1.5' => 'onehalf', 'a' => 'letter'],
    'ints and strings' => [100 => 'a', 'pg_x' => 'b', 9 => 'c', '9a' => 'd', -1 => 'e', '' => 'f'],
    'not transitive' => ['1e1' => 'x', '9' => 'y', '1f' => 'z'],
    'case and utf-8' => ['b' => 1, 'B' => 2, 'a' => 3, 'A' => 4, 'ключ' => 5, 'яблоко' => 6, '日本' => 7, 'Ключ' => 8],
    'prefixes' => ['pg_param1' => 'p1', 'pg_param10' => 'p10', 'pg_param2' => 'p2', 'pg_param' => 'p'],
    'empty key' => ['' => 'empty', 'pg_salt' => 's'],
    'binary keys' => ["a\0b" => 1, "a\0a" => 2, 'a' => 3, "a\n" => 4],
    'pg_sig ignored' => ['pg_sig' => 'ignored', 'pg_amount' => 5],
];
foreach ($cases as $name => $params) {
    $canonical = Signature::canonical('s', $params);
    $expected = substr(ref_joined('s', $params, 'K'), 0, -1) . '***';
    printf("%-17s %s %s\n", $name, $canonical === $expected ? 'ok' : 'MISMATCH', json_encode($canonical));
    if (Signature::sign('s', $params, 'K') !== ref_sign('s', $params, 'K')) {
        echo "  sign MISMATCH\n";
    }
}
// Insertion order does not matter.
$a = ['pg_b' => 1, 'pg_a' => 2, '3' => 3];
$b = array_reverse($a, true);
var_dump(Signature::sign('s', $a, 'K') === Signature::sign('s', $b, 'K'));
?>
--EXPECT--
numeric strings   ok "s;minus3;zero-one;onehalf;space5;five-space;nine;ten;sci;letter;***"
ints and strings  ok "s;f;e;c;a;d;b;***"
not transitive    ok "s;z;y;x;***"
case and utf-8    ok "s;4;2;3;1;8;5;6;7;***"
prefixes          ok "s;p;p1;p10;p2;***"
empty key         ok "s;empty;s;***"
binary keys       ok "s;3;2;1;4;***"
pg_sig ignored    ok "s;5;***"
bool(true)
