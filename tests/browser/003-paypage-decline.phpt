--TEST--
Browser: on the hosted page a malformed card number gets an inline error, a declined card, wrong one-time codes and a cancelled 3-D Secure end on the shop's failure URL with a signed error (or a clear result page); status() reports each failure
--DESCRIPTION--
Payments made with the extension's initPayment(), paid in headless Chromium:
1. a card number that fails the Luhn check: the payer stays on the payment
   page (same URL, payment still new), the card number field is marked
   invalid (aria-invalid) with a message under it, no other field is; then
   the payer clicks the "insufficient funds" test card and pays: the shop's
   /shop/failure gets pg_error_code 51 and pg_error_description by GET,
   signed for the script name "failure";
2. a declined card on a payment without shop URLs: the sandbox's result
   page says clearly that the payment was declined and why;
3. a 3-D Secure card and a wrong one-time code: the ACS page says so at the
   code; after three wrong codes the shop's failure URL gets code 6 by POST
   (pg_failure_url_method AUTOPOST);
4. a 3-D Secure card and Cancel on the ACS page: code 6 to the failure URL.
status() must report each payment's failure code and description.
The shop is a page of the test's own (nginx + php-fpm, no extension) showing
as JSON exactly what it received. Screenshots go to tests/browser/output/.
It starts Chromium, chromedriver, nginx and php-fpm, so it runs only in the
plain pass of CI, not under valgrind or with the ASan build.
--EXTENSIONS--
freedompay
--SKIPIF--
<?php
require __DIR__ . '/paypage.inc';
if ($why = paypage_unavailable()) {
    die("skip $why");
}
?>
--FILE--
<?php
require __DIR__ . '/paypage.inc';

$out = __DIR__ . '/output';
@unlink("$out/003-failure.png");   // only this run's failure may leave one
$sandbox = new SandboxServer();
$client = $sandbox->client();
$shop = paypage_shop();
$browser = new Browser();
$successUrl = "{$shop->url}/shop/success";
$failureUrl = "{$shop->url}/shop/failure";

/** A payment for the hosted page; $urls false: no shop URLs (the sandbox's result page). */
$create = function (string $tag, string $failureMethod = 'GET', bool $urls = true) use ($client, $successUrl, $failureUrl): array {
    $order = "bdecl-$tag-" . bin2hex(random_bytes(5));
    $ref = "cart-$tag-" . bin2hex(random_bytes(3));
    $p = $client->initPayment(['pg_order_id' => $order, 'pg_amount' => '990', 'pg_description' => 'A book', 'shop_ref' => $ref]
        + ($urls ? ['pg_success_url' => $successUrl, 'pg_failure_url' => $failureUrl, 'pg_failure_url_method' => $failureMethod] : []));
    return $p + ['order' => $order, 'ref' => $ref];
};

/** What the shop's failure page received, checked: method, path, fields, signature. */
$atFailure = function (array $got, array $p, string $method) use ($failureUrl, $successUrl): array {
    echo "landed: ", $got['method'], ' ', $got['path'], "\n";
    $fields = paypage_redirect_fields($got);
    $other = $method === 'GET' ? $got['post'] : $got['get'];
    $names = array_keys($fields);
    sort($names);
    echo "fields: ", implode(', ', $names), ($other ? ' (and unexpected ' . json_encode($other) . ')' : ''), "\n";
    echo "ours: order ", var_export(($fields['pg_order_id'] ?? null) === $p['order'], true),
        ", payment ", var_export(($fields['pg_payment_id'] ?? null) === (string) $p['pg_payment_id'], true),
        ", shop_ref ", var_export(($fields['shop_ref'] ?? null) === $p['ref'], true), "\n";
    echo "error: ", $fields['pg_error_code'] ?? '-', ' ', $fields['pg_error_description'] ?? '-', "\n";
    echo "signature: ", paypage_signature($failureUrl, $fields, ['pg_error_code', 'pg_error_description', 'pg_order_id']), "\n";
    echo "signature checked as success: ",
        var_export(FreedomPay\Signature::verify(FreedomPay\Signature::scriptName($successUrl), $fields, SANDBOX_SECRET), true), "\n";
    return $fields;
};

/** status() of the payment: its state and failure. */
$status = function (array $p) use ($client): void {
    $st = $client->status(['pg_payment_id' => $p['pg_payment_id']]);
    echo "status(): ", $st['pg_payment_status'], ', ', $st['pg_failure_code'] ?? '-', ' ', $st['pg_failure_description'] ?? '-',
        ", same order ", var_export($st['pg_order_id'] === $p['order'], true), "\n";
};

