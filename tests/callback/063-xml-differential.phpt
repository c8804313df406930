--TEST--
XML verification against the docs' checkXML: 3,000 generated documents (nesting, repeats, names that are prefixes of others) verify; one changed value never does
--EXTENSIONS--
freedompay
--FILE--
<?php
/*
 * The reply path (hardened parse, checkXML verification, conversion to an
 * array) reached over a buffer through Callback::fromRequest(['pg_xml' =>
 * ...]). The sandbox's PHP (makeFlatParamsXML + makeFlatParamsArray, as the
 * docs print them) signs; the extension verifies.
 */
require_once dirname(__DIR__, 2) . '/sandbox/src/autoload.php';
use FreedomPay\Callback;
use FreedomPaySandbox\Signature as Docs;

mt_srand(63);
// Names chosen so that flattened names are often prefixes of one another.
$names = ['pg_a', 'pg_a0', 'pg_a00', 'pg_a001', 'pg_a0011', 'b', 'b1', 'card', 'pg_refund_payment', 'x', 'x0'];
$texts = ['', '0', 'ok', '1.50', 'a;b', '&amp;', '&lt;t&gt;', 'тест', ' spaced ', '001'];
function element(array $names, array $texts, int $depth): string
{
    $name = $names[mt_rand(0, count($names) - 1)];
    if ($depth < 3 && mt_rand(0, 3) === 0) {
        $inner = '';
        for ($n = mt_rand(1, 4); $n > 0; $n--) {
            $inner .= element($names, $texts, $depth + 1);
        }
        return "<$name>$inner</$name>";
    }
    return "<$name>" . $texts[mt_rand(0, count($texts) - 1)] . "</$name>";
}
$accepted = $ambiguous = $refused = $mutated = 0;
for ($i = 0; $i < 3000; $i++) {
    $inner = '';
    for ($n = mt_rand(1, 8); $n > 0; $n--) {
        $inner .= element($names, $texts, 0);
    }
    $xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<response>$inner<pg_salt>s$i</pg_salt></response>";
    $signed = str_replace('</response>', '<pg_sig>' . Docs::forXml('check', $xml, 'k') . '</pg_sig></response>', $xml);
    try {
        Callback::fromRequest(['pg_xml' => $signed], 'check', 'k');
        $accepted++;
    } catch (FreedomPay\SignatureException $e) {
        // Two leaves with one flattened name: PHP's flattening would drop one;
        // such a document is refused as ambiguous, never verified wrongly.
        if (str_contains($e->getMessage(), 'ambiguous')) {
            $ambiguous++;
        } else {
            echo "REFUSED: ", $e->getMessage(), "\n$signed\n";
        }
    }
    // One value changed.
    $change = preg_replace_callback('~<pg_salt>s(\d+)</pg_salt>~', fn($m) => '<pg_salt>t' . $m[1] . '</pg_salt>', $signed);
    $mutated++;
    try {
        Callback::fromRequest(['pg_xml' => $change], 'check', 'k');
    } catch (FreedomPay\SignatureException $e) {
        $refused++;
    }
}
echo "3000 documents: $accepted verified, $ambiguous refused as ambiguous, ", 3000 - $accepted - $ambiguous, " refused otherwise\n";
echo "$mutated changed values: $refused refused\n";
?>
--EXPECT--
3000 documents: 3000 verified, 0 refused as ambiguous, 0 refused otherwise
3000 changed values: 3000 refused
