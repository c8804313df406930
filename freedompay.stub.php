<?php

/**
 * @generate-class-entries
 * @generate-legacy-arginfo 80100
 */

namespace FreedomPay {
    /** Every error the extension throws implements this interface. */
    interface Exception extends \Throwable
    {
    }

    /** Bad input: the message names the field. Raised before anything is sent. */
    class InvalidArgumentException extends \InvalidArgumentException implements Exception
    {
    }

    /** Network failure, timeout, TLS failure, HTTP status, or a reply that is not a well-formed gateway reply. */
    class TransportException extends \RuntimeException implements Exception
    {
    }

    /**
     * A call that moves money or creates something failed after its request
     * may have reached the gateway: its outcome is unknown. Look the order up
     * (status by pg_order_id) before trying again.
     */
    class OutcomeUnknownException extends TransportException
    {
        protected ?string $orderId = null;

        /** The pg_order_id of the call, or null where the call has none (e.g. a refund by payment id). */
        public function getOrderId(): ?string {}
    }

    /** A reply or callback whose pg_sig is wrong or missing. */
    class SignatureException extends \RuntimeException implements Exception
    {
    }

    /**
     * A genuine callback that is not about what the shop expects (another order, amount or currency):
     * Callback::expect(). Worth a human look, unlike a forgery.
     */
    class CallbackMismatchException extends SignatureException
    {
    }

    /** The gateway answered pg_status=error. */
    class ApiException extends \RuntimeException implements Exception
    {
        protected int $errorCode = 0;
        protected array $response = [];

        /** pg_error_code */
        public function getErrorCode(): int {}

        /** The whole reply, as an array keyed like the gateway's XML. */
        public function getResponse(): array {}
    }

    /**
     * @strict-properties
     * @not-serializable
     */
    final class Signature
    {
        /** Every method is static. */
        private function __construct() {}

