<?php
$MESS['SALE_HPS_FREEDOMPAY_ORDER_DESCRIPTION'] = 'Оплата №#PAYMENT_NUMBER# заказа №#ORDER_NUMBER#';
$MESS['SALE_HPS_FREEDOMPAY_ERROR_INIT'] = 'Не удалось начать оплату. Попробуйте позже.';
$MESS['SALE_HPS_FREEDOMPAY_PAID'] = 'Платёж FreedomPay #ID#, карта #CARD#';
$MESS['SALE_HPS_FREEDOMPAY_DECLINED'] = 'Платёж FreedomPay #ID# отклонён: #REASON#';
$MESS['SALE_HPS_FREEDOMPAY_REFUNDED'] = 'Возврат FreedomPay #ID#: #SUM#';
$MESS['SALE_HPS_FREEDOMPAY_REFUND_UNKNOWN'] = 'FreedomPay не ответил: возврат мог быть выполнен. Проверьте платёж в кабинете мерчанта, прежде чем повторять.';
