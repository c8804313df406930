--TEST--
Payouts: every payout endpoint signed with the payout key, the payout test cards, balance, statuses by order and by payment, duplicate orders, lost replies
--EXTENSIONS--
freedompay
--FILE--
<?php
require dirname(__DIR__) . '/inc/sandbox.inc';
$sandbox = new SandboxServer(2, null, ['SANDBOX_WORKER' => '0']);
$client = $sandbox->client(['retries' => 0]);
function api(callable $fn): string
{
    try {
        $r = $fn();
        return 'ok ' . implode(' ', array_map(fn($k) => "$k=" . $r[$k], array_intersect(['pg_status', 'pg_transaction_status', 'pg_balance', 'pg_payment_amount'], array_keys($r))));
    } catch (FreedomPay\ApiException $e) {
        return 'ApiException ' . $e->getErrorCode() . ' (' . (isset($e->getResponse()['pg_sig']) ? 'signed' : 'unsigned') . ')';
    } catch (FreedomPay\Exception $e) {
        return outcome($e);
    }
}
$links = ['pg_post_link' => 'http://127.0.0.1:1/payout/post', 'pg_back_link' => 'http://127.0.0.1:1/payout/back'];

echo "balance: ", $client->balance()['pg_balance'], "\n";

// reg2nonreg: the recipient enters a card on the gateway's page.
$page = $client->payoutPage(['pg_order_id' => 'p-1', 'pg_amount' => '250.00', 'pg_description' => 'Refund to a card'] + $links);
echo "payoutPage: ", $page['pg_status'], ", page on the gateway: ", str_starts_with($page['pg_redirect_url'], $sandbox->url) ? 'yes' : 'no', "\n";
echo "status before the card: ", api(fn() => $client->payoutStatus(['pg_order_id' => 'p-1'])), "\n";
$sandbox->payoutCard($page['pg_payment_id'], '4671593866478252');
echo "status by order:   ", api(fn() => $client->payoutStatus(['pg_order_id' => 'p-1'])), "\n";
echo "status by payment: ", api(fn() => $client->payoutStatus(['pg_payment_id' => $page['pg_payment_id']])), "\n";
$paths = array_column($sandbox->requests(3), 'path');
echo "paths: ", implode(' ', array_reverse($paths)), "\n";

// reg2reg to saved payout cards: one per test card.
$cards = ['4671593866478252' => 'success', '5325349472901311' => 'error 10000', '4556046085041740' => 'error 10001',
    '5543974702876045' => 'error 8888', '5507841999732294' => 'process, then success', '4532676596620704' => 'process, then error 10001'];
$n = 0;
foreach ($cards as $pan => $what) {
    $card = $sandbox->addCard('payee', $pan);
    $order = 'c-' . ++$n;
    $first = api(fn() => $client->payoutToCard(['pg_order_id' => $order, 'pg_amount' => '10', 'pg_description' => 'Payout',
        'pg_user_id' => 'payee', 'pg_card_token_to' => $card['pg_card_token']] + $links));
    $later = '';
    if (str_contains($what, 'process')) {
        $later = ' -> ' . api(fn() => $client->payoutStatus(['pg_order_id' => $order]));
        $later .= ' -> ' . api(fn() => $client->payoutStatus(['pg_order_id' => $order]));
    }
    printf("%s (%s): %s%s\n", $pan, $what, preg_replace('/ pg_balance=\S+/', '', $first), $later);
}

// to_iban: valid check digits; the payout settles later.
$iban = $client->payoutToIban(['pg_order_id' => 'i-1', 'pg_amount' => '5000.00', 'pg_description' => 'Supplier',
    'pg_recipient_bank_bic' => 'HSBKKZKX', 'pg_recipient_iban' => 'KZ86125KZT5004100100', 'pg_recipient_iin_bin' => '123456789012',
    'pg_recipient_name' => 'TOO Supplier'] + $links);
echo "payoutToIban: ", $iban['pg_status'], "\n";