/** The error a field shows: [marked invalid, the message under it (aria-describedby, else the next .field-error), message visible]. */
$fieldError = function (Browser $b, string $css): array {
    return $b->script(<<<'JS'
        const f = document.querySelector(arguments[0]);
        if (!f) return [false, null, false];
        let msg = null;
        for (const id of (f.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean)) {
            const e = document.getElementById(id);
            if (e && e.textContent.trim() !== '') { msg = e; break; }
        }
        if (!msg) {
            for (let n = f.nextElementSibling; n; n = n.nextElementSibling) {
                if (n.matches('.field-error, [role=alert], .error, .invalid-feedback')) { msg = n; break; }
            }
        }
        const fr = f.getBoundingClientRect();
        const visible = !!msg && msg.getClientRects().length > 0 && getComputedStyle(msg).visibility !== 'hidden';
        const below = visible && msg.getBoundingClientRect().top >= fr.bottom - 1 && msg.getBoundingClientRect().top - fr.bottom < 60;
        return [f.getAttribute('aria-invalid') === 'true' || f.matches(':invalid'), msg ? msg.textContent.trim() : null, visible && below];
        JS, [$css]);
};

try {
    // 1. a malformed card number, then a declined card; GET to the failure URL
    echo "== malformed number, then declined (51), GET ==\n";
    $p = $create('funds');
    paypage_open($browser, $p['pg_redirect_url']);
    $browser->type('[name="card_number"]', '4916 3074 1633 4311');   // one digit off a test card: fails the Luhn check
    $browser->type('[name="card_exp"]', '12/30');
    $browser->type('[name="card_cvc"]', '123');
    $browser->type('[name="card_holder"]', 'Aigerim Testova');
    paypage_pay($browser);
    paypage_wait_for($browser, '[name="card_number"][aria-invalid="true"]');
    echo "still on the payment page: ", $browser->url() === $p['pg_redirect_url'] ? 'yes' : $browser->url(), "\n";
    [$invalid, $message, $under] = $fieldError($browser, '[name="card_number"]');
    echo "card number marked invalid: ", var_export($invalid, true), ", message under it: ", var_export($under, true), "\n";
    echo "it names the card number: ", var_export((bool) preg_match('/card number/i', (string) $message), true), "\n";
    echo "message: $message\n";
    $others = $browser->script('return [...document.querySelectorAll("[aria-invalid=true]")].map(e => e.name || e.id)');
    echo "fields marked invalid: ", implode(', ', $others), "\n";
    echo "inline error screenshot: ", paypage_shot($browser, "$out/003-1-inline-error.png"), "\n";
    echo "status() while the payer corrects it: ", $client->status(['pg_payment_id' => $p['pg_payment_id']])['pg_payment_status'], "\n";

    echo "card chosen: ", paypage_choose_card($browser, '4939770956154989', 'Aigerim Testova'), "\n";
    paypage_pay($browser);
    $got = paypage_wait_for_shop($browser, $shop);
    echo "shop screenshot: ", paypage_shot($browser, "$out/003-1-declined-shop.png"), "\n";
    $atFailure($got, $p, 'GET');
    $status($p);

    // 2. declined, no shop URLs: the sandbox's own result page
    echo "== declined (62), no shop URLs ==\n";
    $p = $create('restricted', 'GET', false);
    paypage_open($browser, $p['pg_redirect_url']);
    echo "card chosen: ", paypage_choose_card($browser, '5548398681700148', 'Aigerim Testova'), "\n";
    paypage_pay($browser);
    paypage_wait_for($browser, 'body');
    $text = $browser->text();
    $heading = $browser->has('h1') ? $browser->text('h1') : '';
    echo "result page heading: $heading\n";
    echo "says declined: ", var_export((bool) preg_match('/declined/i', $heading), true),
        ", says why: ", var_export(str_contains($text, 'Restricted card'), true),
        ", no card form: ", var_export(!$browser->has('[name="card_number"]'), true), "\n";
    echo "result page screenshot: ", paypage_shot($browser, "$out/003-2-declined-result.png"), "\n";
    $status($p);

    // 3. a 3-D Secure card, wrong one-time codes; AUTOPOST to the failure URL
    echo "== 3-D Secure, three wrong codes, AUTOPOST ==\n";
    $p = $create('otp', 'AUTOPOST');
    paypage_open($browser, $p['pg_redirect_url']);
    echo "card chosen: ", paypage_choose_card($browser, '4916307416334310', 'Aigerim Testova'), "\n";
    $otp = paypage_to_acs($browser);
    for ($try = 1; $try <= 3; $try++) {
        $otp->type('000000');
        paypage_leave($browser, fn(Browser $b) => $b->click('button[value="confirm"]'));
        if ($try < 3) {
            $otp = paypage_wait_for($browser, '[name="otp"][aria-invalid="true"]');
            [$invalid, $message, $under] = $fieldError($browser, '[name="otp"]');
            echo "wrong code $try: on the ACS page ", var_export(str_contains($browser->url(), '/acs.html'), true),
                ", code marked invalid ", var_export($invalid, true), ", message under it ", var_export($under, true), ": $message\n";
            if ($try === 1) {
                echo "ACS error screenshot: ", paypage_shot($browser, "$out/003-3-acs-wrong-code.png"), "\n";
            }
        }
    }
    $got = paypage_wait_for_shop($browser, $shop);
    echo "shop screenshot: ", paypage_shot($browser, "$out/003-3-otp-shop.png"), "\n";
    $atFailure($got, $p, 'POST');
    $status($p);

    // 4. a 3-D Secure card, Cancel at the ACS; GET to the failure URL
    echo "== 3-D Secure cancelled, GET ==\n";
    $p = $create('cancel');
    paypage_open($browser, $p['pg_redirect_url']);
    echo "card chosen: ", paypage_choose_card($browser, '5335215945367703', 'Aigerim Testova'), "\n";
    paypage_to_acs($browser);
    paypage_leave($browser, fn(Browser $b) => $b->click('button[value="cancel"]'));
    $got = paypage_wait_for_shop($browser, $shop);
    echo "shop screenshot: ", paypage_shot($browser, "$out/003-4-cancel-shop.png"), "\n";
    $atFailure($got, $p, 'GET');
    $status($p);
} catch (Throwable $e) {
    paypage_report_failure($e, $browser, $shop, $sandbox, "$out/003-failure.png");
}

