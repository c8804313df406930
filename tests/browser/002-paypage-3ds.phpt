--TEST--
Browser: a payer pays on the hosted page with a 3-D Secure test card, passes the ACS and lands on the shop's success URL with signed parameters (GET and POST)
--DESCRIPTION--
Two payments made with the extension's initPayment(), one returning to the
shop by GET, one by POST. For each, headless Chromium opens pg_redirect_url;
the page must show the merchant's name and the amount (large, above the card
form, on the first screen) and list the sandbox README's test cards. The
payer clicks a 3-D Secure test card (a click fills the form), types a name,
pays, types the one-time code on the ACS page and comes back to the shop's
/shop/success: a page of the test's own (nginx + php-fpm, no extension)
showing as JSON exactly what it received. Those fields must be pg_order_id,
pg_payment_id, the shop's own field, pg_salt and pg_sig, and
FreedomPay\Signature::verify() with the script name of the success URL must
accept them, and refuse them with any value changed. status() must then say
success. Screenshots of the payment page, the ACS page and the shop's page
go to tests/browser/output/ (not committed).
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
@unlink("$out/002-failure.png");   // only this run's failure may leave one
$sandbox = new SandboxServer();
$client = $sandbox->client();
$shop = paypage_shop();
$browser = new Browser();
$successUrl = "{$shop->url}/shop/success";
$failureUrl = "{$shop->url}/shop/failure";

try {
    foreach ([['GET', '4916307416334310', 'get'], ['POST', '5335215945367703', 'post']] as [$method, $card, $tag]) {
        echo "== $method back to the shop, 3-D Secure card ", PAYPAGE_TEST_CARDS[$card] === '3-D Secure, then approved' ? 'ok' : '?', " ==\n";
        $order = "b3ds-$tag-" . bin2hex(random_bytes(5));
        $ref = "cart-$tag-" . bin2hex(random_bytes(3));
        $p = $client->initPayment([
            'pg_order_id' => $order,
            'pg_amount' => '12500.50',
            'pg_description' => 'Two books and a pen',
            'pg_success_url' => $successUrl,
            'pg_failure_url' => $failureUrl,
            'pg_success_url_method' => $method,
            'pg_failure_url_method' => $method,
            'shop_ref' => $ref,
        ]);
        $id = $p['pg_payment_id'];

        // the hosted page
        paypage_open($browser, $p['pg_redirect_url']);
        echo "on pg_redirect_url: ", $browser->url() === $p['pg_redirect_url'] ? 'yes' : $browser->url(), "\n";
        echo "merchant name 'Sandbox Book Shop' at the top: ", paypage_prominent($browser, 'Sandbox Book Shop', 0.75), "\n";
        echo "amount 12 500.50 KZT large at the top: ", paypage_prominent($browser, '12 500.50 KZT', 1.5), "\n";
        $missing = paypage_missing_cards($browser, array_keys(PAYPAGE_TEST_CARDS));
        echo "README's test cards listed: ", $missing ? 'MISSING ' . implode(', ', $missing) : 'all ' . count(PAYPAGE_TEST_CARDS), "\n";
        echo "card chosen: ", paypage_choose_card($browser, $card, 'Aigerim Testova'), "\n";
        echo "payment page screenshot: ", paypage_shot($browser, "$out/002-$tag-1-payment-page.png"), "\n";

        // the bank's 3-D Secure page
        $otp = paypage_to_acs($browser);
        $acs = preg_replace('/\s+/u', '', $browser->text());
        echo "ACS page names the merchant and the amount: ",
            var_export(str_contains($acs, 'SandboxBookShop') && str_contains($acs, '12500.50'), true), "\n";
        $otp->type(PAYPAGE_OTP);
        echo "ACS screenshot: ", paypage_shot($browser, "$out/002-$tag-2-acs.png"), "\n";
        paypage_leave($browser, fn(Browser $b) => $b->click('button[value="confirm"]'));

        // back at the shop
        $got = paypage_wait_for_shop($browser, $shop);
        echo "shop screenshot: ", paypage_shot($browser, "$out/002-$tag-3-shop.png"), "\n";
        echo "landed: ", $got['method'], ' ', $got['path'], "\n";
        $fields = paypage_redirect_fields($got);
        $other = $method === 'GET' ? $got['post'] : $got['get'];
        $names = array_keys($fields);
        sort($names);
        echo "fields: ", implode(', ', $names), ($other ? ' (and unexpected ' . json_encode($other) . ')' : ''), "\n";
        echo "pg_order_id ours: ", var_export(($fields['pg_order_id'] ?? null) === $order, true),
            ", pg_payment_id ours: ", var_export(($fields['pg_payment_id'] ?? null) === (string) $id, true),
            ", shop_ref back: ", var_export(($fields['shop_ref'] ?? null) === $ref, true), "\n";
        echo "salt and signature present: ", var_export(($fields['pg_salt'] ?? '') !== '' && preg_match('/^[0-9a-f]{32}$/', $fields['pg_sig'] ?? '') === 1, true), "\n";
        echo "signature: ", paypage_signature($successUrl, $fields, ['pg_order_id', 'pg_payment_id', 'shop_ref', 'pg_salt']), "\n";
        echo "signature checked as failure: ",
            var_export(FreedomPay\Signature::verify(FreedomPay\Signature::scriptName($failureUrl), $fields, SANDBOX_SECRET), true), "\n";

        $st = $client->status(['pg_payment_id' => $id]);
        echo "status(): ", $st['pg_payment_status'], ", same order ", var_export($st['pg_order_id'] === $order, true),
            ", card ", str_ends_with(preg_replace('/\D/', '', $st['pg_card_pan'] ?? ''), substr($card, -4)) ? 'the 3-D Secure one' : ($st['pg_card_pan'] ?? 'none'),
            ", name ", $st['pg_card_name'] ?? '-', "\n";
    }
} catch (Throwable $e) {
    paypage_report_failure($e, $browser, $shop, $sandbox, "$out/002-failure.png");
}

