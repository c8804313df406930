--TEST--
The exception hierarchy of design.md
--EXTENSIONS--
freedompay
--FILE--
<?php
use FreedomPay as F;

$expect = [
    F\InvalidArgumentException::class => \InvalidArgumentException::class,
    F\TransportException::class => \RuntimeException::class,
    F\OutcomeUnknownException::class => F\TransportException::class,
    F\SignatureException::class => \RuntimeException::class,
    F\CallbackMismatchException::class => F\SignatureException::class,
    F\ApiException::class => \RuntimeException::class,
];
var_dump(interface_exists(F\Exception::class));
var_dump(is_subclass_of(F\Exception::class, \Throwable::class));
foreach ($expect as $class => $parent) {
    $r = new ReflectionClass($class);
    printf("%s extends %s, implements FreedomPay\\Exception: %s, final: %s\n",
        $class, $r->getParentClass()->getName(),
        $r->implementsInterface(F\Exception::class) ? 'yes' : 'no',
        $r->isFinal() ? 'yes' : 'no');
    if ($r->getParentClass()->getName() !== $parent) {
        echo "WRONG PARENT\n";
    }
}

// ApiException carries the gateway's code and reply.
$e = new F\ApiException('Transaction not found', 340);
var_dump($e->getErrorCode(), $e->getResponse(), $e->getCode());

// OutcomeUnknownException names the order whose outcome is unknown (null for a call without one).
$e = new F\OutcomeUnknownException('lost');
var_dump($e->getOrderId(), $e instanceof F\TransportException);

// Catchable by the marker interface.
try {
    throw new F\TransportException('x');
} catch (F\Exception $e) {
    echo get_class($e), " caught as FreedomPay\\Exception\n";
}
?>
--EXPECT--
bool(true)
bool(true)
FreedomPay\InvalidArgumentException extends InvalidArgumentException, implements FreedomPay\Exception: yes, final: no
FreedomPay\TransportException extends RuntimeException, implements FreedomPay\Exception: yes, final: no
FreedomPay\OutcomeUnknownException extends FreedomPay\TransportException, implements FreedomPay\Exception: yes, final: no
FreedomPay\SignatureException extends RuntimeException, implements FreedomPay\Exception: yes, final: no
FreedomPay\CallbackMismatchException extends FreedomPay\SignatureException, implements FreedomPay\Exception: yes, final: no
FreedomPay\ApiException extends RuntimeException, implements FreedomPay\Exception: yes, final: no
int(0)
array(0) {
}
int(340)
NULL
bool(true)
FreedomPay\TransportException caught as FreedomPay\Exception
