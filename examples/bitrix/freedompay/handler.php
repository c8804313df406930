<?php

namespace Sale\Handlers\PaySystem;

use Bitrix\Main;
use Bitrix\Main\Localization\Loc;
use Bitrix\Main\Request;
use Bitrix\Sale;
use Bitrix\Sale\Payment;
use Bitrix\Sale\PaySystem;
use FreedomPay;

Loc::loadMessages(__FILE__);

/**
 * FreedomPay's hosted payment page for 1C-Bitrix (sale module), on the
 * freedompay PHP extension.
 *
 * initiatePay() creates the payment (Client::initPayment()) and shows a
 * button to the gateway's page. FreedomPay calls back
 * /bitrix/tools/sale_ps_result.php (result_url, and check_url if turned
 * on); Bitrix finds this handler with isMyResponse(), the payment with
 * getPaymentIdFromRequest(), and calls processRequest(), which verifies the
 * call with FreedomPay\Callback and decides; Bitrix applies the decision
 * (marks the payment paid, saves the order) and calls sendResponse(), which
 * answers with the signed XML, or with an HTTP error when the call was not
 * verified or the decision could not be saved (FreedomPay then retries).
 */
class FreedomPayHandler extends PaySystem\ServiceHandler implements PaySystem\IRefund
{
    /** The answer's data in the ServiceResult, for sendResponse(). */
    private const REPLY = 'FREEDOMPAY_REPLY';
    private const HTTP_STATUS = 'FREEDOMPAY_HTTP_STATUS';

    /** PS_STATUS_CODE of a payment this handler marked paid (or refunded) for a FreedomPay payment. */
    private const APPLIED = ['paid', 'refunded'];

    /** PS_STATUS_MESSAGE: "FreedomPay attempt N", N in the payment's pg_idempotency_key. */
    private const ATTEMPT = 'FreedomPay attempt ';

    /** The named lock held from processRequest() to sendResponse(). */
    private ?string $lock = null;

    /**
     * @return PaySystem\ServiceResult
     */
    public function initiatePay(Payment $payment, ?Request $request = null)
    {
        $result = new PaySystem\ServiceResult();
        $order = $payment->getOrder();
        $fields = [
            'pg_order_id' => $this->getGatewayOrderId($payment),
            'pg_amount' => $this->getAmount($payment),
            'pg_currency' => $payment->getField('CURRENCY'),
            'pg_description' => Loc::getMessage('SALE_HPS_FREEDOMPAY_ORDER_DESCRIPTION', [
                '#PAYMENT_NUMBER#' => $payment->getField('ACCOUNT_NUMBER'),
                '#ORDER_NUMBER#' => $order->getField('ACCOUNT_NUMBER'),
            ]),
            'pg_request_method' => 'POST',
            'pg_result_url' => $this->getResultUrl($payment),
            'pg_success_url' => $this->getBusinessValue($payment, 'FREEDOMPAY_SUCCESS_URL') ?: $this->getSiteUrl('/personal/orders/'),
            'pg_failure_url' => $this->getBusinessValue($payment, 'FREEDOMPAY_FAILURE_URL') ?: $this->getSiteUrl('/personal/orders/'),
        ];
        if ($this->getBusinessValue($payment, 'FREEDOMPAY_CHECK_URL') === 'Y') {
            $fields['pg_check_url'] = $this->getResultUrl($payment);   // the same script: a check has no pg_result
        }
        // Bitrix calls initiatePay() each time the payer sees the payment
        // (order page, confirmation page), and again after a lost answer
        // (OutcomeUnknownException): the same key, and the gateway answers
        // with the payment made the first time. Only after a declined
        // payment is a new one made, under the next key.
        $attempt = max(1, (int) substr((string) $payment->getField('PS_STATUS_MESSAGE'), strlen(self::ATTEMPT)))
            + ($payment->getField('PS_STATUS_CODE') === 'failed' ? 1 : 0);
        $fields['pg_idempotency_key'] = $fields['pg_order_id'] . '-' . $attempt;

        try {
            $reply = $this->getClient($payment)->initPayment($fields);
        } catch (FreedomPay\Exception $e) {
            PaySystem\Logger::addError('FreedomPay: payment ' . $payment->getId() . ' not started: ' . get_class($e) . ': ' . $e->getMessage());
            $result->addError(new Main\Error(Loc::getMessage('SALE_HPS_FREEDOMPAY_ERROR_INIT')));
            return $result;
        }

        $result->setPsData([
            'PS_INVOICE_ID' => $reply['pg_payment_id'],
            'PS_STATUS' => 'N',
            'PS_STATUS_CODE' => 'started',
            'PS_STATUS_MESSAGE' => self::ATTEMPT . $attempt,
        ]);
        $result->setPaymentUrl($reply['pg_redirect_url']);

        $this->setExtraParams([
            'URL' => $reply['pg_redirect_url'],
            'SUM' => $this->getAmount($payment),
            'CURRENCY' => $payment->getField('CURRENCY'),
            'TEST_MODE' => $this->isTestMode($payment),
        ]);
        $template = $this->showTemplate($payment, 'template');
        if (!$template->isSuccess()) {
            $result->addErrors($template->getErrors());
            return $result;
        }
        $result->setTemplate($template->getTemplate());
        return $result;
    }

