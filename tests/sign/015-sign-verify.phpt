--TEST--
Signature::verify(): true only for the exact lower-case pg_sig; false when it is missing, not a string, or wrong
--EXTENSIONS--
freedompay
--FILE--
<?php
use FreedomPay\Signature;

$params = ['pg_merchant_id' => 500001, 'pg_payment_id' => '123', 'pg_salt' => 'abc', 'x' => ['y' => 'z']];
$sig = Signature::sign('get_status3.php', $params, 'K');
$cases = [
    'correct' => $sig,
    'upper case' => strtoupper($sig),
    'one digit off' => substr($sig, 0, 31) . ($sig[31] === '0' ? '1' : '0'),
    'first digit off' => ($sig[0] === 'a' ? 'b' : 'a') . substr($sig, 1),
    '31 chars' => substr($sig, 0, 31),
    '33 chars' => $sig . '0',
    'surrounding space' => " $sig ",
    'empty' => '',
    'int' => 123,
    'null' => null,
    'array' => [$sig],
    'true' => true,
];
foreach ($cases as $name => $value) {
    printf("%-17s %s\n", $name, var_export(Signature::verify('get_status3.php', $params + ['pg_sig' => $value], 'K'), true));
}
printf("%-17s %s\n", 'missing', var_export(Signature::verify('get_status3.php', $params, 'K'), true));
printf("%-17s %s\n", 'wrong secret', var_export(Signature::verify('get_status3.php', $params + ['pg_sig' => $sig], 'k'), true));
printf("%-17s %s\n", 'wrong script', var_export(Signature::verify('get_status2.php', $params + ['pg_sig' => $sig], 'K'), true));
$changed = $params;
$changed['x']['y'] = 'Z';
printf("%-17s %s\n", 'nested changed', var_export(Signature::verify('get_status3.php', $changed + ['pg_sig' => $sig], 'K'), true));
$ref = $sig;
$byRef = $params;
$byRef['pg_sig'] = &$ref;
printf("%-17s %s\n", 'by reference', var_export(Signature::verify('get_status3.php', $byRef, 'K'), true));
?>
--EXPECT--
correct           true
upper case        false
one digit off     false
first digit off   false
31 chars          false
33 chars          false
surrounding space false
empty             false
int               false
null              false
array             false
true              false
missing           false
wrong secret      false
wrong script      false
nested changed    false
by reference      true
