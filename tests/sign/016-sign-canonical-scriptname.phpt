--TEST--
Signature::canonical() hides the secret; Signature::scriptName() takes the last path segment
--EXTENSIONS--
freedompay
--FILE--
<?php
use FreedomPay\Signature;

echo Signature::canonical('get_status3.php', ['pg_salt' => 'salt', 'pg_merchant_id' => 500001, 'pg_payment_id' => 123]), "\n";
echo Signature::canonical('', []), "\n";
echo Signature::canonical('x', ['pg_sig' => 'abc']), "\n";

foreach ([
    'https://api.freedompay.kz/init_payment.php',
    'https://api.freedompay.kz/v1/merchant/1/card/init?x=1#y',
    'https://shop.kz/api/pay/result/',
    'result',
    '/api/pay/result?a=b/c',
    'https://api.freedompay.kz',
    'https://api.freedompay.kz?x=/y',
    '',
    'https://h/a#frag/x',
    '//cdn.example/x/y.php',
    'g2g/payment',
    'http://127.0.0.1:8080/get_status3.php',
    'HTTPS://API.FREEDOMPAY.KZ/REVOKE.PHP',
    'https://h/%D1%80%D0%B5/callback%201',
] as $url) {
    printf("%-58s => '%s'\n", $url, Signature::scriptName($url));
}
?>
--EXPECT--
get_status3.php;500001;123;salt;***
;***
x;***
https://api.freedompay.kz/init_payment.php                 => 'init_payment.php'
https://api.freedompay.kz/v1/merchant/1/card/init?x=1#y    => 'init'
https://shop.kz/api/pay/result/                            => ''
result                                                     => 'result'
/api/pay/result?a=b/c                                      => 'result'
https://api.freedompay.kz                                  => ''
https://api.freedompay.kz?x=/y                             => ''
                                                           => ''
https://h/a#frag/x                                         => 'a'
//cdn.example/x/y.php                                      => 'y.php'
g2g/payment                                                => 'payment'
http://127.0.0.1:8080/get_status3.php                      => 'get_status3.php'
HTTPS://API.FREEDOMPAY.KZ/REVOKE.PHP                       => 'REVOKE.PHP'
https://h/%D1%80%D0%B5/callback%201                        => 'callback%201'
