<?php
/*
 * The catalogue: one form per product, posting to checkout.php. The price
 * shown is for the payer; checkout.php takes prices from config.php only.
 */
declare(strict_types=1);

require dirname(__DIR__) . '/src/bootstrap.php';

$config = Shop\config();
$body = '';
foreach ($config['products'] as $sku => $product) {
    $body .= '<form method="post" action="checkout.php" style="margin:1em 0">'
        . '<strong>' . Shop\h($product['name']) . '</strong>, '
        . Shop\h(Shop\amount($product['price'])) . ' ' . Shop\h($config['currency'])
        . ' <input type="hidden" name="product" value="' . Shop\h((string) $sku) . '">'
        . ' <label>Quantity <input type="number" name="quantity" value="1" min="1" max="99" style="width:4em"></label>'
        . ' <button>Buy</button></form>';
}
Shop\page('FreedomPay example shop', $body);
