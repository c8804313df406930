<?php
$MESS['SALE_HPS_FREEDOMPAY_ORDER_DESCRIPTION'] = 'Payment #PAYMENT_NUMBER# of order #ORDER_NUMBER#';
$MESS['SALE_HPS_FREEDOMPAY_ERROR_INIT'] = 'The payment could not be started. Please try again later.';
$MESS['SALE_HPS_FREEDOMPAY_PAID'] = 'FreedomPay payment #ID#, card #CARD#';
$MESS['SALE_HPS_FREEDOMPAY_DECLINED'] = 'FreedomPay payment #ID# declined: #REASON#';
$MESS['SALE_HPS_FREEDOMPAY_REFUNDED'] = 'FreedomPay refund #ID#: #SUM#';
$MESS['SALE_HPS_FREEDOMPAY_REFUND_UNKNOWN'] = 'FreedomPay did not answer: the refund may have been made. Check the payment in the merchant cabinet before trying again.';
