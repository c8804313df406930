<?php
$MESS['SALE_HPS_FREEDOMPAY_NAME'] = 'FreedomPay';
$MESS['SALE_HPS_FREEDOMPAY_DESCRIPTION'] = 'Оплата картой на платёжной странице FreedomPay (Казахстан, Кыргызстан, Узбекистан). Нужно расширение PHP freedompay.';
$MESS['SALE_HPS_FREEDOMPAY_MERCHANT_ID'] = 'ID мерчанта';
$MESS['SALE_HPS_FREEDOMPAY_SECRET_KEY'] = 'Секретный ключ';
$MESS['SALE_HPS_FREEDOMPAY_SECRET_KEY_DESC'] = 'Секретный ключ для платежей из кабинета мерчанта: им подписываются запросы и проверяются уведомления.';
$MESS['SALE_HPS_FREEDOMPAY_REGION'] = 'Регион';
$MESS['SALE_HPS_FREEDOMPAY_TEST_MODE'] = 'Тестовые платежи (деньги не списываются)';
$MESS['SALE_HPS_FREEDOMPAY_CHECK_URL'] = 'Проверка перед списанием (check_url)';
$MESS['SALE_HPS_FREEDOMPAY_CHECK_URL_DESC'] = 'Перед списанием FreedomPay спрашивает магазин, можно ли ещё оплатить заказ. Включите и в кабинете мерчанта.';
$MESS['SALE_HPS_FREEDOMPAY_ORDER_PREFIX'] = 'Префикс номера заказа';
$MESS['SALE_HPS_FREEDOMPAY_ORDER_PREFIX_DESC'] = 'Ставится перед ID оплаты в pg_order_id. Свой для каждого сайта или его копии (тестовой!) с тем же мерчантом.';
$MESS['SALE_HPS_FREEDOMPAY_RESULT_URL'] = 'Адрес для уведомлений';
$MESS['SALE_HPS_FREEDOMPAY_RESULT_URL_DESC'] = 'Пусто: https://<имя сервера>/bitrix/tools/sale_ps_result.php';
$MESS['SALE_HPS_FREEDOMPAY_SUCCESS_URL'] = 'Страница после успешной оплаты';
$MESS['SALE_HPS_FREEDOMPAY_FAILURE_URL'] = 'Страница после неудачной оплаты';
$MESS['SALE_HPS_FREEDOMPAY_BASE_URL'] = 'Адрес шлюза';
$MESS['SALE_HPS_FREEDOMPAY_BASE_URL_DESC'] = 'Пусто для настоящего шлюза; адрес песочницы для разработки.';
