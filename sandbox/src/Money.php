<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

/** Amounts: decimal strings on the wire, integer minor units (tiyn) for arithmetic. */
final class Money
{
    /** "12.5" gives 1250. The string is already validated (Validate::amount). */
    public static function minor(string $amount): int
    {
        [$whole, $fraction] = array_pad(explode('.', $amount, 2), 2, '');
        return (int) $whole * 100 + (int) str_pad(substr($fraction, 0, 2), 2, '0');
    }

    /** 1250 gives "12.5", 50000 gives "500", -1000 gives "-10": the gateway's style. */
    public static function format(int $minor): string
    {
        $sign = $minor < 0 ? '-' : '';
        $minor = abs($minor);
        $text = intdiv($minor, 100) . '.' . sprintf('%02d', $minor % 100);
        return $sign . rtrim(rtrim($text, '0'), '.');
    }
}
