--TEST--
Card storage: addCard, addCardNoCharge, addPayoutCard (signed as "add", by the URL rule), listCards always a list (of none, one, many), removeCard, saved cards paying and paid out to
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
        return 'ok';
    } catch (FreedomPay\ApiException $e) {
        return 'ApiException ' . $e->getErrorCode();
    } catch (FreedomPay\Exception $e) {
        return outcome($e);
    }
}
$links = ['pg_post_link' => 'http://127.0.0.1:1/cards/post', 'pg_back_link' => 'http://127.0.0.1:1/cards/back'];
$summary = fn(array $list) => count($list['card']) . ': ' . implode(', ', array_map(fn($c) => "{$c['pg_card_hash']} {$c['pg_status']}", $list['card']));

echo "list of none: ", var_export($client->listCards('anna')['card'], true), "\n";
$a = $client->addCard(['pg_user_id' => 'anna', 'pg_order_id' => 'card-1'] + $links);
echo "addCard: {$a['pg_status']} {$a['pg_type']}, the payer enters the card at the gateway: ", str_starts_with($a['pg_redirect_url'], $sandbox->url) ? 'yes' : 'no', "\n";
$sandbox->storeCard($a['pg_payment_id'], '4716047261941981');
echo "list of one: ", $summary($client->listCards('anna')), "\n";
$b = $client->addCardNoCharge(['pg_user_id' => 'anna'] + $links);
$sandbox->storeCard($b['pg_payment_id'], '5367654276102126');
$p = $client->addPayoutCard(['pg_user_id' => 'anna'] + $links);
$sandbox->storeCard($p['pg_payment_id'], '4671593866478252');
$list = $client->listCards('anna');
echo "list of three: ", $summary($list), "\n";
echo "another user's list: ", count($client->listCards(42)['card']), " cards\n";
// The payout-only card is signed with script name "add", its URL's last
// segment; the docs' example signs it as "add2", a docs error.
echo "addPayoutCard signed as: ", signed_as($sandbox, '/cardstoragepayout/add', ['add', 'add2']), "\n";
function signed_as(SandboxServer $s, string $suffix, array $scripts): string
{
    foreach ($s->requests(50) as $r) {
        if (str_ends_with($r['path'], $suffix)) {
            $fields = array_diff_key($r['fields'], ['pg_sig' => 1]);
            $match = array_filter($scripts, fn($script) => FreedomPay\Signature::sign($script, $fields, SANDBOX_SECRET) === $r['fields']['pg_sig']);
            return $match ? implode(', ', $match) : 'none of ' . implode(', ', $scripts);
        }
    }
    return 'not sent';
}

// A saved card pays (savedCardInit + direct); the payout card is paid out to.
[$card1, $card2, $payoutCard] = $list['card'];
$pay = $client->savedCardInit(['pg_order_id' => 's-1', 'pg_user_id' => 'anna', 'pg_card_token' => $card1['pg_card_token'], 'pg_amount' => '19.90', 'pg_description' => 'Saved card']);
echo "pay with a stored card: ", $client->savedCardDirect($pay['pg_payment_id'])['pg_payment_status'], "\n";
echo "pay with the payout-only card: ", api(fn() => $client->savedCardInit(['pg_order_id' => 's-2', 'pg_user_id' => 'anna', 'pg_card_token' => $payoutCard['pg_card_token'], 'pg_amount' => '1', 'pg_description' => 'x'])), "\n";
echo "payout to it: ", $client->payoutToCard(['pg_order_id' => 'po-1', 'pg_amount' => '5', 'pg_description' => 'Cashback', 'pg_user_id' => 'anna', 'pg_card_token_to' => $payoutCard['pg_card_token']] + $links)['pg_status'], "\n";

$removed = $client->removeCard('anna', $card2['pg_card_token']);
echo "removeCard: ", $removed['card'][0]['pg_status'], "\n";
echo "list after: ", $summary($client->listCards('anna')), "\n";
echo "remove again: ", api(fn() => $client->removeCard('anna', $card2['pg_card_token'])), "\n";
echo "another user's card: ", api(fn() => $client->removeCard('boris', $card1['pg_card_token'])), "\n";

echo "-- refused before sending\n";
foreach ([
    fn() => $client->addCard(['pg_user_id' => 'anna', 'pg_post_link' => 'x']),
    fn() => $client->addCard(['pg_post_link' => 'http://127.0.0.1:1/p', 'pg_back_link' => 'http://127.0.0.1:1/b']),
    fn() => $client->removeCard('anna', ''),
    fn() => $client->removeCard('anna', "bad token"),
    fn() => $client->listCards(''),
] as $fn) {
    echo api($fn), "\n";
}

echo "-- retries\n";
$retrying = $sandbox->client(['retries' => 2]);
echo "listCards after a 502 (a read, retried): ", count($retrying->listCards('anna', )['card']) > 0 ? 'ok' : '?', "\n";
$bodies = fn(string $fault) => count(array_filter($sandbox->requests(50), fn($r) => ($r['fields']['sandbox_fault'] ?? '') === $fault));
try {
    $retrying->request('v1/merchant/500001/cardstorage/list', ['pg_user_id' => 'anna', 'sandbox_fault' => 'http502']);
} catch (FreedomPay\TransportException $e) {
    echo "list with a 502 each time: ", $bodies('http502'), " attempts\n";
}
try {
    $retrying->request('v1/merchant/500001/cardstorage/remove', ['pg_user_id' => 'anna', 'pg_card_token' => $card1['pg_card_token'], 'sandbox_fault' => 'truncated']);
} catch (FreedomPay\OutcomeUnknownException $e) {
    echo "remove with a cut reply: ", get_class($e), ", ", $bodies('truncated'), " attempt\n";
}
?>
--EXPECT--
list of none: array (
)
addCard: ok init, the payer enters the card at the gateway: yes
list of one: 1: 4716-04XX-XXXX-1981 approved
list of three: 3: 4716-04XX-XXXX-1981 approved, 5367-65XX-XXXX-2126 approved, 4671-59XX-XXXX-8252 approved
another user's list: 0 cards
addPayoutCard signed as: add
pay with a stored card: success
pay with the payout-only card: ApiException 342
payout to it: ok
removeCard: deleted
list after: 2: 4716-04XX-XXXX-1981 approved, 4671-59XX-XXXX-8252 approved
remove again: ApiException 342
another user's card: ApiException 342
-- refused before sending
InvalidArgumentException: addCard(): parameter "pg_post_link" must be an absolute http(s) URL, "x" given
InvalidArgumentException: addCard(): parameter "pg_user_id" is required
InvalidArgumentException: removeCard(): parameter "pg_card_token" is required
InvalidArgumentException: removeCard(): parameter "pg_card_token" must be 1 to 255 printable ASCII characters (the value is not shown)
InvalidArgumentException: listCards(): parameter "pg_user_id" is required
-- retries
listCards after a 502 (a read, retried): ok
list with a 502 each time: 3 attempts
remove with a cut reply: FreedomPay\OutcomeUnknownException, 1 attempt
