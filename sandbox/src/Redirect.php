<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

/**
 * Sending the payer back to the shop (reference §4.4): pg_success_url or
 * pg_failure_url, by pg_success_url_method / pg_failure_url_method (GET by
 * default; AUTOGET is GET, AUTOPOST is POST), with pg_order_id,
 * pg_payment_id, the shop's own (non-pg_) fields of the creating request,
 * pg_salt and pg_sig; a failure adds pg_error_code and pg_error_description
 * (and in frame mode, pg_payment_route=frame, pg_status replaces pg_payment_id).
 *
 * The signature's script name is the last path segment of the shop's URL.
 * With GET the fields are added to the URL's own query string, and the
 * signature covers everything in the final query string (what the shop
 * receives); with POST it covers the posted fields.
 */
final class Redirect
{
    /** pg_error_code of a payment the shop rejected in its reply to result_url (sandbox's choice). */
    public const REJECTED = '413';

    /** Fields of the creating request that are the sandbox's, not the shop's. */
    private const NOT_THE_SHOPS = ['sandbox_fault'];

    /**
     * Where the payer goes for a decided payment: ['url', 'method', 'fields']
     * (for GET the fields are in url already), or null when the shop gave no URL.
     */
    public static function target(array $p, Merchant $merchant): ?array
    {
        $request = json_decode((string) $p['fields'], true) ?: [];
        // A payment the shop rejected in its result_url reply goes to the failure URL.
        $ok = in_array($p['status'], ['success', 'held', 'refunded'], true) && ($p['rejected_at'] ?? null) === null;
        $prefix = $ok ? 'pg_success_url' : 'pg_failure_url';
        $url = $request[$prefix] ?? null;
        if (!is_string($url) || $url === '') {
            return null;
        }
        $method = strtoupper((string) ($request[$prefix . '_method'] ?? 'GET'));
        $method = $method === 'POST' || $method === 'AUTOPOST' ? 'POST' : 'GET';

        $fields = ['pg_order_id' => $p['order_id']];
        if ($ok || ($request['pg_payment_route'] ?? '') !== 'frame') {
            $fields['pg_payment_id'] = (string) $p['id'];
        } else {
            $fields['pg_status'] = 'error';
        }
        foreach ($request as $name => $value) {
            if (!str_starts_with((string) $name, 'pg_') && !in_array($name, self::NOT_THE_SHOPS, true)) {
                $fields[$name] = $value;
            }
        }
        if (!$ok) {
            [$code, $description] = match (true) {
                ($p['rejected_at'] ?? null) !== null => [self::REJECTED, (string) ($p['reject_description'] ?: 'Rejected by the shop')],
                $p['status'] === 'revoked' => ['350', 'The payment was cancelled'],
                default => [(string) ($p['failure_code'] ?? '1000'), (string) ($p['failure_description'] ?? 'Payment failed')],
            };
            $fields['pg_error_code'] = $code;
            $fields['pg_error_description'] = $description;
        }
        $fields['pg_salt'] = bin2hex(random_bytes(8));

        $script = Signature::scriptName((string) parse_url($url, PHP_URL_PATH));
        if ($method === 'POST') {
            $fields['pg_sig'] = Signature::forRequest($script, $fields, $merchant->secretKey);
            return ['url' => $url, 'method' => 'POST', 'fields' => $fields];
        }
        [$base, $fragment] = array_pad(explode('#', $url, 2), 2, null);
        [$path, $query] = array_pad(explode('?', $base, 2), 2, '');
        parse_str($query, $existing);
        $signed = $existing;   // what the shop's $_GET will hold: its own keys first, ours after (ours win)
        foreach ($fields as $name => $value) {
            $signed[$name] = $value;
        }
        $fields['pg_sig'] = Signature::forRequest($script, $signed, $merchant->secretKey);
        $final = $path . '?' . ($query !== '' ? "$query&" : '') . http_build_query($fields, '', '&', PHP_QUERY_RFC3986)
            . ($fragment !== null ? "#$fragment" : '');
        return ['url' => $final, 'method' => 'GET', 'fields' => $fields];
    }

    /** Sends the browser there: 303 for GET, an auto-submitting form for POST. */
    public static function send(array $target, string $title, string $text): void
    {
        if ($target['method'] === 'POST') {
            Html::autoPost($target['url'], $target['fields'], $title, $text);
            return;
        }
        http_response_code(303);
        header('Location: ' . $target['url']);
        Html::page(303, $title, Html::notice('info', $title, $text)
            . '<a class="back" href="' . Html::escape($target['url']) . '">Back to the shop</a>');
    }
}