    /**
     * Whether a request to sale_ps_result.php is FreedomPay's for this pay
     * system: the result URL names it (BX_PAYSYSTEM_ID in its query), and
     * it carries a signature or the XML method's pg_xml. Routing only:
     * processRequest() verifies.
     */
    public static function isMyResponse(Request $request, $paySystemId)
    {
        return (string) $request->getQuery('BX_PAYSYSTEM_ID') === (string) $paySystemId
            && ($request->get('pg_sig') !== null || $request->get('pg_xml') !== null);
    }

    public static function getIndicativeFields()
    {
        return ['BX_PAYSYSTEM_ID'];
    }

    /**
     * The Bitrix payment a callback is about: its id in pg_order_id, read
     * without trusting it (processRequest() verifies). With the XML method
     * pg_order_id is inside the signed document, which is read through
     * Callback with this pay system's key: a document that does not verify
     * names no payment.
     */
    public function getPaymentIdFromRequest(Request $request)
    {
        $fields = $this->getRequestFields($request);
        if (isset($fields['pg_xml'])) {
            try {
                $fields = FreedomPay\Callback::fromRequest($fields, $this->getResultUrl(null), (string) $this->getBusinessValue(null, 'FREEDOMPAY_SECRET_KEY'))->params();
            } catch (FreedomPay\Exception $e) {
                PaySystem\Logger::addError('FreedomPay: pg_xml refused: ' . $e->getMessage());
                return null;
            }
        }
        $prefix = (string) $this->getBusinessValue(null, 'FREEDOMPAY_ORDER_PREFIX');
        $id = (string) ($fields['pg_order_id'] ?? '');
        if (!str_starts_with($id, $prefix) || !preg_match('/^[1-9][0-9]{0,18}$/', $id = substr($id, strlen($prefix)))) {
            return null;
        }
        return $id;
    }

    /**
     * @return PaySystem\ServiceResult
     */
    public function processRequest(Payment $payment, Request $request)
    {
        $result = new PaySystem\ServiceResult();
        $url = $this->getResultUrl($payment);
        try {
            $callback = FreedomPay\Callback::fromRequest($this->getRequestFields($request), $url, (string) $this->getBusinessValue($payment, 'FREEDOMPAY_SECRET_KEY'));
        } catch (FreedomPay\Exception $e) {
            return $this->refuse($result, '403 Forbidden', $e->getMessage());
        }
        $params = $callback->params();
        try {
            $callback->expect($this->getGatewayOrderId($payment), $this->getAmount($payment));
            if (($params['pg_currency'] ?? $payment->getField('CURRENCY')) !== $payment->getField('CURRENCY')) {
                throw new FreedomPay\SignatureException('The callback is in ' . $params['pg_currency'] . ', payment ' . $payment->getId() . ' in ' . $payment->getField('CURRENCY'));
            }
        } catch (FreedomPay\SignatureException $e) {
            return $this->refuse($result, '400 Bad Request', $e->getMessage());
        }
        $isResult = array_key_exists('pg_result', $params);
        if ($isResult && (string) ($params['pg_payment_id'] ?? '') === '') {
            return $this->refuse($result, '400 Bad Request', 'a result without pg_payment_id');
        }

        // One callback at a time per payment, from here until sendResponse()
        // (which Bitrix calls after it has saved the order): two deliveries
        // at once must not both find the payment unpaid. The payment and
        // order objects were loaded before the lock, so what they are now is
        // read again from the database.
        $this->lock = 'freedompay_payment_' . $payment->getId();
        if (!Main\Application::getConnection()->lock($this->lock, 20)) {
            $this->lock = null;
            return $this->refuse($result, '503 Service Unavailable', 'payment ' . $payment->getId() . ' is busy');
        }
        $now = Sale\Internals\PaymentTable::getRow([
            'select' => ['PAID', 'PS_INVOICE_ID', 'PS_STATUS_CODE', 'ORDER_ID'],
            'filter' => ['=ID' => $payment->getId()],
        ]);
        $canceled = Sale\Internals\OrderTable::getRow(['select' => ['CANCELED'], 'filter' => ['=ID' => $now['ORDER_ID']]])['CANCELED'] === 'Y';
        $paid = $now['PAID'] === 'Y';

        if (!$isResult) {
            // check_url: may this payment still be made?
            [$status, $description] = !$paid && !$canceled ? ['ok', 'Payment awaited']
                : ['rejected', $paid ? 'Order already paid' : 'Order cancelled'];
        } else {
            [$status, $description] = $this->decide($callback, $result, $payment, $now, $canceled);
        }
        $result->setData([self::REPLY => $callback->reply($status, $description)]);
        return $result;
    }

