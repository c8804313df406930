--TEST--
Browser: headless Chromium pays a sandbox payment on the hosted page; the extension's status() then reports success
--DESCRIPTION--
The smoke test of tests/inc/browser.inc, against the sandbox gateway: the
extension creates a payment, Debian's Chromium (driven over WebDriver by
chromedriver) opens its pg_redirect_url, fills the card form (fields found by
their name attributes only: the page's look may change, those names do not)
and submits it; status() must then say success. Screenshots of the filled form
and of the result go to tests/browser/output/ (not committed).
It starts real Chromium and chromedriver processes, so it runs only in the
plain pass of CI, not under valgrind or with the ASan build.
--EXTENSIONS--
freedompay
--SKIPIF--
<?php
require __DIR__ . '/../inc/browser.inc';
if ($why = Browser::unavailable()) {
    die("skip $why");
}
?>
--FILE--
<?php
require __DIR__ . '/../inc/browser.inc';
require __DIR__ . '/../inc/sandbox.inc';

$out = __DIR__ . '/output';
$sandbox = new SandboxServer();
$client = $sandbox->client();
$browser = new Browser();

try {
    $order = 'browser-' . bin2hex(random_bytes(6));
    $p = $client->initPayment(['pg_order_id' => $order, 'pg_amount' => '100', 'pg_description' => 'Browser smoke test']);
    echo "payment created: ", $client->status(['pg_payment_id' => $p['pg_payment_id']])['pg_payment_status'], "\n";

    $browser->visit($p['pg_redirect_url']);
    echo "opened pg_redirect_url: ", $browser->url() === $p['pg_redirect_url'] ? 'yes' : $browser->url(), "\n";

    $fields = ['card_number' => '4405645000006150', 'card_exp' => '12/30', 'card_cvc' => '653', 'card_holder' => 'Test User'];
    $browser->waitFor('[name="card_number"]');
    foreach ($fields as $name => $value) {
        $browser->type("[name=\"$name\"]", $value);
    }
    // what the fields hold once typed into (a page may format a card number with spaces)
    $held = [];
    foreach ($fields as $name => $value) {
        $now = (string) $browser->find("[name=\"$name\"]")->property('value');
        $held[] = $name . ($now === $value || preg_replace('/\s/', '', $now) === $value ? ' ok' : " holds '$now'");
    }
    echo "typed by name: ", implode(', ', $held), "\n";
    echo "form screenshot: ", $browser->screenshot("$out/001-paypage-form.png") > 1000 ? 'PNG saved' : 'too small', "\n";

    $onForm = $browser->find('[name="card_number"]');
    $browser->submit('[name="card_number"]');
    $browser->waitForNewPage($onForm, 60);
    echo "submitted: a new page loaded, ", $browser->has('[name="card_number"]') ? 'STILL A CARD FORM' : 'no card form on it', "\n";
    echo "result screenshot: ", $browser->screenshot("$out/001-paypage-result.png") > 1000 ? 'PNG saved' : 'too small', "\n";

    $status = $client->status(['pg_payment_id' => $p['pg_payment_id']]);
    echo "status() pg_payment_status === 'success': ", var_export($status['pg_payment_status'] === 'success', true), "\n";
    echo "same order: ", var_export($status['pg_order_id'] === $order, true), "\n";
    echo "paid with the card typed: ", var_export(str_ends_with(preg_replace('/\D/', '', $status['pg_card_pan'] ?? ''), '6150'), true), "\n";
} catch (Throwable $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n--- page ---\n";
    try {
        echo $browser->url(), "\n", substr($browser->source(), 0, 3000), "\n";
        $browser->screenshot("$out/001-paypage-failure.png");
    } catch (Throwable) {
    }
    echo "--- chromedriver log (tail) ---\n", $browser->log(30), "\n";
}

$dir = $browser->dir;
$browser->quit();
echo "after quit: ", count($browser->processes()), " processes left, profile dir ",
    file_exists($dir) ? 'still there' : 'removed', "\n";
?>
--EXPECT--
payment created: new
opened pg_redirect_url: yes
typed by name: card_number ok, card_exp ok, card_cvc ok, card_holder ok
form screenshot: PNG saved
submitted: a new page loaded, no card form on it
result screenshot: PNG saved
status() pg_payment_status === 'success': true
same order: true
paid with the card typed: true
after quit: 0 processes left, profile dir removed
