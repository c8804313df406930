<?php
declare(strict_types=1);

/*
 * What every page of the shop shares: the settings, the FreedomPay client,
 * the orders, the URLs given to the gateway, and the few ways a page ends.
 */

namespace Shop;

use FreedomPay\Client;

require_once __DIR__ . '/Orders.php';

if (!extension_loaded('freedompay')) {
    http_response_code(500);
    error_log('shop: the freedompay extension is not loaded');
    exit("The shop is not set up yet.\n");
}

/** The settings (config.php), checked once. */
function config(): array
{
    static $config = null;
    if ($config === null) {
        $config = require dirname(__DIR__) . '/config.php';
        foreach (['merchant_id', 'secret_key', 'public_url', 'database'] as $key) {
            if (!is_string($config[$key] ?? null) || $config[$key] === '') {
                // the name of the missing setting, never a value
                throw new \RuntimeException("shop: config.php: $key is not set");
            }
        }
    }
    return $config;
}

function client(): Client
{
    $config = config();
    $options = ['region' => $config['region'], 'testing_mode' => $config['testing_mode'], 'timeout' => 20];
    if ($config['base_url'] !== null && $config['base_url'] !== '') {
        $options['base_url'] = $config['base_url'];
    }
    return new Client($config['merchant_id'], $config['secret_key'], $options);
}

function orders(): Orders
{
    static $orders = null;
    return $orders ??= new Orders(config()['database']);
}

/**
 * The absolute URL of one of the shop's pages, as given to the gateway
 * (pg_result_url, ...) and as verified when the gateway calls it: the
 * signature's script name is the last path segment, "result.php".
 */
function url(string $page): string
{
    return rtrim(config()['public_url'], '/') . '/' . $page;
}

/**
 * The fields of a request from the gateway, exactly as received: the form
 * of a POST (the XML method is a form too, with one field pg_xml), or a
 * body of raw XML, or the query string of a GET (a callback sent with
 * pg_request_method=GET, the payer's success and failure redirects).
 * Nothing is trimmed, decoded or filtered: the signature covers every
 * field as sent.
 */
function request_fields(): array
{
    if (($_SERVER['REQUEST_METHOD'] ?? 'GET') !== 'POST') {
        return $_GET;
    }
    if ($_POST !== []) {
        return $_POST;
    }
    $type = strtolower((string) ($_SERVER['CONTENT_TYPE'] ?? ''));
    if (str_starts_with($type, 'application/xml') || str_starts_with($type, 'text/xml')) {
        return ['pg_xml' => (string) file_get_contents('php://input', false, null, 0, 1 << 20)];
    }
    return [];
}

/** Sends the signed XML answer to a callback and ends the request. */
function send_xml(string $xml): never
{
    header('Content-Type: application/xml; charset=utf-8');
    header('Cache-Control: no-store');
    echo $xml;
    exit;
}

/**
 * Refuses a request that claims to come from the gateway: logs why (the
 * extension's messages name fields and orders, never keys) and answers
 * with an HTTP error and no XML. Nothing has been changed.
 */
function refuse(int $status, string $page, string $why): never
{
    error_log(sprintf('shop %s: refused with HTTP %d: %s', $page, $status, $why));
    http_response_code($status);
    header('Content-Type: text/plain; charset=utf-8');
    header('Cache-Control: no-store');
    echo $status === 403 ? "Forbidden\n" : "Not accepted\n";
    exit;
}

function h(string $text): string
{
    return htmlspecialchars($text, ENT_QUOTES | ENT_SUBSTITUTE | ENT_HTML5, 'UTF-8');
}

/** A whole HTML page; ends the request. $head: extra markup for <head>. */
function page(string $title, string $body, int $status = 200, string $head = ''): never
{
    http_response_code($status);
    header('Content-Type: text/html; charset=utf-8');
    header('Cache-Control: no-store');
    echo '<!doctype html><html lang="en"><head><meta charset="utf-8">', $head,
        '<title>', h($title), '</title></head><body style="font:16px/1.5 sans-serif;max-width:40em;margin:2em auto">',
        '<h1>', h($title), '</h1>', $body, '<p><a href="index.php">Back to the shop</a></p></body></html>';
    exit;
}

/** Tiyn to the gateway's amount: 250000 → "2500.00". */
function amount(int $tiyn): string
{
    return sprintf('%d.%02d', intdiv($tiyn, 100), $tiyn % 100);
}
