<?php
/*
 * The shop's settings. Kept outside the document root (public/), so the web
 * server never serves it.
 *
 * Every value comes from the environment when it is set there (containers,
 * the tests), else from the default written here. Overrides that stay out of
 * version control go in config.local.php next to this file, or in the file
 * SHOP_CONFIG names: a PHP file returning some of these keys.
 *
 * The secret key has no default on purpose: a shop left with a well-known
 * key (the sandbox's, a tutorial's) accepts callbacks anyone can sign.
 */
$env = static function (string $name, ?string $default = null): ?string {
    $value = getenv($name);
    return $value === false || $value === '' ? $default : $value;
};

$config = [
    // From the FreedomPay merchant cabinet. The bundled sandbox: 500001 / sandbox-secret.
    'merchant_id' => $env('FREEDOMPAY_MERCHANT_ID'),
    'secret_key' => $env('FREEDOMPAY_SECRET_KEY'),
    // kz, kg or uz: which FreedomPay the merchant account belongs to.
    'region' => $env('FREEDOMPAY_REGION', 'kz'),
    // Empty: the real gateway. The sandbox's URL (http://127.0.0.1:8080) in development.
    'base_url' => $env('FREEDOMPAY_BASE_URL'),
    // Payments are made with pg_testing_mode=1: no money moves. Turn off when going live.
    'testing_mode' => $env('FREEDOMPAY_TESTING_MODE', '1') === '1',

    // Where the gateway and the payer's browser reach this shop, without a
    // trailing slash. The callback and return URLs sent to the gateway are
    // built from it, never from the request's Host header (which the client
    // chooses), and the callbacks are verified against the same URLs.
    'public_url' => $env('SHOP_PUBLIC_URL', 'http://127.0.0.1:8000'),

    // Order ids are pg_order_id: unique among every shop or environment
    // that uses the same merchant account (staging and production too),
    // at most 50 characters.
    'order_prefix' => $env('SHOP_ORDER_PREFIX', 'shop-'),
    'currency' => 'KZT',

    // The orders: a SQLite file the web server's user may write, with its directory.
    'database' => $env('SHOP_DATABASE', __DIR__ . '/var/orders.sqlite'),

    // The catalogue, prices in tiyn (1/100 KZT): amounts are never floats.
    'products' => [
        'book' => ['name' => 'The Steppe, a novel', 'price' => 250000],
        'pen' => ['name' => 'Fountain pen', 'price' => 1250050],
    ],
];

$local = $env('SHOP_CONFIG', __DIR__ . '/config.local.php');
if (is_file($local)) {
    $config = array_replace($config, require $local);
}
return $config;