echo "-- the gateway's refusals\n";
echo "same order id twice: ", api(fn() => $client->payoutPage(['pg_order_id' => 'p-1', 'pg_amount' => '1', 'pg_description' => 'again'] + $links)), "\n";
$sandbox->balance('100.00');
echo "more than the balance: ", api(fn() => $client->payoutPage(['pg_order_id' => 'p-2', 'pg_amount' => '100.01', 'pg_description' => 'x'] + $links)), "\n";
$sandbox->balance('1000000.00');
$wrongKey = $sandbox->client(['retries' => 0, 'payout_secret_key' => SANDBOX_SECRET]);
echo "signed with the payment key: ", api(fn() => $wrongKey->balance()), "\n";
echo "unknown payout: ", api(fn() => $client->payoutStatus(['pg_order_id' => 'nope'])), "\n";

echo "-- refused before sending\n";
$before = count($sandbox->requests(200));
$noKey = new FreedomPay\Client(SANDBOX_MERCHANT, SANDBOX_SECRET, ['base_url' => $sandbox->url]);
foreach ([
    fn() => $noKey->balance(),
    fn() => $noKey->payoutPage(['pg_order_id' => 'x', 'pg_amount' => '1', 'pg_description' => 'x']),
    fn() => $client->payoutPage(['pg_amount' => '1', 'pg_description' => 'no order']),
    fn() => $client->payoutToCard(['pg_order_id' => 'x', 'pg_amount' => '1', 'pg_description' => 'x', 'pg_user_id' => 'u']),
    fn() => $client->payoutToIban(['pg_order_id' => 'x', 'pg_amount' => '1', 'pg_description' => 'x', 'pg_recipient_bank_bic' => 'B',
        'pg_recipient_iban' => 'KZ86125KZT5004100101', 'pg_recipient_iin_bin' => '1', 'pg_recipient_name' => 'n']),
    fn() => $client->payoutStatus([]),
] as $fn) {
    echo api($fn), "\n";
}
echo "sent meanwhile: ", count($sandbox->requests(200)) - $before, "\n";

echo "-- cash by code\n";
$cash = $client->cashByCode(['pg_order_id' => 'cash-1', 'pg_phone' => '77011234567', 'pg_amount' => '2000', 'pg_description' => 'ATM'] + $links);
echo "check: ", $cash['pg_status'], "\n";
// The docs' check example leaves pg_post_link out of its signature string
// although the request sends it. What is signed is what is sent: every
// field that went out, as the gateway verifies what it receives.
$sent = array_values(array_filter($sandbox->requests(50), fn($r) => ($r['fields']['pg_order_id'] ?? '') === 'cash-1'))[0]['fields'];
$signed = array_diff_key($sent, ['pg_sig' => 1]);
echo "check signed over every field sent: ", FreedomPay\Signature::sign('check', $signed, SANDBOX_PAYOUT_SECRET) === $sent['pg_sig'] ? 'yes' : 'no', "\n";
echo "the docs' example's field set gives the same: ", FreedomPay\Signature::sign('check', array_diff_key($signed, ['pg_post_link' => 1]), SANDBOX_PAYOUT_SECRET) === $sent['pg_sig'] ? 'yes' : 'no', "\n";
$docsWay = array_merge($signed, ['pg_order_id' => 'cash-docs', 'pg_salt' => 'docs-example']);
$docsWay['pg_sig'] = FreedomPay\Signature::sign('check', array_diff_key($docsWay, ['pg_post_link' => 1]), SANDBOX_PAYOUT_SECRET);
[, $body] = $sandbox->post('/api/cbc/check', $docsWay);
echo "the gateway, sent the docs' example's signature: ", preg_match('~<pg_error_code>(\d+)</pg_error_code>~', $body, $m) ? "error {$m[1]}" : 'accepted', "\n";
echo "exec: ", api(fn() => $client->cashByCodeExec($cash['pg_payment_id'])), "\n";
echo "exec again: ", api(fn() => $client->cashByCodeExec($cash['pg_payment_id'])), "\n";
echo "status: ", $client->cashByCodeStatus($cash['pg_payment_id'])['pg_status'], "\n";
$sandbox->withdrawCash($cash['pg_payment_id']);
echo "after the ATM: ", $client->cashByCodeStatus((int) $cash['pg_payment_id'])['pg_status'], "\n";

