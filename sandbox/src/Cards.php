<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

/** Test cards: which are approved, which declined, which malformed. */
final class Cards
{
    /** The gateway's purchase test cards (reference §2.1); all are approved. */
    public const APPROVED = [
        '4716047261941981', '4916307416334310', '5367654276102126', '4939770956154989', '5335215945367703',
        '4916109830832246', '5548398681700148', '5475102935853613', '4405645000006150', '5483185000000293',
    ];

    /** null when the card data is well-formed, else why not. */
    public static function malformed(string $number, string $exp, string $cvc): ?string
    {
        if (!preg_match('/^\d{13,19}$/', $number) || !self::luhn($number)) {
            return 'card_number is not a valid card number';
        }
        if (!preg_match('~^(0[1-9]|1[0-2])/(\d{2})$~', $exp)) {
            return 'card_exp must be MM/YY';
        }
        if (!preg_match('/^\d{3,4}$/', $cvc)) {
            return 'card_cvc must be 3 or 4 digits';
        }
        return null;
    }

    /** [approved, failure code, failure description] for well-formed card data. */
    public static function decide(string $number, string $exp): array
    {
        [$month, $year] = array_map('intval', explode('/', $exp));
        $expiresAfter = mktime(0, 0, 0, $month + 1, 1, 2000 + $year);
        if ($expiresAfter <= time()) {
            return [false, '5', 'Transaction declined: the card has expired'];
        }
        if (!in_array($number, self::APPROVED, true)) {
            return [false, '5', 'Transaction declined'];
        }
        return [true, null, null];
    }

    /** 4405-64XX-XXXX-6150 */
    public static function mask(string $number): string
    {
        $masked = substr($number, 0, 6) . str_repeat('X', strlen($number) - 10) . substr($number, -4);
        return implode('-', str_split($masked, 4));
    }

    public static function luhn(string $number): bool
    {
        $sum = 0;
        foreach (array_reverse(str_split($number)) as $i => $d) {
            $d = (int) $d * ($i % 2 ? 2 : 1);
            $sum += $d > 9 ? $d - 9 : $d;
        }
        return $sum % 10 === 0;
    }
}
