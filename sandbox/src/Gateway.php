<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

/**
 * The gateway's endpoints: identify the merchant, check the request's
 * signature with the docs' PHP, run the handler, sign the reply.
 *
 * Endpoints are registered per module: a module class lists its own in
 * ENDPOINTS (path => [handler, key]); its browser pages in PAGES and its test
 * controls in CONTROLS (path => handler(Request, Store, Config)). A new
 * module is one line in MODULES; a new endpoint is one row in its module.
 */
final class Gateway
{
    /** The modules that make up the sandbox. */
    public const MODULES = [
        Payments::class,
        Notifications::class,
        Payouts::class,
        CardStorage::class,
    ];

    /**
     * path (the merchant id in v1/merchant/... written as {id}) => [handler, key]
     *
     * @return array<string, array{0: callable, 1: string}>
     */
    public static function endpoints(): array
    {
        return self::merged('ENDPOINTS');
    }

    /** path => handler(Request, Store, Config), from every module's $const. */
    public static function merged(string $const): array
    {
        $all = [];
        foreach (self::MODULES as $module) {
            $name = "$module::$const";
            foreach (defined($name) ? constant($name) : [] as $path => $row) {
                if (isset($all[$path])) {
                    throw new \LogicException("$path is registered twice ($const)");
                }
                $all[$path] = $row;
            }
        }
        return $all;
    }

    /** A browser page's handler for a request path (a merchant id in /v1/merchant/N/ matches {id}), or null. */
    public static function page(string $path): ?callable
    {
        $path = preg_replace('~^/v1/merchant/\d+/~', '/v1/merchant/{id}/', $path);
        return self::merged('PAGES')[$path] ?? null;
    }

    /** [handler, key, merchant id from a v1/merchant/{id}/ path or null] for a request path, or null. */
    public static function route(string $path): ?array
    {
        $path = ltrim($path, '/');
        $merchantId = null;
        if (preg_match('~^v1/merchant/(\d+)/~', $path, $m)) {
            $merchantId = $m[1];
            $path = 'v1/merchant/{id}/' . substr($path, strlen($m[0]));
        }
        $endpoint = self::endpoints()[$path] ?? null;
        return $endpoint === null ? null : [$endpoint[0], $endpoint[1], $merchantId];
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
            $pathMerchant = $endpoint[2] ?? null;
            if ($pathMerchant !== null && $pathMerchant !== $merchant->id) {
                throw new GatewayError(9997, "Merchant $pathMerchant in the URL is not pg_merchant_id $merchant->id");
            }
            Validate::required($r, 'pg_salt');
            $reply = new Reply($handler(new Context($r, $merchant, $store)));
        } catch (GatewayError $e) {
            $reply = Reply::error($e);
        }
        return [$reply, $secret];
    }
}