    /**
     * result_url: the answer, and in $result what Bitrix is to apply. A
     * repeated delivery finds the payment already applied and is answered
     * the same way, applying nothing.
     */
    private function decide(FreedomPay\Callback $callback, PaySystem\ServiceResult $result, Payment $payment, array $now, bool $canceled): array
    {
        $params = $callback->params();
        $pgPaymentId = (string) $params['pg_payment_id'];
        if ($now['PS_INVOICE_ID'] === $pgPaymentId && in_array($now['PS_STATUS_CODE'], self::APPLIED, true)) {
            return ['ok', 'Order paid'];   // this very payment paid it: a repeated delivery
        }
        if (!$callback->isSuccessful()) {
            if ($now['PAID'] !== 'Y' && $now['PS_INVOICE_ID'] === $pgPaymentId) {   // the current attempt, not an older one
                $result->setPsData([
                    'PS_STATUS' => 'N',
                    'PS_STATUS_CODE' => 'failed',
                    'PS_STATUS_DESCRIPTION' => Loc::getMessage('SALE_HPS_FREEDOMPAY_DECLINED', [
                        '#ID#' => $pgPaymentId, '#REASON#' => $params['pg_failure_description'] ?? '',
                    ]),
                    'PS_RESPONSE_DATE' => new Main\Type\DateTime(),
                ]);
            }
            return ['ok', 'Payment failure noted'];
        }
        if ($now['PAID'] !== 'Y' && !$canceled) {
            $result->setOperationType(PaySystem\ServiceResult::MONEY_COMING);
            $result->setPsData([
                'PS_INVOICE_ID' => $pgPaymentId,
                'PS_STATUS' => 'Y',
                'PS_STATUS_CODE' => 'paid',
                'PS_STATUS_DESCRIPTION' => Loc::getMessage('SALE_HPS_FREEDOMPAY_PAID', [
                    '#ID#' => $pgPaymentId, '#CARD#' => $params['pg_card_pan'] ?? '',
                ]),
                'PS_SUM' => $params['pg_amount'],
                'PS_CURRENCY' => $params['pg_currency'] ?? $payment->getField('CURRENCY'),
                'PS_RESPONSE_DATE' => new Main\Type\DateTime(),
            ]);
            return ['ok', 'Order paid'];
        }
        // Paid, but this payment cannot take it: paid already by another
        // FreedomPay payment (two tabs), or the order was cancelled.
        $why = $now['PAID'] === 'Y' ? 'Order already paid' : 'Order cancelled';
        if ($callback->canReject()) {
            PaySystem\Logger::addError("FreedomPay: payment $pgPaymentId for payment {$payment->getId()} refused ($why): FreedomPay cancels it");
            return ['rejected', $why];
        }
        PaySystem\Logger::addError("FreedomPay: payment $pgPaymentId for payment {$payment->getId()} cannot be refused ($why): refund it");
        return ['ok', "$why: this payment will be refunded"];
    }

    /**
     * Called by Bitrix after it has applied processRequest()'s result. The
     * signed answer only if everything was applied; else an HTTP error, and
     * FreedomPay retries.
     */
    public function sendResponse(PaySystem\ServiceResult $result, Request $request)
    {
        global $APPLICATION;
        $APPLICATION->RestartBuffer();
        if ($this->lock !== null) {
            Main\Application::getConnection()->unlock($this->lock);
            $this->lock = null;
        }
        $response = Main\Context::getCurrent()->getResponse();
        $data = $result->getData();
        if ($result->isSuccess() && $result->isResultApplied() && isset($data[self::REPLY])) {
            $response->addHeader('Content-Type', 'application/xml; charset=utf-8');
            $response->flush($data[self::REPLY]);
            return;
        }
        $status = $data[self::HTTP_STATUS] ?? '500 Internal Server Error';
        $response->setStatus($status);
        $response->addHeader('Content-Type', 'text/plain; charset=utf-8');
        $response->flush($status . "\n");
    }

