--TEST--
Signature: a value that cannot become a string throws InvalidArgumentException naming the key; no warnings
--EXTENSIONS--
freedompay
--FILE--
<?php
use FreedomPay\Signature;

enum Suit { case Hearts; }
class Boom { public function __toString(): string { throw new LogicException('toString failed'); } }

$fp = fopen('php://memory', 'r');
$deep = 'leaf';
for ($i = 0; $i < 40; $i++) {
    $deep = ['n' => $deep];
}
$self = ['a' => 1];
$self['self'] = &$self;

$cases = [
    'object' => ['pg_amount' => 1, 'pg_x' => new stdClass],
    'enum' => ['pg_x' => Suit::Hearts],
    'resource' => ['pg_file' => $fp],
    'closure' => [7 => fn() => 1],
    'nested object' => ['pg_receipt_positions' => [['name' => 'ok'], ['name' => new stdClass]]],
    'nested resource' => ['a' => ['b' => ['c' => $fp]]],
    'throwing __toString' => ['pg_x' => new Boom],
    'too deep' => ['pg_deep' => $deep],
    'self reference' => $self,
];
foreach ($cases as $name => $params) {
    foreach (['sign', 'verify', 'canonical'] as $method) {
        try {
            $method === 'canonical' ? Signature::canonical('s', $params) : Signature::$method('s', $params + ['pg_sig' => str_repeat('0', 32)], 'K');
            echo "$name/$method: no exception\n";
        } catch (Throwable $e) {
            if ($method === 'sign') {
                printf("%s: %s: %s\n", $name, get_class($e), $e->getMessage());
                if ($e instanceof FreedomPay\InvalidArgumentException && !($e instanceof \InvalidArgumentException && $e instanceof FreedomPay\Exception)) {
                    echo "  wrong hierarchy\n";
                }
            } elseif (get_class($e) !== ($last ?? null)) {
                echo "$name/$method: different exception ", get_class($e), "\n";
            }
            $last = get_class($e);
        }
    }
    unset($last);
}
// Break the reference cycle so that valgrind sees no (PHP-level) leak.
$self['self'] = null;
unset($cases, $self);
echo "done\n";
?>
--EXPECT--
object: FreedomPay\InvalidArgumentException: Parameter "pg_x" must be a scalar, null or Stringable, stdClass given
enum: FreedomPay\InvalidArgumentException: Parameter "pg_x" must be a scalar, null or Stringable, Suit given
resource: FreedomPay\InvalidArgumentException: Parameter "pg_file" must be a scalar, null or Stringable, resource given
closure: FreedomPay\InvalidArgumentException: Parameter "7" must be a scalar, null or Stringable, Closure given
nested object: FreedomPay\InvalidArgumentException: Parameter "pg_receipt_positions[1][name]" must be a scalar, null or Stringable, stdClass given
nested resource: FreedomPay\InvalidArgumentException: Parameter "a[b][c]" must be a scalar, null or Stringable, resource given
throwing __toString: LogicException: toString failed
too deep: FreedomPay\InvalidArgumentException: Parameter "pg_deep[n][n][n][n][n][n][n][n][n][n][n][n][n][n][n][n][n][n][n][n][n][n][n][n][n][n][n][n][n][n][n][n]" is nested too deeply (more than 32 levels)
self reference: FreedomPay\InvalidArgumentException: Parameter "self[self][self][self][self][self][self][self][self][self][self][self][self][self][self][self][self][self][self][self][self][self][self][self][self][self][self][self][self][self][self][self][self]" is nested too deeply (more than 32 levels)
done
