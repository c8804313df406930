--TEST--
Callback::reply: signed XML the docs' checkXML verifies; byte-identical for every delivery of one callback; rejected only where allowed; any text stays well-formed
--EXTENSIONS--
freedompay
--FILE--
<?php
require dirname(__DIR__) . '/inc/sign_reference.inc';
require_once dirname(__DIR__, 2) . '/sandbox/src/autoload.php';
use FreedomPay\Callback;
use FreedomPaySandbox\Signature as Docs;

$secret = 'shop-secret';
function delivery(array $fields, string $salt, string $script = 'result'): array
{
    $fields['pg_salt'] = $salt;
    $fields['pg_sig'] = md5(ref_joined($script, $fields, 'shop-secret'));
    return $fields;
}
/** The reply verified as the gateway would: the docs' checkXML over it, script name of the callback URL. */
function gateway_accepts(string $xml, string $script = 'result'): bool
{
    $doc = simplexml_load_string($xml, SimpleXMLElement::class, LIBXML_NONET);
    return $doc !== false && hash_equals(Docs::forXml($script, $xml, 'shop-secret'), (string) $doc->pg_sig);
}

$result = ['pg_order_id' => 'A-1', 'pg_payment_id' => '1000001', 'pg_amount' => '2500', 'pg_result' => '1', 'pg_can_reject' => '1'];
$first = Callback::fromRequest(delivery($result, 'gw-salt-1'), 'https://shop.kz/freedompay/result', $secret)->reply('ok', 'Order accepted');
echo $first;
echo "the gateway accepts it: ", gateway_accepts($first) ? 'yes' : 'no', "\n";

// The gateway repeats a result every 30 minutes for 2 hours and wants the same answer each time.
$replies = [];
foreach (['gw-salt-1', 'gw-salt-1', 'gw-salt-2', 'gw-salt-3', 'gw-salt-4'] as $salt) {
    $replies[] = Callback::fromRequest(delivery($result, $salt), 'https://shop.kz/freedompay/result', $secret)->reply('ok', 'Order accepted');
}
echo "5 deliveries (the gateway's salt changing or not): ", count(array_unique($replies)), " distinct reply\n";
// Another callback, or another answer, is another reply (and another salt).
$other = Callback::fromRequest(delivery(['pg_amount' => '2501'] + $result, 'gw-salt-1'), 'result', $secret)->reply('ok', 'Order accepted');
$answer = Callback::fromRequest(delivery($result, 'gw-salt-1'), 'result', $secret)->reply('error', 'Order accepted');
preg_match_all('~<pg_salt>([0-9a-f]{32})</pg_salt>~', $first . $other . $answer, $m);
echo "other callback or answer: ", count(array_unique($m[1])), " distinct salts of 3\n";
// Another secret (another shop), another salt: the salt gives nothing away.
echo "extra fields: ", Callback::fromRequest(delivery(['pg_order_id' => 'C-1', 'pg_amount' => '5'], 's', 'check'), 'check', $secret)
    ->reply('ok', '', ['pg_timeout' => 120, 'shop_note' => 'kept']), "";

echo "-- statuses\n";
$cb = Callback::fromRequest(delivery($result, 's'), 'result', $secret);
foreach (['ok', 'rejected', 'error', 'OK', 'accepted', ''] as $status) {
    try {
        $xml = $cb->reply($status, 'why');
        echo "$status: ", gateway_accepts($xml) ? 'signed' : 'NOT ACCEPTED', "\n";
    } catch (FreedomPay\Exception $e) {
        echo "$status: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}
$noReject = Callback::fromRequest(delivery(['pg_can_reject' => '0'] + $result, 's'), 'result', $secret);
try { $noReject->reply('rejected'); } catch (FreedomPay\InvalidArgumentException $e) { echo "pg_can_reject=0: ", $e->getMessage(), "\n"; }
$check = Callback::fromRequest(delivery(['pg_order_id' => 'C-2', 'pg_amount' => '5'], 's', 'check'), 'https://shop.kz/check', $secret);
echo "check_url may reject: ", gateway_accepts($check->reply('rejected', 'Out of stock'), 'check') ? 'signed' : 'NOT ACCEPTED', "\n";
foreach ([['pg_sig' => 'x'], ['pg_status' => 'x'], ['a b' => 'x'], [5 => 'x'], ['n' => [1]], ['1x' => 'y']] as $extra) {
    try { $cb->reply('ok', '', $extra); } catch (FreedomPay\InvalidArgumentException $e) { echo preg_replace('/ \(an element.*/', '', $e->getMessage()), "\n"; }
}

echo "-- any text\n";
// Descriptions with markup, CDATA ends, quotes, emoji, control bytes and invalid UTF-8:
// every reply is well-formed and verifies with the docs' checkXML.
mt_srand(61);
$pieces = ['<', '>', '&', ']]>', '"', "'", '😀', 'Ж', "\x00", "\x01", "\x1f", "\x7f", "\t", "\n", "\r", "\r\n", "\xff", "\xc3", "\xed\xa0\x80", "\xef\xbf\xbe", 'a', ' ', ';', '&amp;'];
$bad = 0;
for ($i = 0; $i < 1000; $i++) {
    $text = '';
    for ($j = mt_rand(0, 12); $j > 0; $j--) {
        $text .= $pieces[mt_rand(0, count($pieces) - 1)];
    }
    $xml = $cb->reply('ok', $text, ['shop_echo' => $text]);
    if (!gateway_accepts($xml)) {
        $bad++;
    }
}
echo "1000 random descriptions: $bad not well-formed or not verified\n";
echo "bytes XML cannot carry become U+FFFD: ", str_contains($cb->reply('ok', "a\x01b\xffc"), "a\u{FFFD}b\u{FFFD}c") ? 'yes' : 'no', "\n";
?>
--EXPECTF--
<?xml version="1.0" encoding="utf-8"?>
<response><pg_status>ok</pg_status><pg_description>Order accepted</pg_description><pg_salt>%x</pg_salt><pg_sig>%x</pg_sig></response>
the gateway accepts it: yes
5 deliveries (the gateway's salt changing or not): 1 distinct reply
other callback or answer: 3 distinct salts of 3
extra fields: <?xml version="1.0" encoding="utf-8"?>
<response><pg_status>ok</pg_status><pg_timeout>120</pg_timeout><shop_note>kept</shop_note><pg_salt>%x</pg_salt><pg_sig>%x</pg_sig></response>
-- statuses
ok: signed
rejected: signed
error: signed
OK: FreedomPay\InvalidArgumentException: Callback::reply(): status must be "ok", "rejected" or "error", "OK" given
accepted: FreedomPay\InvalidArgumentException: Callback::reply(): status must be "ok", "rejected" or "error", "accepted" given
: FreedomPay\InvalidArgumentException: Callback::reply(): status must be "ok", "rejected" or "error", "" given
pg_can_reject=0: Callback::reply(): "rejected" needs a callback with pg_can_reject=1; this payment stands whatever the answer (reply "ok", or refund it)
check_url may reject: signed
Callback::reply(): extra field "pg_sig" cannot be sent
Callback::reply(): extra field "pg_status" cannot be sent
Callback::reply(): extra field "a b" cannot be sent
Callback::reply(): extra field "(an integer key)" cannot be sent
Callback::reply(): extra field "n" must be a scalar, array given
Callback::reply(): extra field "1x" cannot be sent
-- any text
1000 random descriptions: 0 not well-formed or not verified
bytes XML cannot carry become U+FFFD: yes
