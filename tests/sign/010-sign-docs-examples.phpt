--TEST--
Signature: the worked examples of the gateway's documentation
--EXTENSIONS--
freedompay
--FILE--
<?php
use FreedomPay\Signature;

$examples = [
    // get_status3: pg_merchant_id < pg_payment_id < pg_salt
    ['get_status3.php', ['pg_payment_id' => 4567617, 'pg_salt' => 'u1aHmP4QyTxUqzXz', 'pg_merchant_id' => 500001]],
    // card storage add (seed 003)
    ['add', ['pg_merchant_id' => 500001, 'pg_user_id' => 1234, 'pg_post_link' => 'http://site.kz/post',
             'pg_back_link' => 'http://site.kz/back', 'pg_salt' => 'some random string']],
    ['list', ['pg_merchant_id' => 500001, 'pg_user_id' => 1234, 'pg_salt' => 'some random string']],
    ['remove', ['pg_merchant_id' => 500001, 'pg_user_id' => 1234, 'pg_card_token' => 'tok-1', 'pg_salt' => 'molbulak']],
    // payouts (seed 001)
    ['balance_status', ['pg_merchant_id' => 500001, 'pg_salt' => 'some random string']],
    ['exec', ['pg_merchant_id' => 500001, 'pg_payment_id' => 486456456, 'pg_salt' => 'some random string']],
    ['reg2nonreg', ['pg_merchant_id' => 500001, 'pg_amount' => 10, 'pg_order_id' => 1234,
        'pg_description' => 'Описание платежа', 'pg_post_link' => 'http://site.kz/post',
        'pg_back_link' => 'http://site.kz/back', 'pg_order_time_limit' => '2020-12-31 12:00:00',
        'pg_salt' => 'some random string']],
    // init_payment with receipt positions (makeFlatParamsArray): reference §1.3
    ['init_payment.php', ['pg_order_id' => 23, 'pg_merchant_id' => 545774, 'pg_amount' => 25,
        'pg_description' => 'test', 'pg_salt' => 'molbulak',
        'pg_receipt_positions' => [
            ['count' => 2, 'name' => 'Mouse pad', 'tax_type' => 0, 'price' => 1000],
            ['count' => 1, 'name' => 'Cable', 'tax_type' => 0, 'price' => 500],
        ]]],
];
foreach ($examples as [$script, $params]) {
    $canonical = Signature::canonical($script, $params);
    echo $canonical, "\n";
    $withSecret = substr($canonical, 0, -3) . 'SECRET';
    echo Signature::sign($script, $params, 'SECRET') === md5($withSecret) ? "sign ok\n" : "SIGN MISMATCH\n";
}
?>
--EXPECT--
get_status3.php;500001;4567617;u1aHmP4QyTxUqzXz;***
sign ok
add;http://site.kz/back;500001;http://site.kz/post;some random string;1234;***
sign ok
list;500001;some random string;1234;***
sign ok
remove;tok-1;500001;molbulak;1234;***
sign ok
balance_status;500001;some random string;***
sign ok
exec;500001;486456456;some random string;***
sign ok
reg2nonreg;10;http://site.kz/back;Описание платежа;500001;1234;2020-12-31 12:00:00;http://site.kz/post;some random string;***
sign ok
init_payment.php;25;test;545774;23;2;Mouse pad;1000;0;1;Cable;500;0;molbulak;***
sign ok
