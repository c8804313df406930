<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

/**
 * The gateway's endpoints: identify the merchant, check the request's
 * signature with the docs' PHP, run the handler, sign the reply.
 *
 * A new endpoint is one line in ENDPOINTS (path, handler, which key signs
 * it) and a handler that returns the reply's fields in order, or throws
 * GatewayError for a signed pg_status=error.
 */
final class Gateway
{
    /** path (the merchant id in v1/merchant/... written as {id}) => [handler, key] */
    private const ENDPOINTS = [
        'init_payment.php' => [[Payments::class, 'init'], 'payment'],
        'get_status3.php' => [[Payments::class, 'status'], 'payment'],
    ];

    /** [handler, key] for a request path, or null. */
    public static function route(string $path): ?array
    {
        $path = ltrim($path, '/');
        $path = preg_replace('~^v1/merchant/\d+/~', 'v1/merchant/{id}/', $path);
        return self::ENDPOINTS[$path] ?? null;
    }

    /** The reply and the secret that signs it (null: unsigned). */
    public static function process(Request $r, array $endpoint, Config $config, Store $store): array
    {
        [$handler, $key] = $endpoint;
        $mid = $r->field('pg_merchant_id');
        if ($mid === null || $mid === '') {
            return [Reply::error(new GatewayError(101, 'Empty merchant', false)), null];
        }
        $merchant = $config->merchant($mid);
        if ($merchant === null || $merchant->key($key) === '') {
            return [Reply::error(new GatewayError(9998, 'Merchant not identified', false)), null];
        }
        $secret = $merchant->key($key);
        if (!Signature::verifyRequest($r->script(), $r->fields, $secret)) {
            return [Reply::error(new GatewayError(9998, 'Incorrect signature', false)), null];
        }
        try {
            Validate::required($r, 'pg_salt');
            $reply = new Reply($handler(new Context($r, $merchant, $store)));
        } catch (GatewayError $e) {
            $reply = Reply::error($e);
        }
        return [$reply, $secret];
    }
}
