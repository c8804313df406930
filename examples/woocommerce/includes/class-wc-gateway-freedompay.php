<?php
/**
 * WC_Gateway_FreedomPay: WooCommerce's payment gateway for FreedomPay's
 * hosted payment page, on the freedompay extension.
 *
 * - process_payment() creates the payment (Client::initPayment()) and sends
 *   the payer to the gateway's page.
 * - FreedomPay calls back through WooCommerce's API endpoints
 *   (woocommerce_api_{hook}): result_url (the outcome, the only thing that
 *   pays an order), check_url (may this order still be paid?). Both are
 *   verified with FreedomPay\Callback and answered with its signed XML.
 * - The payer comes back through two more endpoints, verified too, that
 *   only redirect: to the order-received page (which says "we are
 *   confirming your payment" until result_url has paid the order) or back
 *   to the payment page with the gateway's reason.
 * - process_refund() refunds through Client::refund().
 */

defined('ABSPATH') || exit;

use FreedomPay\Callback;
use FreedomPay\Client;
use FreedomPay\Exception as FreedomPayException;
use FreedomPay\OutcomeUnknownException;
use FreedomPay\SignatureException;

class WC_Gateway_FreedomPay extends WC_Payment_Gateway
{
    /** The woocommerce_api_{hook} endpoints (WooCommerce lower-cases the name in the URL). */
    public const HOOK_RESULT = 'freedompay_result';
    public const HOOK_CHECK = 'freedompay_check';
    public const HOOK_SUCCESS = 'freedompay_success';
    public const HOOK_FAILURE = 'freedompay_failure';

    /** Order meta: every pg_payment_id created for the order, oldest first. */
    public const META_PAYMENTS = '_freedompay_payment_ids';

    /**
     * Order meta: the answer given to each result_url callback, by
     * "payment id:paid|failed". A repeated delivery gets the answer the
     * first one got, whatever happened to the order since (a refund, a
     * cancellation): FreedomPay wants the same answer every time.
     */
    public const META_ANSWERS = '_freedompay_answers';

    public function __construct()
    {
        $this->id = 'freedompay';
        $this->icon = '';
        $this->has_fields = false;
        $this->method_title = __('FreedomPay', 'freedompay-woocommerce');
        $this->method_description = __('Card payments on FreedomPay\'s payment page (Kazakhstan, Kyrgyzstan, Uzbekistan).', 'freedompay-woocommerce');
        $this->supports = ['products', 'refunds'];

        $this->init_form_fields();
        $this->init_settings();
        $this->title = $this->get_option('title');
        $this->description = $this->get_option('description');
        $this->enabled = $this->get_option('enabled');

        add_action('woocommerce_update_options_payment_gateways_' . $this->id, [$this, 'process_admin_options']);
        add_action('woocommerce_api_' . self::HOOK_RESULT, [$this, 'handle_result']);
        add_action('woocommerce_api_' . self::HOOK_CHECK, [$this, 'handle_check']);
        add_action('woocommerce_api_' . self::HOOK_SUCCESS, [$this, 'handle_success']);
        add_action('woocommerce_api_' . self::HOOK_FAILURE, [$this, 'handle_failure']);
        add_action('woocommerce_thankyou_' . $this->id, [$this, 'thankyou_page']);
    }

