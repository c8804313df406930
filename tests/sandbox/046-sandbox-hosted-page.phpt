--TEST--
Sandbox: the hosted payment page as a browser uses it: card form, inline errors, 3-D Secure, signed redirects to the shop's success and failure URLs (GET and POST)
--FILE--
<?php
require __DIR__ . '/purchase.inc';
use FreedomPaySandbox\Signature;
$s = new FreedomPaySandbox\Server();
$local = fn(string $url) => parse_url($url, PHP_URL_PATH) . '?' . parse_url($url, PHP_URL_QUERY);

/** Checks a redirect's fields as the shop would: script name = last segment of its URL. */
function shop_verifies(string $url, array $fields): string
{
    return Signature::verifyRequest(Signature::scriptName(parse_url($url, PHP_URL_PATH)), $fields, SB_SECRET) ? 'verified' : 'BAD SIGNATURE';
}

$p = sb_call($s, '/init_payment.php', ['pg_amount' => '12500', 'pg_description' => 'Two books', 'pg_order_id' => 'order-77',
    'pg_success_url' => 'https://shop.example/pay/done?ref=7', 'pg_failure_url' => 'https://shop.example/pay/fail',
    'cart' => '42', 'items' => ['a' => 'Book', 'b' => 'Pen']]);
$page = $local($p['pg_redirect_url']);

// The form.
[$st, , $html] = sb_http($s, 'GET', $page);
echo "page: $st\n";
foreach (['Sandbox Book Shop', '12' . "\u{2009}" . '500.00', 'order-77', 'Two books', 'name="card_number"', 'name="card_exp"',
             'name="card_cvc"', 'name="card_holder"', 'type="submit"', 'data-number="4916 3074 1633 4310"'] as $needle) {
    echo '  has ', str_replace("\u{2009}", '_', $needle), ': ', str_contains($html, $needle) ? 'yes' : 'NO', "\n";
}
echo '  test cards listed: ', substr_count($html, 'data-number='), "\n";
echo '  external assets: ', preg_match('~(src|href)="https?://~', $html) ? 'YES' : 'none', "\n";

// Inline errors; what was typed stays (but not the CVC).
[$st, , $html] = sb_http($s, 'POST', $page, ['card_number' => '4716 0472 6194 1982', 'card_exp' => '13/30', 'card_cvc' => '1']);
echo "bad card data: $st, ", substr_count($html, 'aria-invalid="true"'), ' fields marked: ';
preg_match_all('~class="field-error" id="([a-z_]+)-error">([^<]+)<~', $html, $m, PREG_SET_ORDER);
echo implode('; ', array_map(fn($x) => "$x[1]: $x[2]", $m)), "\n";
echo '  kept: ', str_contains($html, 'value="4716 0472 6194 1982"') ? 'number' : 'NOT THE NUMBER', ' ', str_contains($html, 'value="1"') ? 'CVC KEPT' : '', "\n";
echo '  still new: ', sb_status($s, $p['pg_payment_id'])['pg_payment_status'], "\n";

// Paid: 303 to the success URL, GET, added to its query string; signed over what the shop receives.
[$st, $headers] = sb_http($s, 'POST', $page, ['card_number' => '4716 0472 6194 1981', 'card_exp' => '12/30', 'card_cvc' => '123',
    'card_holder' => 'Ivan Petrov']);
$to = $headers['location'];
parse_str(parse_url($to, PHP_URL_QUERY), $query);
echo "paid: $st ", strtok($to, '?'), "\n  ", implode(',', array_keys($query)), ' ', shop_verifies($to, $query), "\n";
echo '  values: ', json_encode(array_diff_key($query, ['pg_salt' => 1, 'pg_sig' => 1, 'pg_payment_id' => 1])), "\n";
echo '  wrong script name: ', Signature::verifyRequest('pay', $query, SB_SECRET) ? 'VERIFIED' : 'refused', "\n";
echo '  status: ', sb_show(sb_status($s, $p['pg_payment_id']), 'pg_payment_status', 'pg_card_name', 'pg_card_pan'), "\n";
[$st, $headers] = sb_http($s, 'GET', $page);
echo '  the page again: ', $st, ' ', strtok($headers['location'], '?'), "\n";
[$st, $headers] = sb_http($s, 'POST', $page, ['card_number' => '4939 7709 5615 4989', 'card_exp' => '12/30', 'card_cvc' => '123']);
echo '  paying again: ', $st, ' ', strtok($headers['location'], '?'), ' ', sb_status($s, $p['pg_payment_id'])['pg_payment_status'], "\n";