        public static function sign(string $script, array $params, #[\SensitiveParameter] string $secretKey): string {}

        public static function verify(string $script, array $params, #[\SensitiveParameter] string $secretKey): bool {}

        public static function canonical(string $script, array $params): string {}

        public static function scriptName(string $url): string {}

        public static function salt(): string {}
    }

    /**
     * @strict-properties
     * @not-serializable
     */
    final class Client
    {
        /** @param array $options region, base_url, testing_mode, payout_secret_key, timeout, connect_timeout, retries, ca_info, user_agent, proxy, persistent_connections */
        public function __construct(int|string $merchantId, #[\SensitiveParameter] string $secretKey, #[\SensitiveParameter] array $options = []) {}

        /** Any endpoint: fills pg_merchant_id, pg_salt and pg_sig, verifies the reply. */
        public function request(string $path, array $params = []): array {}

        /** init_payment.php: a payment on the hosted page; pg_order_id, pg_amount and pg_description required */
        public function initPayment(array $params): array {}

        /** g2g/payment_page: the hosted page, gateway flavour */
        public function paymentPage(array $params): array {}

        /** g2g/any_amount: the payer chooses the amount on the page */
        public function anyAmount(array $params): array {}

        /** g2g/payment: card data in the request; may answer with a 3-D Secure challenge (pg_3d_acsurl, pg_3d_md, pg_3d_pareq) */
        public function cardPayment(#[\SensitiveParameter] array $params): array {}

        /** g2g/paymentAcs: completes a card payment after 3-D Secure (pg_payment_id, pg_3d_md, pg_3d_pares) */
        public function cardPaymentAcs(#[\SensitiveParameter] array $params): array {}

        /** make_recurring_payment.php: charges a recurring profile (pg_recurring_profile) */
        public function recurringPayment(array $params): array {}

        /** v1/merchant/{id}/card/init: a payment with a saved card (pg_user_id, pg_card_token) */
        public function savedCardInit(array $params): array {}

        /** v1/merchant/{id}/card/pay: the page where the payer confirms a saved-card payment with the CVC */
        public function savedCardPay(int|string $paymentId): array {}

        /** v1/merchant/{id}/card/direct: charges a saved card without the payer (non-acceptance) */
        public function savedCardDirect(int|string $paymentId): array {}

        /** cancel.php: cancels a held (two-stage) or unpaid payment */
        public function cancel(int|string $paymentId, array $params = []): array {}

        /** revoke.php: refunds a payment, in full (no amount) or in part */
        public function refund(int|string $paymentId, int|float|string|null $amount = null, array $params = []): array {}

        /** do_capture.php: captures (clears) a held payment, in full (no amount) or in part */
        public function capture(int|string $paymentId, int|float|string|null $amount = null, array $params = []): array {}

        /** get_status3.php, by pg_payment_id or pg_order_id */
        public function status(array $params): array {}

        /** api/reg2nonreg: a payout the recipient takes on a page, entering their card (payout secret key) */
        public function payoutPage(array $params): array {}

        /** api/reg2reg: a payout to a saved payout card (pg_user_id, pg_card_token_to) */
        public function payoutToCard(array $params): array {}

        /** api/to_iban: a payout to a bank account */
        public function payoutToIban(array $params): array {}

        /** A payout's status: get_status2.php by pg_order_id, api/payment_status by pg_payment_id */
        public function payoutStatus(array $params): array {}

        /** api/balance_status: the merchant's payout balance */
        public function balance(): array {}

        /** api/cbc/check: cash by code at an ATM (pg_phone, pg_amount) */
        public function cashByCode(array $params): array {}

        /** api/cbc/exec: sends the cash-by-code payout */
        public function cashByCodeExec(int|string $paymentId): array {}

        /** api/cbc/status */
        public function cashByCodeStatus(int|string $paymentId): array {}

        /** v1/merchant/{id}/cardstorage/add: the payer saves a card on the gateway's page (pg_user_id, pg_post_link) */
        public function addCard(array $params): array {}

        /** v1/merchant/{id}/cardstorage/add2: the same, without charging the card */
        public function addCardNoCharge(array $params): array {}

        /** v1/merchant/{id}/cardstoragepayout/add: a card for payouts only */
        public function addPayoutCard(array $params): array {}

        /** v1/merchant/{id}/cardstorage/list: always a list of cards under "card", also of one or none */
        public function listCards(int|string $userId): array {}

        /** v1/merchant/{id}/cardstorage/remove */
        public function removeCard(int|string $userId, string $cardToken): array {}

        /**
         * get_status3.php for many payments at once, over concurrent connections.
         * One result per query, keyed as the queries: the reply array, or the exception the query ended in.
         */
        public function statusMany(array $queries, int $concurrency = 16): array {}
    }

    /**
     * A request the gateway sends to the shop: result_url, check_url, post_link,
     * the success and failure redirects. Made only by fromRequest(), which verifies it.
     *
     * @strict-properties
     * @not-serializable
     */
    final class Callback
    {
        /** Use Callback::fromRequest(). */
        private function __construct() {}

        /**
         * Verifies pg_sig (script name: the last path segment of the URL the gateway called, or the script
         * name itself) over every field received but pg_sig; a callback sent as a single pg_xml field is
         * parsed and verified as XML. A missing, malformed or wrong pg_sig throws SignatureException.
         */
        public static function fromRequest(array $params, string $urlOrScript, #[\SensitiveParameter] string $secretKey): Callback {}

        /**
         * fromRequest() over what PHP received: the POST fields (pg_xml among them), else an XML request body,
         * else the GET query (a success or failure redirect).
         */
        public static function fromGlobals(string $urlOrScript, #[\SensitiveParameter] string $secretKey): Callback {}

        /** The verified fields (pg_sig left out). */
        public function params(): array {}

        /**
         * The signed XML answer: status "ok", "rejected" (where the gateway lets the shop refuse) or "error".
         * The same callback always gets the same bytes. Send it with Content-Type: application/xml.
         */
        public function reply(string $status, string $description = '', array $extra = []): string {}

        /**
         * pg_result = 1: the payment succeeded. The signature covers values, not their names (the gateway's rule):
         * for goods of high value, confirm with Client::status() as well.
         */
        public function isSuccessful(): bool {}

        /** A result (result_url: it carries pg_result), not a check, a post_link or a redirect. */
        public function isResult(): bool {}

        /** pg_can_reject = 1: a "rejected" answer cancels the payment. */
        public function canReject(): bool {}

        /** Throws CallbackMismatchException unless the callback is about this order id, amount (and currency). */
        public function expect(string $orderId, int|float|string $amount, ?string $currency = null): static {}
    }
}
