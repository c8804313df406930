--TEST--
Signature::salt(): 32 lower-case hex characters from the CSPRNG, never repeating
--EXTENSIONS--
freedompay
--FILE--
<?php
$seen = [];
$bad = 0;
$nibbles = array_fill(0, 16, 0);
for ($i = 0; $i < 2000; $i++) {
    $s = FreedomPay\Signature::salt();
    if (!preg_match('/^[0-9a-f]{32}$/D', $s)) {
        $bad++;
    }
    $seen[$s] = true;
    foreach (str_split($s) as $c) {
        $nibbles[hexdec($c)]++;
    }
}
printf("%d salts, %d malformed, %d distinct\n", 2000, $bad, count($seen));
// 64,000 hex digits: each of the 16 appears about 4,000 times.
echo min($nibbles) > 3500 && max($nibbles) < 4500 ? "digits evenly spread\n" : "SKEWED: " . json_encode($nibbles) . "\n";
?>
--EXPECT--
2000 salts, 0 malformed, 2000 distinct
digits evenly spread
