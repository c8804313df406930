<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

/**
 * The test cards and what each does. A payment keeps the card's behaviour
 * (never its number): what happens when it is charged, now or later.
 *
 * Behaviours:
 *   approve       approved at once
 *   3ds           3-D Secure first (where the flow has a payer), then approved
 *   slow          pending, then approved (see Settings: slow_polls, slow_seconds)
 *   slow-decline  pending, then declined with 5
 *   funds         declined with 51 Insufficient funds
 *   restricted    declined with 62 Restricted card
 *   decline       declined with 5 Transaction declined (any other valid number)
 *   expired       declined with 5 (an expiry date in the past)
 */
final class Cards
{
    /** number => [behaviour, brand, what it is for] (reference §2.1, and the two older examples) */
    public const TEST_CARDS = [
        '4716047261941981' => ['approve', 'Visa', 'approved'],
        '5367654276102126' => ['approve', 'Mastercard', 'approved'],
        '4916307416334310' => ['3ds', 'Visa', '3-D Secure, then approved'],
        '5335215945367703' => ['3ds', 'Mastercard', '3-D Secure, then approved'],
        '4916109830832246' => ['slow', 'Visa', 'pending, then approved'],
        '5475102935853613' => ['slow-decline', 'Mastercard', 'pending, then declined (5)'],
        '4939770956154989' => ['funds', 'Visa', 'declined: insufficient funds (51)'],
        '5548398681700148' => ['restricted', 'Mastercard', 'declined: restricted card (62)'],
        '4405645000006150' => ['approve', 'Visa', 'approved'],
        '5483185000000293' => ['approve', 'Mastercard', 'approved'],
    ];

    /** The one-time code the sandbox ACS accepts (the docs' test OTP). */
    public const OTP = '111111';

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

    /** What charging this well-formed card does. */
    public static function behavior(string $number, string $exp): string
    {
        if (self::expired($exp)) {
            return 'expired';
        }
        return self::TEST_CARDS[$number][0] ?? 'decline';
    }

    public static function expired(string $exp): bool
    {
        [$month, $year] = array_map('intval', explode('/', $exp));
        return mktime(0, 0, 0, $month + 1, 1, 2000 + $year) <= time();
    }

    /** [approved, failure code, failure description] once the card is charged. */
    public static function outcome(string $behavior): array
    {
        return match ($behavior) {
            'approve', '3ds', 'slow' => [true, null, null],
            'funds' => [false, '51', 'Insufficient funds'],
            'restricted' => [false, '62', 'Restricted card'],
            'expired' => [false, '5', 'Transaction declined: the card has expired'],
            default => [false, '5', 'Transaction declined'],
        };
    }

    public static function needs3ds(string $behavior): bool
    {
        return $behavior === '3ds';
    }

    public static function slow(string $behavior): bool
    {
        return $behavior === 'slow' || $behavior === 'slow-decline';
    }

    /** [approved, failure code, failure description] for well-formed card data (3-D Secure passed, slow settled). */
    public static function decide(string $number, string $exp): array
    {
        return self::outcome(self::behavior($number, $exp));
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

    /** A card token in the gateway's shape (a UUID). */
    public static function token(): string
    {
        $b = random_bytes(16);
        $b[6] = chr(ord($b[6]) & 0x0f | 0x40);
        $b[8] = chr(ord($b[8]) & 0x3f | 0x80);
        return vsprintf('%s%s-%s-%s-%s-%s%s%s', str_split(bin2hex($b), 4));
    }
}