paypage_cleanup($browser, $shop, $sandbox);
?>
--EXPECT--
== GET back to the shop, 3-D Secure card ok ==
on pg_redirect_url: yes
merchant name 'Sandbox Book Shop' at the top: yes
amount 12 500.50 KZT large at the top: yes
README's test cards listed: all 10
card chosen: clicked
payment page screenshot: PNG saved
ACS page names the merchant and the amount: true
ACS screenshot: PNG saved
shop screenshot: PNG saved
landed: GET /shop/success
fields: pg_order_id, pg_payment_id, pg_salt, pg_sig, shop_ref
pg_order_id ours: true, pg_payment_id ours: true, shop_ref back: true
salt and signature present: true
signature: script 'success', verify() true, pg_order_id altered false, pg_payment_id altered false, shop_ref altered false, pg_salt altered false, pg_sig removed false
signature checked as failure: false
status(): success, same order true, card the 3-D Secure one, name AIGERIM TESTOVA
== POST back to the shop, 3-D Secure card ok ==
on pg_redirect_url: yes
merchant name 'Sandbox Book Shop' at the top: yes
amount 12 500.50 KZT large at the top: yes
README's test cards listed: all 10
card chosen: clicked
payment page screenshot: PNG saved
ACS page names the merchant and the amount: true
ACS screenshot: PNG saved
shop screenshot: PNG saved
landed: POST /shop/success
fields: pg_order_id, pg_payment_id, pg_salt, pg_sig, shop_ref
pg_order_id ours: true, pg_payment_id ours: true, shop_ref back: true
salt and signature present: true
signature: script 'success', verify() true, pg_order_id altered false, pg_payment_id altered false, shop_ref altered false, pg_salt altered false, pg_sig removed false
signature checked as failure: false
status(): success, same order true, card the 3-D Secure one, name AIGERIM TESTOVA
browser quit: 0 processes left, profile dir removed
shop stopped: 0 processes left, dir removed
sandbox stopped: port closed
