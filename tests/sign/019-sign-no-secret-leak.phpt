--TEST--
Signature: the secret key is a #[\SensitiveParameter]: traces of exceptions from sign() and verify() never show it
--EXTENSIONS--
freedompay
--INI--
zend.exception_ignore_args=0
--FILE--
<?php
$secret = 'CANARY-' . bin2hex(random_bytes(8));
$texts = [];
foreach (['sign', 'verify'] as $m) {
    try {
        FreedomPay\Signature::$m('s', ['pg_x' => new stdClass, 'pg_sig' => str_repeat('0', 32)], $secret);
    } catch (FreedomPay\Exception $e) {
        $texts[] = $e->getMessage();
        $texts[] = (string) $e;
        $texts[] = $e->getTraceAsString();
        $texts[] = print_r($e->getTrace(), true);
        echo get_class($e->getTrace()[0]['args'][2]), "\n";
    }
}
echo str_contains(implode("\n", $texts), $secret) ? "LEAKED\n" : "not leaked\n";
// Without the attribute the argument would be there: the check can fail.
function plain($s) { throw new Exception('x'); }
try { plain($secret); } catch (Exception $e) { echo str_contains(print_r($e->getTrace(), true), $secret) ? "plain function shows it\n" : "?\n"; }
?>
--EXPECT--
SensitiveParameterValue
SensitiveParameterValue
not leaked
plain function shows it