    public function init_form_fields(): void
    {
        $this->form_fields = [
            'enabled' => [
                'title' => __('Enable/Disable', 'freedompay-woocommerce'),
                'type' => 'checkbox',
                'label' => __('Enable FreedomPay', 'freedompay-woocommerce'),
                'default' => 'no',
            ],
            'title' => [
                'title' => __('Title', 'freedompay-woocommerce'),
                'type' => 'text',
                'description' => __('What the customer sees at checkout.', 'freedompay-woocommerce'),
                'default' => __('Bank card (FreedomPay)', 'freedompay-woocommerce'),
                'desc_tip' => true,
            ],
            'description' => [
                'title' => __('Description', 'freedompay-woocommerce'),
                'type' => 'textarea',
                'default' => __('You pay on FreedomPay\'s secure payment page.', 'freedompay-woocommerce'),
            ],
            'merchant_id' => [
                'title' => __('Merchant ID', 'freedompay-woocommerce'),
                'type' => 'text',
                'description' => __('From the FreedomPay merchant cabinet.', 'freedompay-woocommerce'),
                'default' => '',
            ],
            'secret_key' => [
                'title' => __('Secret key', 'freedompay-woocommerce'),
                'type' => 'password',
                'description' => __('The payment secret key from the merchant cabinet. It signs every request and verifies every callback.', 'freedompay-woocommerce'),
                'default' => '',
            ],
            'region' => [
                'title' => __('Region', 'freedompay-woocommerce'),
                'type' => 'select',
                'options' => ['kz' => 'Kazakhstan', 'kg' => 'Kyrgyzstan', 'uz' => 'Uzbekistan'],
                'default' => 'kz',
            ],
            'testing_mode' => [
                'title' => __('Test mode', 'freedompay-woocommerce'),
                'type' => 'checkbox',
                'label' => __('Create test payments (pg_testing_mode=1): no money moves', 'freedompay-woocommerce'),
                'default' => 'yes',
            ],
            'check_url' => [
                'title' => __('Check before charging', 'freedompay-woocommerce'),
                'type' => 'checkbox',
                'label' => __('FreedomPay asks the shop before each charge whether the order may still be paid (check_url). Turn it on in the merchant cabinet too.', 'freedompay-woocommerce'),
                'default' => 'no',
            ],
            'order_prefix' => [
                'title' => __('Order ID prefix', 'freedompay-woocommerce'),
                'type' => 'text',
                'description' => __('Put before the order number in pg_order_id. Make it different for every shop or copy of this shop (staging!) that uses the same merchant account.', 'freedompay-woocommerce'),
                'default' => 'wc-',
            ],
            'base_url' => [
                'title' => __('Gateway URL', 'freedompay-woocommerce'),
                'type' => 'text',
                'description' => __('Leave empty for the real gateway. For development: the sandbox\'s URL, e.g. http://127.0.0.1:8080.', 'freedompay-woocommerce'),
                'default' => '',
            ],
        ];
    }

    public function is_available()
    {
        return parent::is_available() && $this->get_option('merchant_id') !== '' && $this->get_option('secret_key') !== '';
    }

    /* ------------------------------------------------------------------
     * Paying
     * ---------------------------------------------------------------- */

