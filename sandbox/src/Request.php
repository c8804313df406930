<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

/** One HTTP request to the sandbox. */
final class Request
{
    public function __construct(
        public readonly string $method,
        public readonly string $path,
        /** @var array<string, mixed> form fields, nested arrays as PHP parses brackets */
        public readonly array $fields,
        /** @var array<string, string> lower-case names */
        public readonly array $headers,
        public readonly string $rawBody,
        public readonly string $host,
    ) {
    }

    public static function fromGlobals(): self
    {
        $method = $_SERVER['REQUEST_METHOD'] ?? 'GET';
        $path = (string) parse_url($_SERVER['REQUEST_URI'] ?? '/', PHP_URL_PATH);
        $headers = [];
        foreach ($_SERVER as $k => $v) {
            if (str_starts_with($k, 'HTTP_')) {
                $headers[strtolower(str_replace('_', '-', substr($k, 5)))] = (string) $v;
            }
        }
        if (isset($_SERVER['CONTENT_TYPE'])) {
            $headers['content-type'] = (string) $_SERVER['CONTENT_TYPE'];
        }
        $raw = (string) file_get_contents('php://input');
        $fields = $method === 'POST' ? $_POST + $_GET : $_GET;
        if (isset($fields['pg_xml']) && is_string($fields['pg_xml'])) {
            $fields = self::fieldsFromXml($fields['pg_xml']) ?? $fields;
        }
        return new self($method, $path, $fields, $headers, $raw, $headers['host'] ?? '127.0.0.1');
    }

    /** The XML request method: <request><pg_…>…</pg_…></request> in one field. */
    private static function fieldsFromXml(string $xml): ?array
    {
        if (stripos($xml, '<!DOCTYPE') !== false) {
            return null;
        }
        $doc = simplexml_load_string($xml, \SimpleXMLElement::class, LIBXML_NONET);
        return $doc === false ? null : self::xmlToArray($doc);
    }

    private static function xmlToArray(\SimpleXMLElement $el): array
    {
        $out = [];
        foreach ($el->children() as $child) {
            $out[$child->getName()] = $child->count() > 0 ? self::xmlToArray($child) : (string) $child;
        }
        return $out;
    }

    public function script(): string
    {
        return Signature::scriptName($this->path);
    }

    public function field(string $name): ?string
    {
        $v = $this->fields[$name] ?? null;
        return is_string($v) ? $v : null;
    }

    public function header(string $name): ?string
    {
        return $this->headers[strtolower($name)] ?? null;
    }
}
