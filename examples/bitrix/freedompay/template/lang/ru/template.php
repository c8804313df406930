<?php
$MESS['SALE_HPS_FREEDOMPAY_TEMPLATE_SUM'] = 'Сумма к оплате: #SUM#';
$MESS['SALE_HPS_FREEDOMPAY_TEMPLATE_TEST'] = 'Тестовый режим: деньги не списываются.';
$MESS['SALE_HPS_FREEDOMPAY_TEMPLATE_PAY'] = 'Оплатить картой';
$MESS['SALE_HPS_FREEDOMPAY_TEMPLATE_NOTE'] = 'Оплата проходит на защищённой странице FreedomPay. Заказ станет оплаченным, как только FreedomPay подтвердит платёж.';