    public function process_payment($order_id)
    {
        $order = wc_get_order($order_id);
        if (!$order) {
            return ['result' => 'failure'];
        }
        $payments = $this->payment_ids($order);
        $pgOrderId = $this->gateway_order_id($order);
        $fields = [
            'pg_order_id' => $pgOrderId,
            'pg_amount' => (string) $order->get_total(),
            'pg_currency' => $order->get_currency(),
            /* translators: %s: order number */
            'pg_description' => sprintf(__('Order %s', 'freedompay-woocommerce'), $order->get_order_number()),
            // A lost answer (OutcomeUnknownException) and the payer's next
            // try send the same key: the gateway gives back the payment the
            // lost call made instead of making a second one.
            'pg_idempotency_key' => $pgOrderId . '-' . (count($payments) + 1),
            'pg_request_method' => 'POST',
            'pg_result_url' => $this->callback_url(self::HOOK_RESULT),
            'pg_success_url' => $this->callback_url(self::HOOK_SUCCESS),
            'pg_failure_url' => $this->callback_url(self::HOOK_FAILURE),
            'pg_success_url_method' => 'GET',
            'pg_failure_url_method' => 'GET',
        ];
        if ($this->get_option('check_url') === 'yes') {
            $fields['pg_check_url'] = $this->callback_url(self::HOOK_CHECK);
        }
        if (is_email($order->get_billing_email())) {
            $fields['pg_user_contact_email'] = $order->get_billing_email();
        }
        // The gateway takes digits only, the country code first: "+7 (701) 123-45-67" is 77011234567.
        $phone = preg_replace('/\D+/', '', (string) $order->get_billing_phone());
        if (strlen($phone) >= 10 && strlen($phone) <= 15) {
            $fields['pg_user_phone'] = $phone;
        }

        try {
            $payment = $this->client()->initPayment($fields);
        } catch (OutcomeUnknownException $e) {
            $this->log('error', sprintf('order %s: payment not started, outcome unknown: %s', $order->get_id(), $e->getMessage()));
            wc_add_notice(__('We could not reach the payment service. Please try again in a minute.', 'freedompay-woocommerce'), 'error');
            return ['result' => 'failure'];
        } catch (FreedomPayException $e) {
            $this->log('error', sprintf('order %s: payment not started: %s: %s', $order->get_id(), get_class($e), $e->getMessage()));
            wc_add_notice(__('The payment could not be started. Please try again later or choose another payment method.', 'freedompay-woocommerce'), 'error');
            return ['result' => 'failure'];
        }

        $payments[] = (string) $payment['pg_payment_id'];
        $order->update_meta_data(self::META_PAYMENTS, array_values(array_unique($payments)));
        /* translators: %s: FreedomPay payment id */
        $order->add_order_note(sprintf(__('FreedomPay payment %s started.', 'freedompay-woocommerce'), $payment['pg_payment_id']));
        $order->save();

        return ['result' => 'success', 'redirect' => $payment['pg_redirect_url']];
    }

    public function process_refund($order_id, $amount = null, $reason = '')
    {
        $order = wc_get_order($order_id);
        $paymentId = $order ? (string) $order->get_transaction_id() : '';
        if ($paymentId === '') {
            return new WP_Error('freedompay_refund', __('This order was not paid through FreedomPay.', 'freedompay-woocommerce'));
        }
        try {
            $reply = $this->client()->refund($paymentId, $amount === null || $amount === '' ? null : (string) $amount);
        } catch (OutcomeUnknownException $e) {
            $this->log('error', sprintf('order %s: refund of payment %s, outcome unknown: %s', $order->get_id(), $paymentId, $e->getMessage()));
            return new WP_Error('freedompay_refund', __('FreedomPay did not answer: the refund may have been made. Check the payment in the merchant cabinet before trying again.', 'freedompay-woocommerce'));
        } catch (FreedomPayException $e) {
            $this->log('error', sprintf('order %s: refund of payment %s refused: %s', $order->get_id(), $paymentId, $e->getMessage()));
            return new WP_Error('freedompay_refund', $e->getMessage());
        }
        $order->add_order_note(sprintf(
            /* translators: 1: refund id, 2: amount, 3: currency, 4: reason */
            __('FreedomPay refund %1$s: %2$s %3$s. %4$s', 'freedompay-woocommerce'),
            $reply['pg_payment_refund_id'] ?? '', $reply['pg_refund_amount'] ?? $amount, $order->get_currency(), $reason
        ));
        return true;
    }

    /**
     * Shown on the order-received page. The payer's return from the
     * gateway proves nothing: the order is paid when result_url says so.
     */
    public function thankyou_page($order_id): void
    {
        $order = wc_get_order($order_id);
        if ($order && !$order->is_paid()) {
            echo '<p class="freedompay-confirming">',
                esc_html__('We are confirming your payment with FreedomPay. This page will show it once it is confirmed; you will also receive an e-mail.', 'freedompay-woocommerce'),
                '</p>';
        }
    }

    /* ------------------------------------------------------------------
     * The endpoints FreedomPay calls
     * ---------------------------------------------------------------- */