echo "-- no lost payouts\n";
foreach (['http502', 'truncated', 'drop'] as $i => $fault) {
    $order = "lost-$i";
    try {
        $client->payoutPage(['pg_order_id' => $order, 'pg_amount' => '1', 'pg_description' => 'x', 'sandbox_fault' => $fault] + $links);
        echo "$fault: no exception\n";
    } catch (FreedomPay\OutcomeUnknownException $e) {
        $sent = count(array_filter($sandbox->requests(20), fn($r) => ($r['fields']['pg_order_id'] ?? '') === $order));
        echo "$fault: OutcomeUnknownException for ", $e->getOrderId(), ", sent $sent time(s), the payout exists: ",
            $client->payoutStatus(['pg_order_id' => $order])['pg_status'], "\n";
    }
}
echo "balance read again after a 502: ", api(fn() => $sandbox->client(['retries' => 2])->balance()), "\n";
?>
--EXPECTF--
balance: 1000000.00
payoutPage: ok, page on the gateway: yes
status before the card: ok pg_status=ok pg_transaction_status=partial
status by order:   ok pg_status=ok pg_transaction_status=ok
status by payment: ok pg_status=ok pg_transaction_status=ok pg_payment_amount=250.00
paths: /get_status2.php /get_status2.php /api/payment_status
4671593866478252 (success): ok pg_status=ok pg_payment_amount=10
5325349472901311 (error 10000): ApiException 10000 (signed)
4556046085041740 (error 10001): ApiException 10001 (signed)
5543974702876045 (error 8888): ApiException 8888 (signed)
5507841999732294 (process, then success): ok pg_status=process pg_payment_amount=10 -> ok pg_status=ok pg_transaction_status=pending -> ok pg_status=ok pg_transaction_status=ok
4532676596620704 (process, then error 10001): ok pg_status=process pg_payment_amount=10 -> ok pg_status=ok pg_transaction_status=pending -> ok pg_status=ok pg_transaction_status=failed
payoutToIban: process
-- the gateway's refusals
same order id twice: ApiException 354 (signed)
more than the balance: ApiException 353 (signed)
signed with the payment key: ApiException 9998 (unsigned)
unknown payout: ApiException 340 (signed)
-- refused before sending
InvalidArgumentException: Option "payout_secret_key" is required: api/balance_status is signed with the payout secret key
InvalidArgumentException: Option "payout_secret_key" is required: api/reg2nonreg is signed with the payout secret key
InvalidArgumentException: payoutPage(): parameter "pg_order_id" is required
InvalidArgumentException: payoutToCard(): parameter "pg_card_token_to" or "pg_card_id_to" is required
InvalidArgumentException: payoutToIban(): parameter "pg_recipient_iban" must be an IBAN (capital letters and digits, valid checksum) (the value is not shown)
InvalidArgumentException: payoutStatus(): parameter "pg_payment_id" or "pg_order_id" is required
sent meanwhile: 0
-- cash by code
check: ok
check signed over every field sent: yes
the docs' example's field set gives the same: no
the gateway, sent the docs' example's signature: error 9998
exec: ok pg_status=%s
exec again: ApiException 350 (signed)
status: process
after the ATM: success
-- no lost payouts
http502: OutcomeUnknownException for lost-0, sent 1 time(s), the payout exists: ok
truncated: OutcomeUnknownException for lost-1, sent 1 time(s), the payout exists: ok
drop: OutcomeUnknownException for lost-2, sent 1 time(s), the payout exists: ok
balance read again after a 502: %s
