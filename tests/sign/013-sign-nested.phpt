--TEST--
Signature: nested arrays are signed as makeFlatParamsArray() + the snippet, including the renumbering quirks of array_merge()
--EXTENSIONS--
freedompay
--FILE--
<?php
require dirname(__DIR__) . '/inc/sign_reference.inc';
use FreedomPay\Signature;

$cases = [
    'receipt positions' => ['pg_amount' => 25, 'pg_receipt_positions' => [
        ['count' => 2, 'name' => 'Mouse pad', 'price' => 1000, 'tax_type' => 0],
        ['count' => 1, 'name' => 'Cable', 'price' => 500, 'tax_type' => 0]], 'pg_salt' => 'x'],
    'int keys inside' => ['a' => [5 => 'five', 1 => 'one', 'k' => ['x', 'y']]],
    'deep' => ['a' => ['b' => ['c' => ['d' => ['e' => 'deep']]]], 'z' => 'top'],
    'pg_sig nested' => ['a' => ['pg_sig' => 'skip', 'b' => 'keep'], 'pg_sig' => 'top'],
    'pg_sig counted' => ['pg_sig' => 'x', 'p1' => ['q' => 'v'], 'p10' => 'w'],
    'empty nested' => ['a' => [], 'b' => 'x', 'c' => [[]]],
    'int-like names' => [5 => ['x', 'y'], '1' => [0 => 'zero', 1 => 'one'], 2 => 'two'],
    'renumbered' => [1 => [0 => 'a', 1 => ['b', 'c']], 'k' => 'v', 3 => [2 => 'd']],
    'negative' => [-3 => ['p', 'q'], 'x' => 'y'],
    'list at top' => [['a', 'b'], ['c']],
    'values in nests' => ['a' => [true, false, null, 1.5, -7, new RefStringable('s')]],
];
foreach ($cases as $name => $params) {
    $canonical = Signature::canonical('s', $params);
    $expected = substr(ref_joined('s', $params, 'K'), 0, -1) . '***';
    $ok = $canonical === $expected && Signature::sign('s', $params, 'K') === ref_sign('s', $params, 'K');
    printf("%-17s %s %s\n", $name, $ok ? 'ok' : 'MISMATCH', json_encode($canonical));
}
// The flattened names are what orders the values: "p1" + "002" sorts after "p10" + "003".
var_dump(array_keys(ref_make_flat_params_array(['pg_sig' => 'x', 'p1' => ['q' => 'v'], 'p10' => 'w'])));
?>
--EXPECT--
receipt positions ok "s;25;2;Mouse pad;1000;0;1;Cable;500;0;x;***"
int keys inside   ok "s;one;five;x;y;***"
deep              ok "s;deep;top;***"
pg_sig nested     ok "s;keep;***"
pg_sig counted    ok "s;w;v;***"
empty nested      ok "s;x;***"
int-like names    ok "s;x;y;zero;one;two;***"
renumbered        ok "s;a;b;c;d;v;***"
negative          ok "s;p;q;y;***"
list at top       ok "s;c;a;b;***"
values in nests   ok "s;1;;;1.5;-7;s;***"
array(2) {
  [0]=>
  string(9) "p1002q001"
  [1]=>
  string(6) "p10003"
}