    /**
     * The URL of one of this gateway's endpoints, as given to FreedomPay
     * and as verified when it is called.
     *
     * FreedomPay signs each call with the last path segment of the URL as
     * the "script name". WooCommerce's own URLs end in a slash
     * (https://shop.kz/wc-api/freedompay_result/) or have no path at all
     * (https://shop.kz/?wc-api=freedompay_result, plain permalinks): that
     * segment would be empty, which the gateway's documentation leaves
     * undefined. So the URL is made to end in a named segment:
     * .../wc-api/freedompay_result, or .../index.php?wc-api=freedompay_result.
     */
    public function callback_url(string $hook): string
    {
        $url = WC()->api_request_url($hook);
        $parts = explode('?', $url, 2);
        if (isset($parts[1])) {
            return rtrim($parts[0], '/') . '/index.php?' . $parts[1];
        }
        return untrailingslashit($url);
    }

    public function handle_result(): void
    {
        $this->send(...$this->process_callback(self::HOOK_RESULT, $this->request_fields()));
    }

    public function handle_check(): void
    {
        $this->send(...$this->process_callback(self::HOOK_CHECK, $this->request_fields()));
    }

    public function handle_success(): void
    {
        wp_safe_redirect($this->process_return(self::HOOK_SUCCESS, $this->request_fields()));
        exit;
    }

    public function handle_failure(): void
    {
        wp_safe_redirect($this->process_return(self::HOOK_FAILURE, $this->request_fields()));
        exit;
    }

    /**
     * A callback from FreedomPay (result_url or check_url), from the fields
     * as received to the answer: [HTTP status, body]. 200 with signed XML
     * for a verified callback about one of this gateway's orders; 403 (not
     * signed by FreedomPay with this shop's key for this URL), 404 (no such
     * order) or 400 (another amount or currency, not a result) with no XML,
     * and nothing changed. The handlers only add HTTP around it.
     */
    public function process_callback(string $hook, array $fields): array
    {
        try {
            $callback = Callback::fromRequest($fields, $this->callback_url($hook), $this->get_option('secret_key'));
        } catch (FreedomPayException $e) {
            return $this->refuse(403, $hook, $e->getMessage());
        }
        $params = $callback->params();
        $pgOrderId = (string) ($params['pg_order_id'] ?? '');
        if ($hook === self::HOOK_RESULT && (!isset($params['pg_result']) || (string) ($params['pg_payment_id'] ?? '') === '')) {
            // With plain permalinks every endpoint's script name is
            // "index.php": a genuine check or redirect sent here must not
            // count as a result.
            return $this->refuse(400, $hook, "a signed request about $pgOrderId without pg_result or pg_payment_id is not a result");
        }

        // One callback at a time per order: the gateway may deliver the same
        // result twice at once (two PHP workers), and "is it paid? then
        // complete it" must not run twice. WooCommerce has no row lock; a
        // named MySQL lock is taken before the order is even read, so what
        // is read below is what the previous delivery saved.
        global $wpdb;
        $lock = 'freedompay_' . md5($pgOrderId);
        if ((int) $wpdb->get_var($wpdb->prepare('SELECT GET_LOCK(%s, %d)', $lock, 20)) !== 1) {
            return $this->refuse(503, $hook, "order $pgOrderId is busy");   // the gateway retries
        }
        try {
            $order = $this->order_from_gateway_id($pgOrderId);
            if (!$order) {
                return $this->refuse(404, $hook, "a signed callback about order \"$pgOrderId\", which is not a FreedomPay order of this shop");
            }
            try {
                $callback->expect($pgOrderId, (string) $order->get_total());
                if (($params['pg_currency'] ?? $order->get_currency()) !== $order->get_currency()) {
                    throw new SignatureException("The callback is in {$params['pg_currency']}, order $pgOrderId in {$order->get_currency()}");
                }
            } catch (FreedomPayException $e) {   // another order, amount or currency; or a total expect() cannot read
                return $this->refuse(400, $hook, $e->getMessage());
            }
            [$status, $description] = $hook === self::HOOK_CHECK ? $this->answer_check($order) : $this->answer_result($callback, $order);
            return [200, $callback->reply($status, $description)];
        } finally {
            $wpdb->query($wpdb->prepare('SELECT RELEASE_LOCK(%s)', $lock));
        }
    }

