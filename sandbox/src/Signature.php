<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

/**
 * The gateway's signatures, with the documentation's own PHP (never the
 * extension): the snippet for flat requests, PG_Signature's
 * makeFlatParamsArray for nested ones, and checkXML's flattening for XML.
 */
final class Signature
{
    /** The last path segment: "/v1/merchant/1/card/init" gives "init". */
    public static function scriptName(string $path): string
    {
        $path = explode('?', $path, 2)[0];
        $pos = strrpos($path, '/');
        return $pos === false ? $path : substr($path, $pos + 1);
    }

    /** What the sender should have signed a request with. */
    public static function forRequest(string $script, array $fields, string $secret): string
    {
        unset($fields['pg_sig']);
        foreach ($fields as $value) {
            if (is_array($value)) {
                return self::forFlat($script, self::makeFlatParamsArray($fields), $secret);
            }
        }
        // The docs' snippet.
        ksort($fields);
        array_unshift($fields, $script);
        array_push($fields, $secret);
        return md5(implode(';', $fields));
    }

    public static function verifyRequest(string $script, array $fields, string $secret): bool
    {
        $given = $fields['pg_sig'] ?? null;
        return is_string($given) && hash_equals(self::forRequest($script, $fields, $secret), $given);
    }

    /** pg_sig of an XML document (its pg_sig element, if any, is left out). */
    public static function forXml(string $script, string $xml, string $secret): string
    {
        $doc = simplexml_load_string($xml, \SimpleXMLElement::class, LIBXML_NONET);
        if ($doc === false) {
            throw new \RuntimeException('cannot sign malformed XML');
        }
        return self::forFlat($script, self::makeFlatParamsArray(self::makeFlatParamsXml($doc)), $secret);
    }

    public static function makeFlatParamsArray(array $params, string $parentName = ''): array
    {
        $flat = [];
        $i = 0;
        foreach ($params as $key => $value) {
            $i++;
            if ($key == 'pg_sig') {
                continue;
            }
            $name = $parentName . $key . sprintf('%03d', $i);
            if (is_array($value)) {
                $flat = array_merge($flat, self::makeFlatParamsArray($value, $name));
                continue;
            }
            $flat += [$name => (string) $value];
        }
        return $flat;
    }

    /** PG_Signature::makeFlatParamsXML: element names tag + %03d(position). */
    public static function makeFlatParamsXml(\SimpleXMLElement $xml, string $parentName = ''): array
    {
        $flat = [];
        $i = 0;
        foreach ($xml->children() as $tag) {
            $i++;
            if ($tag->getName() === 'pg_sig') {
                continue;
            }
            $name = $parentName . $tag->getName() . sprintf('%03d', $i);
            if ($tag->count() > 0) {
                $flat = array_merge($flat, self::makeFlatParamsXml($tag, $name));
                continue;
            }
            $flat += [$name => (string) $tag];
        }
        return $flat;
    }

    private static function forFlat(string $script, array $flat, string $secret): string
    {
        ksort($flat);
        array_unshift($flat, $script);
        array_push($flat, $secret);
        return md5(implode(';', $flat));
    }
}
