--TEST--
Purchase: recurring payments from a profile; saved-card payments (init, pay with CVC, direct); their errors
--EXTENSIONS--
freedompay
--FILE--
<?php
require dirname(__DIR__) . '/inc/sandbox.inc';
$sandbox = new SandboxServer();
$client = $sandbox->client(['retries' => 0]);
function api(callable $fn): string
{
    try {
        $r = $fn();
        return $r['pg_status'] . (isset($r['pg_payment_status']) ? '/' . $r['pg_payment_status'] : '');
    } catch (FreedomPay\ApiException $e) {
        return 'ApiException ' . $e->getErrorCode();
    } catch (FreedomPay\Exception $e) {
        return outcome($e);
    }
}

// The first payment starts a recurring profile; later ones charge it.
$first = $client->cardPayment(['pg_order_id' => 'r-0', 'pg_amount' => '990', 'pg_description' => 'Subscription',
    'pg_recurring_start' => 1, 'pg_card_pan' => '4716047261941981', 'pg_card_cvc' => '123', 'pg_card_month' => '6',
    'pg_card_year' => '31', 'pg_card_name' => 'R HOLDER']);
$profile = $first['pg_recurring_profile_id'];
echo "profile from the first payment: ", preg_match('/^\d+$/', $profile) ? 'yes' : 'no', "\n";
$r = $client->recurringPayment(['pg_order_id' => 'r-1', 'pg_recurring_profile' => $profile, 'pg_amount' => '990', 'pg_description' => 'Month 2']);
echo "recurring: ", $r['pg_status'], '/', $r['pg_payment_status'], ", profile ", $r['pg_recurring_profile'] === $profile ? 'same' : 'other', "\n";
echo "unknown profile: ", api(fn() => $client->recurringPayment(['pg_order_id' => 'r-2', 'pg_recurring_profile' => '1', 'pg_amount' => '1', 'pg_description' => 'x'])), "\n";
echo "no order id: ", api(fn() => $client->recurringPayment(['pg_recurring_profile' => $profile, 'pg_amount' => '1', 'pg_description' => 'x'])), "\n";

// Saved cards.
$approved = $sandbox->addCard('user-7', '5367654276102126', 'approved');
$pending = $sandbox->addCard('user-7', '4716047261941981', 'new');
$init = fn(string $order, string $token, string $user = 'user-7') => $client->savedCardInit(['pg_order_id' => $order,
    'pg_user_id' => $user, 'pg_card_token' => $token, 'pg_amount' => '45.90', 'pg_description' => 'Saved card']);

$p = $init('s-1', $approved['pg_card_token']);
echo "savedCardInit: ", $p['pg_status'], ", status ", $client->status(['pg_payment_id' => $p['pg_payment_id']])['pg_payment_status'], "\n";
echo "savedCardDirect: ", api(fn() => $client->savedCardDirect($p['pg_payment_id'])), "\n";
echo "direct again: ", api(fn() => $client->savedCardDirect((int) $p['pg_payment_id'])), "\n";

$q = $init('s-2', $approved['pg_card_token']);
$page = $client->savedCardPay($q['pg_payment_id']);
echo "savedCardPay: ", $page['pg_status'], ", the payer confirms with the CVC at ", str_starts_with($page['pg_redirect_url'], $sandbox->url) ? 'the gateway' : $page['pg_redirect_url'], "\n";
$paid = $sandbox->control('/_sandbox/pay', ['pg_payment_id' => $q['pg_payment_id'], 'card_cvc' => '123']);
echo "after the CVC: ", $client->status(['pg_payment_id' => $q['pg_payment_id']])['pg_payment_status'], "\n";

$n = $init('s-3', $pending['pg_card_token']);
echo "direct with a card not yet approved: ", api(fn() => $client->savedCardDirect($n['pg_payment_id'])), "\n";
echo "another user's card: ", api(fn() => $init('s-4', $approved['pg_card_token'], 'user-8')), "\n";
echo "no token: ", api(fn() => $client->savedCardInit(['pg_order_id' => 's-5', 'pg_user_id' => 'u', 'pg_amount' => '1', 'pg_description' => 'x'])), "\n";
echo "direct, lost reply: ";
$m = $init('s-6', $approved['pg_card_token']);
// savedCardDirect takes only the id: a lost reply is found by the payment id.
$noisy = $sandbox->client(['retries' => 0, 'timeout' => 1]);
echo api(fn() => $noisy->request('v1/merchant/500001/card/direct', ['pg_payment_id' => $m['pg_payment_id'], 'sandbox_fault' => 'delay:3'])), "\n";
?>
--EXPECTF--
profile from the first payment: yes
recurring: ok/success, profile same
unknown profile: ApiException 341
no order id: InvalidArgumentException: recurringPayment(): parameter "pg_order_id" is required
savedCardInit: ok, status new
savedCardDirect: ok/success
direct again: ApiException 350
savedCardPay: ok, the payer confirms with the CVC at the gateway
after the CVC: success
direct with a card not yet approved: ApiException 352
another user's card: ApiException 342
no token: InvalidArgumentException: savedCardInit(): parameter "pg_card_token" is required
direct, lost reply: OutcomeUnknownException: payment %d: POST http://HOST/v1/merchant/500001/card/direct failed (timeout)