    /**
     * The payer's return (success or failure URL): verified, then the URL
     * to send the payer to. Changes nothing: a genuine success redirect only
     * says the payer reached the end of the payment page.
     */
    public function process_return(string $hook, array $fields): string
    {
        try {
            $redirect = Callback::fromRequest($fields, $this->callback_url($hook), $this->get_option('secret_key'));
        } catch (FreedomPayException $e) {
            $this->log('warning', "$hook: refused: " . $e->getMessage());
            wc_add_notice(__('This payment link is not valid.', 'freedompay-woocommerce'), 'error');
            return wc_get_cart_url();
        }
        $params = $redirect->params();
        $order = $this->order_from_gateway_id((string) ($params['pg_order_id'] ?? ''));
        if (!$order) {
            return wc_get_cart_url();
        }
        if ($hook === self::HOOK_SUCCESS || $order->is_paid()) {
            return $this->get_return_url($order);
        }
        $why = (string) ($params['pg_error_description'] ?? '');
        wc_add_notice($why !== ''
            /* translators: %s: the gateway's reason */
            ? sprintf(__('The payment did not go through: %s', 'freedompay-woocommerce'), $why)
            : __('The payment did not go through.', 'freedompay-woocommerce'), 'error');
        return $order->get_checkout_payment_url();
    }

    /** check_url: ok while the order can be paid. */
    private function answer_check(WC_Order $order): array
    {
        if ($order->has_status(['pending', 'on-hold', 'failed'])) {
            return ['ok', 'Order awaits payment'];
        }
        return ['rejected', $order->is_paid() ? 'Order already paid' : 'Order ' . $order->get_status()];
    }

    /**
     * result_url: the answer given to this callback before, or a new one.
     * Called under the order's lock.
     */
    private function answer_result(Callback $callback, WC_Order $order): array
    {
        $params = $callback->params();
        $paymentId = (string) $params['pg_payment_id'];
        $key = $paymentId . ($callback->isSuccessful() ? ':paid' : ':failed');
        $answers = $order->get_meta(self::META_ANSWERS) ?: [];
        if (isset($answers[$key]) && ($answers[$key][0] !== 'rejected' || $callback->canReject())) {
            return $answers[$key];   // a repeated delivery: the first answer again
        }
        $answers[$key] = $this->decide_result($callback, $order, $paymentId);
        $order->update_meta_data(self::META_ANSWERS, $answers);
        $order->save();
        return $answers[$key];
    }

    private function decide_result(Callback $callback, WC_Order $order, string $paymentId): array
    {
        $params = $callback->params();
        if (!$callback->isSuccessful()) {
            /* translators: 1: payment id, 2: the gateway's reason */
            $note = sprintf(__('FreedomPay payment %1$s declined: %2$s', 'freedompay-woocommerce'), $paymentId, $params['pg_failure_description'] ?? '');
            if ($order->has_status(['pending', 'on-hold'])) {
                $order->update_status('failed', $note);   // the payer may try again
            } else {
                $order->add_order_note($note);
            }
            return ['ok', 'Payment failure noted'];
        }
        if ($order->has_status(['pending', 'on-hold', 'failed'])) {
            $order->payment_complete($paymentId);   // WooCommerce's own: status, stock, e-mails, once
            $order->add_order_note(sprintf(
                /* translators: 1: payment id, 2: amount, 3: currency, 4: masked card number */
                __('FreedomPay payment %1$s received: %2$s %3$s, card %4$s.', 'freedompay-woocommerce'),
                $paymentId, $params['pg_amount'] ?? '', $params['pg_currency'] ?? '', $params['pg_card_pan'] ?? '?'
            ));
            return ['ok', 'Order paid'];
        }
        // Paid, but the order cannot take it: paid already (two tabs, another
        // method), or given up (WooCommerce cancels unpaid orders when the
        // "hold stock" time is over; an administrator cancelled it).
        $why = $order->is_paid() ? 'Order already paid' : 'Order ' . $order->get_status();
        if ($callback->canReject()) {
            /* translators: 1: payment id, 2: why */
            $order->add_order_note(sprintf(__('FreedomPay payment %1$s refused (%2$s): FreedomPay cancels it.', 'freedompay-woocommerce'), $paymentId, $why));
            return ['rejected', $why];
        }
        /* translators: 1: payment id, 2: why */
        $order->add_order_note(sprintf(__('FreedomPay payment %1$s was taken although: %2$s. Refund it in the merchant cabinet.', 'freedompay-woocommerce'), $paymentId, $why));
        $this->log('warning', "payment $paymentId of order {$order->get_id()} cannot be refused ($why): refund it");
        return ['ok', "$why: this payment will be refunded"];
    }

