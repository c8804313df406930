<?php
/**
 * Plugin Name:          FreedomPay for WooCommerce (example)
 * Description:          Card payments on FreedomPay's payment page, with the freedompay PHP extension. An example integration: read it, adapt it, test it against the sandbox before going live.
 * Version:              0.1.0
 * Requires PHP:         8.1
 * Requires Plugins:     woocommerce
 * WC requires at least: 7.0
 * Text Domain:          freedompay-woocommerce
 * License:              MIT
 */

defined('ABSPATH') || exit;

add_action('plugins_loaded', static function (): void {
    if (!class_exists('WC_Payment_Gateway')) {
        return;   // WooCommerce is not active
    }
    if (!extension_loaded('freedompay')) {
        add_action('admin_notices', static function (): void {
            echo '<div class="notice notice-error"><p>',
                esc_html__('FreedomPay for WooCommerce needs the freedompay PHP extension (extension=freedompay.so in php.ini).', 'freedompay-woocommerce'),
                '</p></div>';
        });
        return;
    }
    require_once __DIR__ . '/includes/class-wc-gateway-freedompay.php';
    add_filter('woocommerce_payment_gateways', static function (array $gateways): array {
        $gateways[] = WC_Gateway_FreedomPay::class;
        return $gateways;
    });
});

// The gateway reads and writes orders only through WC_Order: it works with
// High-Performance Order Storage as with posts.
add_action('before_woocommerce_init', static function (): void {
    if (class_exists(\Automattic\WooCommerce\Utilities\FeaturesUtil::class)) {
        \Automattic\WooCommerce\Utilities\FeaturesUtil::declare_compatibility('custom_order_tables', __FILE__, true);
    }
});
