--TEST--
Client: constructor arguments and options are checked, each error names the field
--EXTENSIONS--
freedompay
--FILE--
<?php
require dirname(__DIR__) . '/inc/sandbox.inc';
use FreedomPay\Client;

$ok = fn(array $o) => new Client(500001, 'secret', $o);
$cases = [
    'merchant 0' => fn() => new Client(0, 'secret'),
    'merchant -5' => fn() => new Client(-5, 'secret'),
    'merchant "12a"' => fn() => new Client('12a', 'secret'),
    'merchant ""' => fn() => new Client('', 'secret'),
    'merchant "007"' => fn() => new Client('007', 'secret'),
    'empty secret' => fn() => new Client(500001, ''),
    'unknown option' => fn() => $ok(['timeuot' => 5]),
    'int key' => fn() => $ok([5]),
    'region xx' => fn() => $ok(['region' => 'xx']),
    'base_url int' => fn() => $ok(['base_url' => 5]),
    'base_url ftp' => fn() => $ok(['base_url' => 'ftp://api.freedompay.kz']),
    'base_url http remote' => fn() => $ok(['base_url' => 'http://api.freedompay.kz']),
    'base_url credentials' => fn() => $ok(['base_url' => 'https://user:pw@api.freedompay.kz']),
    'base_url query' => fn() => $ok(['base_url' => 'https://api.freedompay.kz/?a=b']),
    'testing_mode 1' => fn() => $ok(['testing_mode' => 1]),
    'timeout "5"' => fn() => $ok(['timeout' => '5']),
    'timeout 0' => fn() => $ok(['timeout' => 0]),
    'timeout -1' => fn() => $ok(['timeout' => -1.0]),
    'timeout INF' => fn() => $ok(['timeout' => INF]),
    'timeout NAN' => fn() => $ok(['timeout' => NAN]),
    'connect_timeout 0' => fn() => $ok(['connect_timeout' => 0.0]),
    'retries -1' => fn() => $ok(['retries' => -1]),
    'retries 1.5' => fn() => $ok(['retries' => 1.5]),
    'payout_secret_key ""' => fn() => $ok(['payout_secret_key' => '']),
    'payout_secret_key 5' => fn() => $ok(['payout_secret_key' => 5]),
    'ca_info missing file' => fn() => $ok(['ca_info' => '/nonexistent/ca.pem']),
    'user_agent with newline' => fn() => $ok(['user_agent' => "x\r\nX-Injected: 1"]),
    'base_url port abc' => fn() => $ok(['base_url' => 'https://api.freedompay.kz:abc']),
    'base_url port 99999' => fn() => $ok(['base_url' => 'http://127.0.0.1:99999']),
    'base_url port 0' => fn() => $ok(['base_url' => 'http://127.0.0.1:0/']),
    'base_url empty port' => fn() => $ok(['base_url' => 'http://127.0.0.1:']),
    'base_url space' => fn() => $ok(['base_url' => 'https://api.freedompay.kz/a b']),
    'proxy ftp' => fn() => $ok(['proxy' => 'ftp://proxy.example:21']),
    'proxy no scheme' => fn() => $ok(['proxy' => 'proxy.example:3128']),
    'proxy path' => fn() => $ok(['proxy' => 'http://proxy.example:3128/x']),
    'proxy bad port' => fn() => $ok(['proxy' => 'socks5h://127.0.0.1:70000']),
    'proxy int' => fn() => $ok(['proxy' => 3128]),
    'persistent_connections 1' => fn() => $ok(['persistent_connections' => 1]),
];
foreach ($cases as $name => $fn) {
    echo str_pad($name, 24), ' ';
    throws($fn);
}

// What is accepted.
foreach ([
    [500001, []],
    ['500001', ['region' => 'kg', 'testing_mode' => true, 'timeout' => 2.5, 'connect_timeout' => 1, 'retries' => 0]],
    [500001, ['base_url' => 'http://127.0.0.1:8080/', 'region' => 'uz']],
    [500001, ['base_url' => 'http://localhost:1', 'ca_info' => __FILE__, 'user_agent' => 'MyShop/1.0']],
    [500001, ['base_url' => 'https://test-api.freedompay.kz']],
    [500001, ['base_url' => 'https://api.freedompay.kz:8443/gw', 'proxy' => 'http://user:pw@proxy.example:3128']],
    [500001, ['base_url' => 'http://[::1]:65535', 'proxy' => null]],
] as [$id, $options]) {
    $d = print_r(new Client($id, 'secret', $options), true);
    preg_match('/\[baseUrl\] => (\S+)/', $d, $m);
    echo "accepted: ", $m[1], "\n";
}

