<?php
$MESS['SALE_HPS_FREEDOMPAY_NAME'] = 'FreedomPay';
$MESS['SALE_HPS_FREEDOMPAY_DESCRIPTION'] = 'Card payments on FreedomPay\'s payment page (Kazakhstan, Kyrgyzstan, Uzbekistan). Needs the freedompay PHP extension.';
$MESS['SALE_HPS_FREEDOMPAY_MERCHANT_ID'] = 'Merchant ID';
$MESS['SALE_HPS_FREEDOMPAY_SECRET_KEY'] = 'Secret key';
$MESS['SALE_HPS_FREEDOMPAY_SECRET_KEY_DESC'] = 'The payment secret key from the merchant cabinet: it signs every request and verifies every callback.';
$MESS['SALE_HPS_FREEDOMPAY_REGION'] = 'Region';
$MESS['SALE_HPS_FREEDOMPAY_TEST_MODE'] = 'Test payments (no money moves)';
$MESS['SALE_HPS_FREEDOMPAY_CHECK_URL'] = 'Check before charging (check_url)';
$MESS['SALE_HPS_FREEDOMPAY_CHECK_URL_DESC'] = 'FreedomPay asks the shop before each charge whether the order may still be paid. Turn it on in the merchant cabinet too.';
$MESS['SALE_HPS_FREEDOMPAY_ORDER_PREFIX'] = 'Order ID prefix';
$MESS['SALE_HPS_FREEDOMPAY_ORDER_PREFIX_DESC'] = 'Put before the payment ID in pg_order_id. Different for every site, or copy of a site (staging!), using the same merchant account.';
$MESS['SALE_HPS_FREEDOMPAY_RESULT_URL'] = 'Callback URL';
$MESS['SALE_HPS_FREEDOMPAY_RESULT_URL_DESC'] = 'Empty: https://<server name>/bitrix/tools/sale_ps_result.php';
$MESS['SALE_HPS_FREEDOMPAY_SUCCESS_URL'] = 'Page after a successful payment';
$MESS['SALE_HPS_FREEDOMPAY_FAILURE_URL'] = 'Page after a failed payment';
$MESS['SALE_HPS_FREEDOMPAY_BASE_URL'] = 'Gateway URL';
$MESS['SALE_HPS_FREEDOMPAY_BASE_URL_DESC'] = 'Empty for the real gateway; the sandbox\'s URL for development.';
