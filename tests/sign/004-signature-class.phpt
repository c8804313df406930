--TEST--
Signature is final and static-only; secrets are #[\SensitiveParameter]
--EXTENSIONS--
freedompay
--FILE--
<?php
$r = new ReflectionClass(FreedomPay\Signature::class);
var_dump($r->isFinal());
foreach (['sign', 'verify'] as $m) {
    $p = $r->getMethod($m)->getParameters()[2];
    echo $m, ' $', $p->getName(), ' sensitive: ',
        count($p->getAttributes(SensitiveParameter::class)) === 1 ? 'yes' : 'no', "\n";
}
try {
    new FreedomPay\Signature();
} catch (Error $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
try {
    serialize($r->newInstanceWithoutConstructor());
} catch (Exception $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
?>
--EXPECT--
bool(true)
sign $secretKey sensitive: yes
verify $secretKey sensitive: yes
Error: Call to private FreedomPay\Signature::__construct() from global scope
Exception: Serialization of 'FreedomPay\Signature' is not allowed