// Declined, the failure URL by POST: an auto-submitting form with the error.
$d = sb_call($s, '/g2g/payment_page', ['pg_amount' => '10', 'pg_description' => 'x', 'pg_order_id' => 'order-78',
    'pg_failure_url' => 'https://shop.example/pay/fail', 'pg_failure_url_method' => 'POST', 'note' => 'hi']);
[$st, , $html] = sb_http($s, 'POST', $local($d['pg_redirect_url']), ['card_number' => '4939770956154989', 'card_exp' => '12/30', 'card_cvc' => '123']);
$form = sb_form($html);
echo "declined: $st ", $form['method'], ' ', $form['action'], ' ', str_contains($html, '.submit()') ? 'auto-submits' : 'NO SCRIPT', "\n  ",
    implode(',', array_keys($form['fields'])), ' ', shop_verifies($form['action'], $form['fields']), "\n";
echo '  error: ', $form['fields']['pg_error_code'], ' ', $form['fields']['pg_error_description'], "\n";

// AUTOPOST is POST; frame mode sends pg_status instead of pg_payment_id on failure.
$f = sb_call($s, '/init_payment.php', ['pg_amount' => '10', 'pg_description' => 'x', 'pg_payment_route' => 'frame',
    'pg_failure_url' => 'https://shop.example/frame/back', 'pg_failure_url_method' => 'AUTOPOST']);
$form = sb_form(sb_http($s, 'POST', $local($f['pg_redirect_url']), ['card_number' => '5548398681700148', 'card_exp' => '12/30', 'card_cvc' => '123'])[2]);
echo 'frame failure: ', $form['method'], ' ', implode(',', array_keys($form['fields'])), ' ', $form['fields']['pg_error_code'], ' ',
    shop_verifies($form['action'], $form['fields']), "\n";

// No URLs: a result page.
$n = sb_call($s, '/init_payment.php', ['pg_amount' => '3', 'pg_description' => 'x', 'pg_auto_clearing' => '0']);
[$st, , $html] = sb_http($s, 'POST', $local($n['pg_redirect_url']), ['card_number' => '5367654276102126', 'card_exp' => '12/30', 'card_cvc' => '123']);
echo "two-stage, no URL: $st ", str_contains($html, 'Payment accepted') ? 'accepted' : 'NOT ACCEPTED', ' ',
    sb_show(sb_status($s, $n['pg_payment_id']), 'pg_payment_status', 'pg_captured'), "\n";
$e = sb_call($s, '/init_payment.php', ['pg_amount' => '3', 'pg_description' => 'x']);
[$st, , $html] = sb_http($s, 'POST', $local($e['pg_redirect_url']), ['card_number' => '4000000000000002', 'card_exp' => '12/30', 'card_cvc' => '123']);
echo "declined, no URL: $st ", str_contains($html, 'Payment declined') && str_contains($html, 'Transaction declined') ? 'declined' : 'NOT DECLINED', "\n";

// 3-D Secure on the page: to the ACS, a code, back to the page, on to the shop.
$t = sb_call($s, '/init_payment.php', ['pg_amount' => '20', 'pg_description' => '3ds', 'pg_success_url' => 'https://shop.example/ok']);
$tpage = $local($t['pg_redirect_url']);
[$st, , $html] = sb_http($s, 'POST', $tpage, ['card_number' => '4916307416334310', 'card_exp' => '12/30', 'card_cvc' => '123']);
$toAcs = sb_form($html);
echo "3ds: $st ", $toAcs['action'], ' ', implode(',', array_keys($toAcs['fields'])), ' back to the page: ',
    var_export($toAcs['fields']['TermUrl'] === $t['pg_redirect_url'], true), "\n";
