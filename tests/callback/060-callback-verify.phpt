--TEST--
Callback::fromRequest: every field but pg_sig is verified; missing, malformed, wrong or forged signatures are refused; pg_xml is parsed hardened
--EXTENSIONS--
freedompay
--FILE--
<?php
require dirname(__DIR__) . '/inc/sign_reference.inc';
require_once dirname(__DIR__, 2) . '/sandbox/src/autoload.php';
use FreedomPay\Callback;
use FreedomPaySandbox\Signature as Docs; // the docs' own PHP, as the gateway signs

$secret = 'shop-secret-' . bin2hex(random_bytes(4));
function signed(array $p, string $script, string $secret): array
{
    $p['pg_sig'] = md5(ref_joined($script, $p, $secret));
    return $p;
}
function attempt(string $label, callable $fn): void
{
    try {
        $cb = $fn();
        echo "$label: accepted, ", count($cb->params()), " fields\n";
    } catch (FreedomPay\Exception $e) {
        echo "$label: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}

// A result callback as seed 000 shows it, with a merchant field.
$result = signed(['pg_order_id' => '123456789', 'pg_payment_id' => '12345', 'pg_amount' => '500', 'pg_currency' => 'KZT',
    'pg_net_amount' => '482.5', 'pg_description' => 'Покупка в интернет магазине Site.kz', 'pg_result' => '1',
    'pg_payment_date' => '2019-01-01 12:00:00', 'pg_can_reject' => '1', 'pg_card_pan' => '5483-18XX-XXXX-0293',
    'shop_cart' => 'c-77', 'pg_salt' => 'salt-1'], 'result', $secret);
attempt('result_url', fn() => Callback::fromRequest($result, 'https://shop.kz/pay/result', $secret));
attempt('by script name', fn() => Callback::fromRequest($result, 'result', $secret));
attempt('URL with a query', fn() => Callback::fromRequest($result, 'https://shop.kz/pay/result?lang=ru', $secret));
attempt('another URL', fn() => Callback::fromRequest($result, 'https://shop.kz/pay/check', $secret));
attempt('another secret', fn() => Callback::fromRequest($result, 'result', 'not-' . $secret));
attempt('empty secret', fn() => Callback::fromRequest($result, 'result', ''));

// Each field changed, added or removed, one at a time: all refused.
$refused = 0;
foreach (array_keys($result) as $k) {
    if ($k === 'pg_sig') {
        continue;
    }
    foreach ([fn($p) => [$k => $p[$k] . '0'] + $p, fn($p) => array_diff_key($p, [$k => 1])] as $change) {
        try {
            Callback::fromRequest($change($result), 'result', $secret);
        } catch (FreedomPay\SignatureException $e) {
            $refused++;
        }
    }
}
try { Callback::fromRequest($result + ['pg_extra' => ''], 'result', $secret); } catch (FreedomPay\SignatureException $e) { $refused++; }
echo "changed, removed or added fields refused: $refused of ", 2 * (count($result) - 1) + 1, "\n";

// pg_sig missing, empty, wrong length, upper case, an array.
foreach (['missing' => null, 'empty' => '', '31 chars' => substr($result['pg_sig'], 1), '33 chars' => $result['pg_sig'] . '0',
    'upper case' => strtoupper($result['pg_sig']), 'spaces' => " {$result['pg_sig']}", 'array' => [$result['pg_sig']]] as $label => $sig) {
    $p = $result;
    if ($sig === null) { unset($p['pg_sig']); } else { $p['pg_sig'] = $sig; }
    attempt("pg_sig $label", fn() => Callback::fromRequest($p, 'result', $secret));
}

// A forgery that brings its own key: the official PHP SDK once took it; here it is one more signed field.
foreach (['pg_secret_key', 'pg_secretkey'] as $field) {
    $forged = $result;
    unset($forged['pg_sig']);
    $forged['pg_result'] = '1';
    $forged[$field] = 'attacker-key';
    $forged = signed($forged, 'result', 'attacker-key');
    attempt("forged with $field", fn() => Callback::fromRequest($forged, 'result', $secret));
}

// The success redirect by GET: the shop URL's own query parameters are received and signed too.
$redirect = signed(['lang' => 'ru', 'pg_order_id' => '77', 'pg_payment_id' => '5', 'pg_salt' => 's'], 'success', $secret);
attempt('success redirect (GET)', fn() => Callback::fromRequest($redirect, 'https://shop.kz/pay/success?lang=ru', $secret));

// Nested fields (pg_receipt_positions echoed back) follow makeFlatParamsArray.
$nested = signed(['pg_order_id' => '1', 'pg_receipt_positions' => [['count' => '1', 'name' => 'Pen', 'price' => '5', 'tax_type' => '0']], 'pg_salt' => 's'], 'result', $secret);
attempt('nested fields', fn() => Callback::fromRequest($nested, 'result', $secret));

// The XML method: one pg_xml field, verified as XML (checkXML), parsed as hardened as a reply.
$xml = '<?xml version="1.0" encoding="utf-8"?><request><pg_order_id>A-9</pg_order_id><pg_amount>10.50</pg_amount>'
    . '<pg_result>1</pg_result><card><pg_card_id>3</pg_card_id></card><pg_salt>x</pg_salt></request>';
$xmlSigned = str_replace('</request>', '<pg_sig>' . Docs::forXml('post', $xml, $secret) . '</pg_sig></request>', $xml);
attempt('pg_xml', fn() => Callback::fromRequest(['pg_xml' => $xmlSigned], 'https://shop.kz/payout/post', $secret));
echo "pg_xml fields: ", json_encode(Callback::fromRequest(['pg_xml' => $xmlSigned], 'post', $secret)->params()), "\n";
attempt('pg_xml, extra form field ignored', fn() => Callback::fromRequest(['pg_xml' => $xmlSigned, 'unsigned' => 'x'], 'post', $secret));
attempt('pg_xml tampered', fn() => Callback::fromRequest(['pg_xml' => str_replace('10.50', '1.50', $xmlSigned)], 'post', $secret));
attempt('pg_xml unsigned', fn() => Callback::fromRequest(['pg_xml' => $xml], 'post', $secret));
attempt('pg_xml not XML', fn() => Callback::fromRequest(['pg_xml' => 'pg_order_id=1'], 'post', $secret));
attempt('pg_xml with a DOCTYPE', fn() => Callback::fromRequest(['pg_xml' => '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/hostname">]><request><a>&x;</a></request>'], 'post', $secret));
$laughs = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">' . implode('', array_map(fn($i) => "<!ENTITY a$i \"" . str_repeat('&a' . ($i ? $i - 1 : '') . ';', 10) . '">', range(0, 8))) . ']><request><x>&a8;</x></request>';
attempt('pg_xml billion laughs', fn() => Callback::fromRequest(['pg_xml' => $laughs], 'post', $secret));
attempt('pg_xml namespaced', fn() => Callback::fromRequest(['pg_xml' => '<r:request xmlns:r="urn:x"><pg_sig>0</pg_sig></r:request>'], 'post', $secret));
?>
--EXPECTF--
result_url: accepted, 12 fields
by script name: accepted, 12 fields
URL with a query: accepted, 12 fields
another URL: FreedomPay\SignatureException: The callback failed signature verification (wrong pg_sig): it was not sent by FreedomPay for this shop, or not for this URL
another secret: FreedomPay\SignatureException: The callback failed signature verification (wrong pg_sig): it was not sent by FreedomPay for this shop, or not for this URL
empty secret: FreedomPay\InvalidArgumentException: Callback::fromRequest(): secretKey must not be empty
changed, removed or added fields refused: 25 of 25
pg_sig missing: FreedomPay\SignatureException: The callback is not signed (no pg_sig): it was not sent by FreedomPay for this shop, or not for this URL
pg_sig empty: FreedomPay\SignatureException: The callback has a malformed pg_sig: it was not sent by FreedomPay for this shop, or not for this URL
pg_sig 31 chars: FreedomPay\SignatureException: The callback has a malformed pg_sig: it was not sent by FreedomPay for this shop, or not for this URL
pg_sig 33 chars: FreedomPay\SignatureException: The callback has a malformed pg_sig: it was not sent by FreedomPay for this shop, or not for this URL
pg_sig upper case: FreedomPay\SignatureException: The callback failed signature verification (wrong pg_sig): it was not sent by FreedomPay for this shop, or not for this URL
pg_sig spaces: FreedomPay\SignatureException: The callback has a malformed pg_sig: it was not sent by FreedomPay for this shop, or not for this URL
pg_sig array: FreedomPay\SignatureException: The callback has a malformed pg_sig: it was not sent by FreedomPay for this shop, or not for this URL
forged with pg_secret_key: FreedomPay\SignatureException: The callback failed signature verification (wrong pg_sig): it was not sent by FreedomPay for this shop, or not for this URL
forged with pg_secretkey: FreedomPay\SignatureException: The callback failed signature verification (wrong pg_sig): it was not sent by FreedomPay for this shop, or not for this URL
success redirect (GET): accepted, 4 fields
nested fields: accepted, 3 fields
pg_xml: accepted, 5 fields
pg_xml fields: {"pg_order_id":"A-9","pg_amount":"10.50","pg_result":"1","card":[{"pg_card_id":"3"}],"pg_salt":"x"}
pg_xml, extra form field ignored: accepted, 5 fields
pg_xml tampered: FreedomPay\SignatureException: The callback in pg_xml failed verification: wrong pg_sig: it was not sent by FreedomPay for this shop, or not for this URL
pg_xml unsigned: FreedomPay\SignatureException: The callback in pg_xml failed verification: no pg_sig: it was not sent by FreedomPay for this shop, or not for this URL
pg_xml not XML: FreedomPay\SignatureException: The callback in pg_xml is not a gateway document: not well-formed XML (%s): it was not sent by FreedomPay for this shop, or not for this URL
pg_xml with a DOCTYPE: FreedomPay\SignatureException: The callback in pg_xml is not a gateway document: a DOCTYPE is not allowed: it was not sent by FreedomPay for this shop, or not for this URL
pg_xml billion laughs: FreedomPay\SignatureException: The callback in pg_xml is not a gateway document: a DOCTYPE is not allowed: it was not sent by FreedomPay for this shop, or not for this URL
pg_xml namespaced: FreedomPay\SignatureException: The callback in pg_xml is not a gateway document: namespaced element <request> is not allowed: it was not sent by FreedomPay for this shop, or not for this URL
