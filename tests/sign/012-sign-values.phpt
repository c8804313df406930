--TEST--
Signature: values become strings exactly as implode() makes them (ints, floats under any precision, bools, null, bytes, Stringable)
--EXTENSIONS--
freedompay
--FILE--
<?php
require dirname(__DIR__) . '/inc/sign_reference.inc';
use FreedomPay\Signature;

$values = [
    'int' => [0, -1, 42, PHP_INT_MAX, PHP_INT_MIN],
    'float' => [0.1 + 0.2, 1e100, -0.0, 1.5, 100.0, 1e15, 1e-7, NAN, INF, -INF],
    'bool/null' => [true, false, null],
    'strings' => ['', 'a;b', ";;", "line\nbreak", "nul\0byte", 'кириллица', '😀', ' padded '],
    'stringable' => [new RefStringable('obj;ect'), new RefStringable('')],
];
foreach ([14, 17, 5, 0, -1] as $precision) {
    ini_set('precision', (string) $precision);
    foreach ($values as $group => $list) {
        $params = [];
        foreach ($list as $i => $v) {
            $params["k$i"] = $v;
        }
        $ok = Signature::canonical('s', $params) === substr(ref_joined('s', $params, 'K'), 0, -1) . '***'
            && Signature::sign('s', $params, 'K') === ref_sign('s', $params, 'K');
        printf("precision %2d %-10s %s\n", $precision, $group, $ok ? 'ok' : 'MISMATCH');
    }
}
ini_set('precision', '17');
echo Signature::canonical('s', ['a' => 0.1 + 0.2, 'b' => true, 'c' => false, 'd' => null, 'e' => -0.0]), "\n";
ini_set('precision', '14');
echo Signature::canonical('s', ['a' => 0.1 + 0.2, 'b' => 1e100, 'c' => 7.0]), "\n";
?>
--EXPECT--
precision 14 int        ok
precision 14 float      ok
precision 14 bool/null  ok
precision 14 strings    ok
precision 14 stringable ok
precision 17 int        ok
precision 17 float      ok
precision 17 bool/null  ok
precision 17 strings    ok
precision 17 stringable ok
precision  5 int        ok
precision  5 float      ok
precision  5 bool/null  ok
precision  5 strings    ok
precision  5 stringable ok
precision  0 int        ok
precision  0 float      ok
precision  0 bool/null  ok
precision  0 strings    ok
precision  0 stringable ok
precision -1 int        ok
precision -1 float      ok
precision -1 bool/null  ok
precision -1 strings    ok
precision -1 stringable ok
s;0.30000000000000004;1;;;-0;***
s;0.3;1.0E+100;7;***
