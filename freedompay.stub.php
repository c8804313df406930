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
        /** @param array $options region, base_url, testing_mode, payout_secret_key, timeout, connect_timeout, retries, ca_info, user_agent, proxy */
        public function __construct(int|string $merchantId, #[\SensitiveParameter] string $secretKey, #[\SensitiveParameter] array $options = []) {}

        /** Any endpoint: fills pg_merchant_id, pg_salt and pg_sig, verifies the reply. */
        public function request(string $path, array $params = []): array {}

        /** init_payment.php */
        public function initPayment(array $params): array {}

        /** get_status3.php, by pg_payment_id or pg_order_id */
        public function status(array $params): array {}
    }
}