[$st, , $html] = sb_http($s, 'GET', $tpage);
echo '  the page meanwhile: ', sb_form($html)['action'] ?? 'NO FORM', "\n";
$back = sb_form(sb_http($s, 'POST', $toAcs['action'], $toAcs['fields'] + ['otp' => '111111', 'action' => 'confirm'])[2]);
echo '  the ACS posts to ', $back['action'] === $t['pg_redirect_url'] ? 'the page' : $back['action'], "\n";
[$st, $headers] = sb_http($s, 'POST', $local($back['action']), $back['fields']);
echo "  back on the page: $st ", strtok($headers['location'], '?'), ' ', sb_status($s, $t['pg_payment_id'])['pg_payment_status'], "\n";
$u = sb_call($s, '/init_payment.php', ['pg_amount' => '20', 'pg_description' => '3ds fail']);
$toAcs = sb_form(sb_http($s, 'POST', $local($u['pg_redirect_url']), ['card_number' => '5335215945367703', 'card_exp' => '12/30', 'card_cvc' => '123'])[2]);
$back = sb_form(sb_http($s, 'POST', $toAcs['action'], $toAcs['fields'] + ['action' => 'cancel'])[2]);
[$st, , $html] = sb_http($s, 'POST', $local($back['action']), $back['fields']);
echo "3ds cancelled: $st ", str_contains($html, '3-D Secure authentication failed') ? 'declined' : 'NOT DECLINED', "\n";
[$st, , $html] = sb_http($s, 'POST', $tpage, ['PaRes' => 'forged', 'MD' => 'x']);
echo 'a PaRes for a decided payment: ', $st, ' ', sb_status($s, $t['pg_payment_id'])['pg_payment_status'], "\n";

// Cancelled by the shop before the payer paid: the failure URL with 350.
$c = sb_call($s, '/init_payment.php', ['pg_amount' => '5', 'pg_description' => 'x', 'pg_failure_url' => 'https://shop.example/f']);
sb_call($s, '/cancel.php', ['pg_payment_id' => $c['pg_payment_id']]);
[$st, $headers] = sb_http($s, 'GET', $local($c['pg_redirect_url']));
parse_str(parse_url($headers['location'], PHP_URL_QUERY), $q);
echo "cancelled: $st ", $q['pg_error_code'], ' ', $q['pg_error_description'], ' ', shop_verifies($headers['location'], $q), "\n";

// Unknown payment links.
echo 'unknown token: ', sb_http($s, 'GET', '/pay.html?customer=nope')[0], ' ', sb_http($s, 'GET', '/pay.html')[0], "\n";
?>
--EXPECTF--
page: 200
  has Sandbox Book Shop: yes
  has 12_500.00: yes
  has order-77: yes
  has Two books: yes
  has name="card_number": yes
  has name="card_exp": yes
  has name="card_cvc": yes
  has name="card_holder": yes
  has type="submit": yes
  has data-number="4916 3074 1633 4310": yes
  test cards listed: 10
  external assets: none
bad card data: 200, 3 fields marked: card_number: This card number is not valid; card_exp: Enter the expiry date as MM/YY; card_cvc: Enter the 3 or 4 digits on the back of the card
  kept: number 
  still new: new
paid: 303 https://shop.example/pay/done
  ref,pg_order_id,pg_payment_id,cart,items,pg_salt,pg_sig verified
  values: {"ref":"7","pg_order_id":"order-77","cart":"42","items":{"a":"Book","b":"Pen"}}
  wrong script name: refused
  status: pg_payment_status=success pg_card_name=IVAN PETROV pg_card_pan=4716-04XX-XXXX-1981
  the page again: 303 https://shop.example/pay/done
  paying again: 303 https://shop.example/pay/done success
declined: 200 post https://shop.example/pay/fail auto-submits
  pg_order_id,pg_payment_id,note,pg_error_code,pg_error_description,pg_salt,pg_sig verified
  error: 51 Insufficient funds
frame failure: post pg_order_id,pg_status,pg_error_code,pg_error_description,pg_salt,pg_sig 62 verified
two-stage, no URL: 200 accepted pg_payment_status=success pg_captured=0
declined, no URL: 200 declined
3ds: 200 /acs.html PaReq,MD,TermUrl back to the page: true
  the page meanwhile: /acs.html
  the ACS posts to the page
  back on the page: 303 https://shop.example/ok success
3ds cancelled: 200 declined
a PaRes for a decided payment: 303 success
cancelled: 303 350 The payment was cancelled verified
unknown token: 404 404