    /**
     * @return PaySystem\ServiceResult
     */
    public function refund(Payment $payment, $refundableSum)
    {
        $result = new PaySystem\ServiceResult();
        $pgPaymentId = (string) $payment->getField('PS_INVOICE_ID');
        try {
            $reply = $this->getClient($payment)->refund($pgPaymentId, number_format((float) $refundableSum, 2, '.', ''));
        } catch (FreedomPay\OutcomeUnknownException $e) {
            PaySystem\Logger::addError("FreedomPay: refund of $pgPaymentId, outcome unknown: " . $e->getMessage());
            $result->addError(new Main\Error(Loc::getMessage('SALE_HPS_FREEDOMPAY_REFUND_UNKNOWN')));
            return $result;
        } catch (FreedomPay\Exception $e) {
            PaySystem\Logger::addError("FreedomPay: refund of $pgPaymentId refused: " . $e->getMessage());
            $result->addError(new Main\Error($e->getMessage()));
            return $result;
        }
        $result->setOperationType(PaySystem\ServiceResult::MONEY_LEAVING);
        $result->setPsData([
            'PS_STATUS_CODE' => 'refunded',
            'PS_STATUS_DESCRIPTION' => Loc::getMessage('SALE_HPS_FREEDOMPAY_REFUNDED', [
                '#ID#' => $reply['pg_payment_refund_id'] ?? '', '#SUM#' => $reply['pg_refund_amount'] ?? $refundableSum,
            ]),
            'PS_RESPONSE_DATE' => new Main\Type\DateTime(),
        ]);
        return $result;
    }

    public function getCurrencyList()
    {
        return ['KZT', 'KGS', 'UZS', 'RUB', 'USD', 'EUR'];
    }

    protected function isTestMode(?Payment $payment = null)
    {
        return $this->getBusinessValue($payment, 'FREEDOMPAY_TEST_MODE') === 'Y';
    }

    /* ------------------------------------------------------------------ */

    private function refuse(PaySystem\ServiceResult $result, string $status, string $why): PaySystem\ServiceResult
    {
        PaySystem\Logger::addError("FreedomPay: callback refused ($status): $why");
        $result->addError(new Main\Error($why, 'FREEDOMPAY_NOT_ACCEPTED'));
        $result->setData([self::HTTP_STATUS => $status]);
        return $result;
    }

    private function getClient(?Payment $payment): FreedomPay\Client
    {
        $options = [
            'region' => $this->getBusinessValue($payment, 'FREEDOMPAY_REGION') ?: 'kz',
            'testing_mode' => $this->isTestMode($payment),
            'timeout' => 20,
        ];
        if ((string) $this->getBusinessValue($payment, 'FREEDOMPAY_BASE_URL') !== '') {
            $options['base_url'] = $this->getBusinessValue($payment, 'FREEDOMPAY_BASE_URL');
        }
        return new FreedomPay\Client(
            (string) $this->getBusinessValue($payment, 'FREEDOMPAY_MERCHANT_ID'),
            (string) $this->getBusinessValue($payment, 'FREEDOMPAY_SECRET_KEY'),
            $options
        );
    }

    /** pg_order_id: the prefix (one per site or copy of it on the merchant account) and the payment's id. */
    private function getGatewayOrderId(Payment $payment): string
    {
        return $this->getBusinessValue($payment, 'FREEDOMPAY_ORDER_PREFIX') . $payment->getId();
    }

    /** The sum as the gateway writes it: Bitrix keeps floats. */
    private function getAmount(Payment $payment): string
    {
        return number_format(Sale\PriceMaths::roundPrecision($payment->getSum()), 2, '.', '');
    }

    /**
     * sale_ps_result.php with this pay system in the query. FreedomPay signs
     * its calls with the last path segment, "sale_ps_result.php"; the
     * query only routes.
     */
    private function getResultUrl(?Payment $payment): string
    {
        $url = (string) $this->getBusinessValue($payment, 'FREEDOMPAY_RESULT_URL') ?: $this->getSiteUrl('/bitrix/tools/sale_ps_result.php');
        return $url . (str_contains($url, '?') ? '&' : '?') . 'BX_PAYSYSTEM_ID=' . $this->service->getField('ID');
    }

    private function getSiteUrl(string $path): string
    {
        $request = Main\Context::getCurrent()->getRequest();
        return ($request->isHttps() ? 'https://' : 'http://') . Main\Config\Option::get('main', 'server_name') . $path;
    }

    /**
     * The fields FreedomPay sent, as sent: the POST list (the query of the
     * result URL only routes), or the query of a GET. Bitrix converts
     * request values to the site's charset (windows-1251 sites); a
     * signature is over the bytes sent, so the raw values are used.
     */
    private function getRequestFields(Request $request): array
    {
        $list = $request->isPost() ? $request->getPostList() : $request->getQueryList();
        return $list->toArrayRaw() ?? $list->toArray();
    }
}