paypage_cleanup($browser, $shop, $sandbox);
?>
--EXPECTF--
== malformed number, then declined (51), GET ==
still on the payment page: yes
card number marked invalid: true, message under it: true
it names the card number: true
message: %s
fields marked invalid: card_number
inline error screenshot: PNG saved
status() while the payer corrects it: new
card chosen: clicked
shop screenshot: PNG saved
landed: GET /shop/failure
fields: pg_error_code, pg_error_description, pg_order_id, pg_payment_id, pg_salt, pg_sig, shop_ref
ours: order true, payment true, shop_ref true
error: 51 Insufficient funds
signature: script 'failure', verify() true, pg_error_code altered false, pg_error_description altered false, pg_order_id altered false, pg_sig removed false
signature checked as success: false
status(): error, 51 Insufficient funds, same order true
== declined (62), no shop URLs ==
card chosen: clicked
result page heading: %s
says declined: true, says why: true, no card form: true
result page screenshot: PNG saved
status(): error, 62 Restricted card, same order true
== 3-D Secure, three wrong codes, AUTOPOST ==
card chosen: clicked
wrong code 1: on the ACS page true, code marked invalid true, message under it true: %s
ACS error screenshot: PNG saved
wrong code 2: on the ACS page true, code marked invalid true, message under it true: %s
shop screenshot: PNG saved
landed: POST /shop/failure
fields: pg_error_code, pg_error_description, pg_order_id, pg_payment_id, pg_salt, pg_sig, shop_ref
ours: order true, payment true, shop_ref true
error: 6 3-D Secure authentication failed
signature: script 'failure', verify() true, pg_error_code altered false, pg_error_description altered false, pg_order_id altered false, pg_sig removed false
signature checked as success: false
status(): error, 6 3-D Secure authentication failed, same order true
== 3-D Secure cancelled, GET ==
card chosen: clicked
shop screenshot: PNG saved
landed: GET /shop/failure
fields: pg_error_code, pg_error_description, pg_order_id, pg_payment_id, pg_salt, pg_sig, shop_ref
ours: order true, payment true, shop_ref true
error: 6 3-D Secure authentication failed
signature: script 'failure', verify() true, pg_error_code altered false, pg_error_description altered false, pg_order_id altered false, pg_sig removed false
signature checked as success: false
status(): error, 6 3-D Secure authentication failed, same order true
browser quit: 0 processes left, profile dir removed
shop stopped: 0 processes left, dir removed
sandbox stopped: port closed
