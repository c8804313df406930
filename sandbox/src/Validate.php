<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

/** Field checks; a failure is the gateway's signed validation error 9403, naming the field. */
final class Validate
{
    public static function required(Request $r, string $name): string
    {
        if (is_array($r->fields[$name] ?? null)) {
            throw new GatewayError(9403, "$name must be a single value");
        }
        $v = $r->field($name);
        if ($v === null || $v === '') {
            throw new GatewayError(9403, "$name is required");
        }
        return $v;
    }

    /** The field, or null when absent or empty; an array is refused. */
    public static function optional(Request $r, string $name): ?string
    {
        if (is_array($r->fields[$name] ?? null)) {
            throw new GatewayError(9403, "$name must be a single value");
        }
        $v = $r->field($name);
        return $v === null || $v === '' ? null : $v;
    }

    /** A decimal point, at most 2 decimals, from 0.01 to 99999999. */
    public static function amount(Request $r, string $name): string
    {
        $v = self::required($r, $name);
        if (!self::isAmount($v)) {
            throw new GatewayError(9403, "$name is not a valid amount: $v");
        }
        return $v;
    }

    /** An optional amount where absent or 0 means "all of it": null then. */
    public static function optionalAmount(Request $r, string $name): ?string
    {
        $v = self::optional($r, $name);
        if ($v === null || preg_match('/^0+(\.0{1,2})?$/', $v)) {
            return null;
        }
        if (!self::isAmount($v)) {
            throw new GatewayError(9403, "$name is not a valid amount: $v");
        }
        return $v;
    }

    public static function isAmount(string $v): bool
    {
        return preg_match('/^\d{1,8}(\.\d{1,2})?$/', $v) === 1 && Money::minor($v) >= 1;
    }

    /** A positive integer id (pg_payment_id, pg_recurring_profile...). */
    public static function id(Request $r, string $name): string
    {
        $v = self::required($r, $name);
        if (!preg_match('/^[1-9]\d{0,18}$/', $v)) {
            throw new GatewayError(9403, "$name is not a valid id: $v");
        }
        return $v;
    }

    /** 0 or 1; $default when absent. */
    public static function flag(Request $r, string $name, string $default = '0'): string
    {
        $v = self::optional($r, $name) ?? $default;
        if ($v !== '0' && $v !== '1') {
            throw new GatewayError(9403, "$name must be 0 or 1");
        }
        return $v;
    }

    /** An absolute http(s) URL of at most 255 characters, or null when absent. */
    public static function url(Request $r, string $name): ?string
    {
        $v = self::optional($r, $name);
        if ($v !== null && (strlen($v) > 255 || !preg_match('~^https?://[^\s/?#]+~i', $v))) {
            throw new GatewayError(9403, "$name is not a valid URL");
        }
        return $v;
    }

    /** pg_success_url_method and the like: GET, POST, AUTOGET or AUTOPOST. */
    public static function urlMethod(Request $r, string $name): ?string
    {
        $v = self::optional($r, $name);
        if ($v !== null && !in_array(strtoupper($v), ['GET', 'POST', 'AUTOGET', 'AUTOPOST'], true)) {
            throw new GatewayError(9403, "$name must be GET, POST, AUTOGET or AUTOPOST");
        }
        return $v === null ? null : strtoupper($v);
    }

    /** pg_request_method (how check_url, result_url and post_link are called): GET, POST or XML, or null when absent. */
    public static function requestMethod(Request $r): ?string
    {
        $v = self::optional($r, 'pg_request_method');
        if ($v !== null && !in_array(strtoupper($v), ['GET', 'POST', 'XML'], true)) {
            throw new GatewayError(9403, 'pg_request_method must be GET, POST or XML');
        }
        return $v === null ? null : strtoupper($v);
    }

    /** At most $max characters (UTF-8 aware, without mbstring). */
    public static function maxLength(Request $r, string $name, int $max): ?string
    {
        $v = self::optional($r, $name);
        if ($v !== null && preg_match_all('/./su', $v) > $max) {
            throw new GatewayError(9403, "$name is longer than $max characters");
        }
        return $v;
    }

    /** Card data of g2g/payment: [number, MM/YY, cvc, holder]. */
    public static function card(Request $r): array
    {
        $pan = preg_replace('/[\s-]/', '', self::required($r, 'pg_card_pan'));
        if (!preg_match('/^\d{13,19}$/', $pan) || !Cards::luhn($pan)) {
            throw new GatewayError(9403, 'pg_card_pan is not a valid card number');
        }
        $cvc = self::required($r, 'pg_card_cvc');
        if (!preg_match('/^\d{3,4}$/', $cvc)) {
            throw new GatewayError(9403, 'pg_card_cvc must be 3 or 4 digits');
        }
        $month = self::required($r, 'pg_card_month');
        if (!preg_match('/^(0?[1-9]|1[0-2])$/', $month)) {
            throw new GatewayError(9403, 'pg_card_month must be a month, 01 to 12');
        }
        $year = self::required($r, 'pg_card_year');
        if (!preg_match('/^(\d{2}|20\d{2})$/', $year)) {
            throw new GatewayError(9403, 'pg_card_year must be two digits (yy)');
        }
        $name = self::required($r, 'pg_card_name');
        return [$pan, sprintf('%02d/%s', (int) $month, substr($year, -2)), $cvc, $name];
    }
}
