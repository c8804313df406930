<?php
/*
 * The PHP way, written well: what a careful shop writes for this gateway
 * with PHP's own functions and nothing else. Every benchmark compares the
 * extension with these functions. They follow the gateway's documentation:
 * the signing snippet (ksort, array_unshift the script, array_push the
 * secret, md5 of the implode), makeFlatParamsArray for nested arrays, and
 * checkXML (makeFlatParamsXML, then the same) to verify an XML reply.
 */

/** The documentation's snippet, for a flat array. */
function phpway_sign(string $script, array $params, string $secret): string
{
    ksort($params);
    array_unshift($params, $script);
    array_push($params, $secret);
    return md5(implode(';', $params));
}

/**
 * makeFlatParamsArray: every key gets its 1-based position as a %03d
 * suffix, children are prefixed by their parent's flat name, pg_sig is
 * skipped (after it counted).
 */
function phpway_flat_params(array $params, string $parent = ''): array
{
    $flat = [];
    $position = 0;
    foreach ($params as $key => $value) {
        $position++;
        if ($key === 'pg_sig') {
            continue;
        }
        $name = $parent . $key . sprintf('%03d', $position);
        if (is_array($value)) {
            $flat = array_merge($flat, phpway_flat_params($value, $name));
        } else {
            $flat += [$name => (string) $value];
        }
    }
    return $flat;
}

/** A request with nested arrays (receipt positions): makeFlatParamsArray, then the snippet. */
function phpway_sign_nested(string $script, array $params, string $secret): string
{
    return phpway_sign($script, phpway_flat_params($params), $secret);
}

/** makeFlatParamsXML: an element's children as flat name => text, tag + %03d(position). */
function phpway_flat_xml(SimpleXMLElement $element, string $parent = ''): array
{
    $flat = [];
    $position = 0;
    foreach ($element->children() as $child) {
        $position++;
        $tag = $child->getName();
        if ($tag === 'pg_sig') {
            continue;
        }
        $name = $parent . $tag . sprintf('%03d', $position);
        if ($child->count() > 0) {
            $flat = array_merge($flat, phpway_flat_xml($child, $name));
        } else {
            $flat += [$name => (string) $child];
        }
    }
    return $flat;
}

/** checkXML: whether the document's pg_sig is the signature of its content. */
function phpway_check_xml(string $script, SimpleXMLElement $xml, string $secret): bool
{
    $given = (string) $xml->pg_sig;
    return $given !== ''
        && hash_equals(phpway_sign($script, phpway_flat_params(phpway_flat_xml($xml)), $secret), $given);
}

/**
 * An element's children as an array keyed like the XML: leaves as strings,
 * elements with children as arrays, and an element that repeats (or that
 * the gateway may repeat) as a list. pg_sig is left out.
 */
function phpway_xml_to_array(SimpleXMLElement $element): array
{
    static $repeatable = ['card' => true, 'pg_refund_payment' => true, 'pg_revoked_payment' => true,
        'pg_receipt_position' => true];
    $seen = [];
    foreach ($element->children() as $child) {
        $name = $child->getName();
        $seen[$name] = ($seen[$name] ?? 0) + 1;
    }
    $out = [];
    foreach ($element->children() as $child) {
        $name = $child->getName();
        $value = $child->count() > 0 ? phpway_xml_to_array($child) : (string) $child;
        if ($seen[$name] > 1 || isset($repeatable[$name])) {
            $out[$name][] = $value;
        } else {
            $out[$name] = $value;
        }
    }
    return $out;
}

/** A signed reply: parsed with SimpleXML, verified with checkXML, returned as an array. */
function phpway_reply(string $script, string $body, string $secret): array
{
    $xml = simplexml_load_string($body, SimpleXMLElement::class, LIBXML_NONET);
    if ($xml === false) {
        throw new RuntimeException('the reply is not XML');
    }
    if (!phpway_check_xml($script, $xml, $secret)) {
        throw new RuntimeException('the reply has a wrong pg_sig');
    }
    $reply = phpway_xml_to_array($xml);
    unset($reply['pg_sig']);
    return $reply;
}

/** A status client with ext/curl: one handle, set up once and reused, so connections are kept alive. */
final class PhpWayClient
{
    private CurlHandle $curl;

    public function __construct(private string $baseUrl, private string $merchantId, private string $secret)
    {
        $this->curl = curl_init();
        curl_setopt_array($this->curl, [
            CURLOPT_POST => true,
            CURLOPT_RETURNTRANSFER => true,
            CURLOPT_TIMEOUT => 30,
            CURLOPT_CONNECTTIMEOUT => 10,
            CURLOPT_NOSIGNAL => true,
            CURLOPT_FOLLOWLOCATION => false,
            CURLOPT_PROTOCOLS => CURLPROTO_HTTP | CURLPROTO_HTTPS,
        ]);
    }

    public function status(array $query): array
    {
        $params = ['pg_merchant_id' => $this->merchantId] + $query;
        $params['pg_salt'] = bin2hex(random_bytes(16));
        $params['pg_sig'] = phpway_sign('get_status3.php', $params, $this->secret);
        curl_setopt($this->curl, CURLOPT_URL, $this->baseUrl . '/get_status3.php');
        curl_setopt($this->curl, CURLOPT_POSTFIELDS, http_build_query($params));
        $body = curl_exec($this->curl);
        if ($body === false) {
            throw new RuntimeException('get_status3.php: ' . curl_error($this->curl));
        }
        $code = curl_getinfo($this->curl, CURLINFO_RESPONSE_CODE);
        if ($code !== 200) {
            throw new RuntimeException("get_status3.php answered HTTP $code");
        }
        $reply = phpway_reply('get_status3.php', $body, $this->secret);
        foreach (['pg_payment_id', 'pg_order_id'] as $key) {
            if (isset($query[$key]) && ($reply[$key] ?? null) !== (string) $query[$key]) {
                throw new RuntimeException("the reply is about another payment ($key)");
            }
        }
        return $reply;
    }
}
