<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

/** Field checks; a failure is the gateway's signed validation error 9403. */
final class Validate
{
    public static function required(Request $r, string $name): string
    {
        $v = $r->field($name);
        if ($v === null || $v === '') {
            throw new GatewayError(9403, "$name is required");
        }
        return $v;
    }

    /** A decimal point, at most 2 decimals, from 0.01 to 99999999. */
    public static function amount(Request $r, string $name): string
    {
        $v = self::required($r, $name);
        if (!preg_match('/^\d{1,8}(\.\d{1,2})?$/', $v) || (float) $v < 0.01) {
            throw new GatewayError(9403, "$name is not a valid amount: $v");
        }
        return $v;
    }
}
