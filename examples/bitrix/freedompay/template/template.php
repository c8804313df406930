<?php
/*
 * The payment button: $params from FreedomPayHandler::initiatePay()
 * (setExtraParams). The order is paid when FreedomPay's result_url call
 * says so, not when the payer comes back.
 */
use Bitrix\Main\Localization\Loc;

Loc::loadMessages(__FILE__);
?>
<div class="sale-paysystem-freedompay">
    <p><?= Loc::getMessage('SALE_HPS_FREEDOMPAY_TEMPLATE_SUM', ['#SUM#' => htmlspecialcharsbx($params['SUM'] . ' ' . $params['CURRENCY'])]) ?></p>
<?php if ($params['TEST_MODE']): ?>
    <p class="sale-paysystem-freedompay-test"><?= Loc::getMessage('SALE_HPS_FREEDOMPAY_TEMPLATE_TEST') ?></p>
<?php endif; ?>
    <a class="btn btn-primary" href="<?= htmlspecialcharsbx($params['URL']) ?>"><?= Loc::getMessage('SALE_HPS_FREEDOMPAY_TEMPLATE_PAY') ?></a>
    <p class="sale-paysystem-freedompay-note"><?= Loc::getMessage('SALE_HPS_FREEDOMPAY_TEMPLATE_NOTE') ?></p>
</div>
