<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

/**
 * A gateway reply: ordered fields rendered as the gateway's pretty-printed
 * XML. A list value repeats its element (<card>…</card><card>…</card>); an
 * associative array nests. Signed replies get a fresh pg_salt and pg_sig.
 */
final class Reply
{
    public function __construct(public array $fields, public bool $signed = true)
    {
    }

    public static function error(GatewayError $e): self
    {
        return new self([
            'pg_status' => 'error',
            'pg_error_code' => (string) $e->getCode(),
            'pg_error_description' => $e->getMessage(),
        ], $e->signed);
    }

    /** The final XML; $script and $secret sign it unless it is unsigned. */
    public function render(string $script, ?string $secret): string
    {
        if (!$this->signed || $secret === null) {
            return self::xml($this->fields);
        }
        $fields = $this->fields + ['pg_salt' => bin2hex(random_bytes(8))];
        $fields['pg_sig'] = Signature::forXml($script, self::xml($fields), $secret);
        return self::xml($fields);
    }

    /** The document; $root "request" for the XML request method (one pg_xml field). */
    public static function xml(array $fields, string $root = 'response'): string
    {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<$root>\n" . self::elements($fields, 1) . "</$root>\n";
    }

    private static function elements(array $fields, int $depth): string
    {
        $out = '';
        foreach ($fields as $name => $value) {
            $items = is_array($value) && $value !== [] && array_is_list($value) ? $value : [$value];
            foreach ($items as $item) {
                $out .= self::element((string) $name, $item, $depth);
            }
        }
        return $out;
    }

    private static function element(string $name, mixed $value, int $depth): string
    {
        $pad = str_repeat('    ', $depth);
        if (is_array($value)) {
            return "$pad<$name>\n" . self::elements($value, $depth + 1) . "$pad</$name>\n";
        }
        $text = (string) $value;
        if ($text === '') {
            return "$pad<$name/>\n";
        }
        return "$pad<$name>" . htmlspecialchars($text, ENT_XML1 | ENT_QUOTES | ENT_SUBSTITUTE, 'UTF-8') . "</$name>\n";
    }
}