    /* ------------------------------------------------------------------
     * Helpers
     * ---------------------------------------------------------------- */

    private function client(): Client
    {
        $options = ['region' => $this->get_option('region', 'kz'), 'testing_mode' => $this->get_option('testing_mode') === 'yes', 'timeout' => 20];
        if ($this->get_option('base_url') !== '') {
            $options['base_url'] = $this->get_option('base_url');
        }
        return new Client($this->get_option('merchant_id'), $this->get_option('secret_key'), $options);
    }

    /** pg_order_id: the prefix and WooCommerce's order id (not the order number, which plugins may change). */
    public function gateway_order_id(WC_Order $order): string
    {
        return $this->get_option('order_prefix') . $order->get_id();
    }

    /** The order a pg_order_id names, if it is one of this gateway's. */
    private function order_from_gateway_id(string $pgOrderId): ?WC_Order
    {
        $prefix = (string) $this->get_option('order_prefix');
        if (!str_starts_with($pgOrderId, $prefix) || !preg_match('/^[1-9][0-9]{0,18}$/', $id = substr($pgOrderId, strlen($prefix)))) {
            return null;
        }
        $order = wc_get_order((int) $id);
        return $order instanceof WC_Order && $order->get_payment_method() === $this->id ? $order : null;
    }

    private function payment_ids(WC_Order $order): array
    {
        return array_map('strval', $order->get_meta(self::META_PAYMENTS) ?: []);
    }

    /**
     * The request's fields as FreedomPay sent them. WordPress adds slashes
     * to $_POST and $_GET (wp_magic_quotes()): "O'Brien" arrives as
     * "O\'Brien", and a signature over that fails. wp_unslash() gives back
     * what was sent. Nothing else is cleaned: the signature covers every
     * field as sent.
     */
    private function request_fields(): array
    {
        // phpcs:disable WordPress.Security.NonceVerification -- the request is verified by its signature
        return wp_unslash(($_SERVER['REQUEST_METHOD'] ?? 'GET') === 'POST' ? $_POST : $_GET);
    }

    private function refuse(int $status, string $hook, string $why): array
    {
        $this->log('warning', "$hook: refused with HTTP $status: $why");
        return [$status, $status === 403 ? "Forbidden\n" : "Not accepted\n"];
    }

    /** Sends an answer to FreedomPay and ends the request (WooCommerce's API handler would discard the output). */
    private function send(int $status, string $body): void
    {
        status_header($status);
        header($status === 200 ? 'Content-Type: application/xml; charset=utf-8' : 'Content-Type: text/plain; charset=utf-8');
        echo $body;   // phpcs:ignore WordPress.Security.EscapeOutput -- signed XML
        exit;
    }

    /** WooCommerce's log (WooCommerce > Status > Logs, source "freedompay"). Never given a key. */
    private function log(string $level, string $message): void
    {
        wc_get_logger()->log($level, $message, ['source' => 'freedompay']);
    }
}