// Calling the constructor again: a failure leaves the client as it was.
$c = new Client(500001, 'secret', ['base_url' => 'http://127.0.0.1:1']);
throws(fn() => $c->__construct(600001, 'other', ['timeout' => 0]));
preg_match('/\[merchantId\] => (\S+)/', print_r($c, true), $m);
echo "still merchant ", $m[1], "\n";
$c->__construct(600001, 'other', ['base_url' => 'http://127.0.0.1:2', 'retries' => 0]);
preg_match('/\[merchantId\] => (\S+)/', print_r($c, true), $m);
echo "now merchant ", $m[1], "\n";
echo "default retries: ", preg_match('/\[retries\] => (\d+)/', print_r(new Client(1, 's'), true), $m) ? $m[1] : '?', "\n";
// The proxy's password is never shown.
echo "proxy shown as: ", preg_match('/\[proxy\] => (\S+)/', print_r(new Client(1, 's', ['proxy' => 'http://user:pw@proxy.example:3128']), true), $m) ? $m[1] : '?', "\n";
// Two clients are equal only when they are one object (a client has no properties to compare).
$a = new Client(500001, 'secret');
$b = new Client(500001, 'secret');
var_dump($a == $b, $a == $a, $a != $b, $a === $a);
?>
--EXPECT--
merchant 0               FreedomPay\InvalidArgumentException: merchantId must be a positive integer (the shop's number in FreedomPay)
merchant -5              FreedomPay\InvalidArgumentException: merchantId must be a positive integer (the shop's number in FreedomPay)
merchant "12a"           FreedomPay\InvalidArgumentException: merchantId must be a positive integer (the shop's number in FreedomPay)
merchant ""              FreedomPay\InvalidArgumentException: merchantId must be a positive integer (the shop's number in FreedomPay)
merchant "007"           FreedomPay\InvalidArgumentException: merchantId must be a positive integer (the shop's number in FreedomPay)
empty secret             FreedomPay\InvalidArgumentException: secretKey must not be empty
unknown option           FreedomPay\InvalidArgumentException: Unknown option "timeuot" (known: region, base_url, testing_mode, payout_secret_key, timeout, connect_timeout, retries, ca_info, user_agent, proxy, persistent_connections)
int key                  FreedomPay\InvalidArgumentException: Unknown option 0: options are keyed by name
region xx                FreedomPay\InvalidArgumentException: Option "region" must be "kz", "kg" or "uz"
base_url int             FreedomPay\InvalidArgumentException: Option "base_url" must be a string, int given
base_url ftp             FreedomPay\InvalidArgumentException: Option "base_url" must be an http(s) URL without query, fragment or credentials, such as https://api.freedompay.kz
base_url http remote     FreedomPay\InvalidArgumentException: Option "base_url" must use https (plain http is allowed only for 127.0.0.1, localhost and [::1], e.g. the sandbox)
base_url credentials     FreedomPay\InvalidArgumentException: Option "base_url" must be an http(s) URL without query, fragment or credentials, such as https://api.freedompay.kz
base_url query           FreedomPay\InvalidArgumentException: Option "base_url" must be an http(s) URL without query, fragment or credentials, such as https://api.freedompay.kz
testing_mode 1           FreedomPay\InvalidArgumentException: Option "testing_mode" must be a bool, int given
timeout "5"              FreedomPay\InvalidArgumentException: Option "timeout" must be a number of seconds (int or float), string given
timeout 0                FreedomPay\InvalidArgumentException: Option "timeout" must be between 0.001 and 3600 seconds
timeout -1               FreedomPay\InvalidArgumentException: Option "timeout" must be between 0.001 and 3600 seconds
timeout INF              FreedomPay\InvalidArgumentException: Option "timeout" must be between 0.001 and 3600 seconds
timeout NAN              FreedomPay\InvalidArgumentException: Option "timeout" must be between 0.001 and 3600 seconds
connect_timeout 0        FreedomPay\InvalidArgumentException: Option "connect_timeout" must be between 0.001 and 3600 seconds
retries -1               FreedomPay\InvalidArgumentException: Option "retries" must be an int from 0 to 10
retries 1.5              FreedomPay\InvalidArgumentException: Option "retries" must be an int from 0 to 10
payout_secret_key ""     FreedomPay\InvalidArgumentException: Option "payout_secret_key" must not be empty
payout_secret_key 5      FreedomPay\InvalidArgumentException: Option "payout_secret_key" must be a string, int given
ca_info missing file     FreedomPay\InvalidArgumentException: Option "ca_info": cannot read /nonexistent/ca.pem
user_agent with newline  FreedomPay\InvalidArgumentException: Option "user_agent" must be a string without line breaks
base_url port abc        FreedomPay\InvalidArgumentException: Option "base_url" has a bad port: it must be a number from 1 to 65535
base_url port 99999      FreedomPay\InvalidArgumentException: Option "base_url" has a bad port: it must be a number from 1 to 65535
base_url port 0          FreedomPay\InvalidArgumentException: Option "base_url" has a bad port: it must be a number from 1 to 65535
base_url empty port      FreedomPay\InvalidArgumentException: Option "base_url" has a bad port: it must be a number from 1 to 65535
base_url space           FreedomPay\InvalidArgumentException: Option "base_url" must be an http(s) URL without query, fragment or credentials, such as https://api.freedompay.kz
proxy ftp                FreedomPay\InvalidArgumentException: Option "proxy" must be a proxy URL such as http://proxy.example:3128 or socks5h://127.0.0.1:1080
proxy no scheme          FreedomPay\InvalidArgumentException: Option "proxy" must be a proxy URL such as http://proxy.example:3128 or socks5h://127.0.0.1:1080
proxy path               FreedomPay\InvalidArgumentException: Option "proxy" must not have a path
proxy bad port           FreedomPay\InvalidArgumentException: Option "proxy" has a bad port: it must be a number from 1 to 65535
proxy int                FreedomPay\InvalidArgumentException: Option "proxy" must be a string, int given
persistent_connections 1 FreedomPay\InvalidArgumentException: Option "persistent_connections" must be a bool, int given
accepted: https://api.freedompay.kz
accepted: https://api.freedompay.kg
accepted: http://127.0.0.1:8080
accepted: http://localhost:1
accepted: https://test-api.freedompay.kz
accepted: https://api.freedompay.kz:8443/gw
accepted: http://[::1]:65535
FreedomPay\InvalidArgumentException: Option "timeout" must be between 0.001 and 3600 seconds
still merchant 500001
now merchant 600001
default retries: 1
proxy shown as: http://***@proxy.example:3128
bool(false)
bool(true)
bool(true)
bool(true)
