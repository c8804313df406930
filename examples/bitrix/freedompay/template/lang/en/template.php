<?php
$MESS['SALE_HPS_FREEDOMPAY_TEMPLATE_SUM'] = 'Amount to pay: #SUM#';
$MESS['SALE_HPS_FREEDOMPAY_TEMPLATE_TEST'] = 'Test mode: no money is charged.';
$MESS['SALE_HPS_FREEDOMPAY_TEMPLATE_PAY'] = 'Pay by card';
$MESS['SALE_HPS_FREEDOMPAY_TEMPLATE_NOTE'] = 'You pay on FreedomPay\'s secure page. Your order shows as paid as soon as FreedomPay confirms the payment.';
