<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

/**
 * Charging a payment with a card, whoever asks (g2g/payment, the hosted
 * page, card/direct, recurring payments, /_sandbox/pay): the 3-D Secure
 * step, slow cards, and the decision. Every function runs inside the
 * caller's transaction and changes state only through Lifecycle::move.
 */
final class Charge
{
    /**
     * Charges a "new" payment with a card. $card: behavior, pan (masked),
     * name, exp (MM/YY or null). With $threeDs, a card that needs 3-D Secure
     * stops in "3ds"; without (recurring, card/direct), it is charged as is.
     * $refusal: the shop's check_url said no (CheckUrl::ask): declined with it.
     */
    public static function card(Store $s, array $p, array $card, bool $threeDs, string $what, ?array $refusal = null): array
    {
        $set = [
            'card_behavior' => $card['behavior'],
            'card_pan' => $card['pan'],
            'card_name' => $card['name'],
            'card_exp' => $card['exp'] ?? null,
        ];
        if ($refusal !== null) {
            return Lifecycle::move($s, 'payment', $p['id'], 'error', $set + [
                'paid_at' => gmdate('Y-m-d H:i:s'),
                'failure_code' => $refusal[0],
                'failure_description' => $refusal[1],
            ], 'pay', $what);
        }
        if ($threeDs && Cards::needs3ds($card['behavior'])) {
            return Lifecycle::move($s, 'payment', $p['id'], '3ds', $set + [
                'three_ds_md' => bin2hex(random_bytes(16)),
                'three_ds_pareq' => self::opaque(),
                'three_ds_pares' => null,
                'three_ds_result' => null,
                'three_ds_attempts' => 0,
            ], 'pay', $what);
        }
        if (Cards::slow($card['behavior'])) {
            return self::toPending($s, $p, $set, 'pay', $what);
        }
        return self::decide($s, $p, $card['behavior'], $set, 'pay', $what);
    }

    /** 3-D Secure done: $result Y (authenticated) or N. */
    public static function afterThreeDs(Store $s, array $p, string $result, string $what): array
    {
        if ($result !== 'Y') {
            return Lifecycle::move($s, 'payment', $p['id'], 'error', [
                'paid_at' => gmdate('Y-m-d H:i:s'),
                'reference' => self::reference(),
                'failure_code' => '6',
                'failure_description' => '3-D Secure authentication failed',
            ], 'authenticate', $what);
        }
        if (Cards::slow((string) $p['card_behavior'])) {
            return self::toPending($s, $p, [], 'authenticate', $what);
        }
        return self::decide($s, $p, (string) $p['card_behavior'], [], 'authenticate', $what);
    }

    /**
     * A slow card's payment, looked at: decided once its status has been
     * asked for slow_polls times ($poll counts this look as one), or once
     * slow_seconds have passed, or at once with $now.
     */
    public static function settle(Store $s, array $p, bool $poll, bool $now = false): array
    {
        if ($p['status'] !== 'pending') {
            return $p;
        }
        $due = $now || (int) $p['settle_polls'] <= 0
            || ($p['settle_at'] !== null && $p['settle_at'] <= gmdate('Y-m-d H:i:s'));
        if ($due) {
            return self::decide($s, $p, (string) $p['card_behavior'], ['settle_polls' => 0], 'settle', 'settling');
        }
        if ($poll) {
            $s->run('UPDATE payments SET settle_polls = settle_polls - 1 WHERE id = ?', [$p['id']]);
            return $s->one('SELECT * FROM payments WHERE id = ?', [$p['id']]);
        }
        return $p;
    }

    private static function toPending(Store $s, array $p, array $set, string $operation, string $what): array
    {
        $seconds = Settings::get($s, 'slow_seconds');
        return Lifecycle::move($s, 'payment', $p['id'], 'pending', $set + [
            'settle_polls' => Settings::get($s, 'slow_polls'),
            'settle_at' => $seconds > 0 ? gmdate('Y-m-d H:i:s', time() + $seconds) : null,
        ], $operation, $what);
    }

    /** Approved: success (one-stage) or held (two-stage); declined: error. */
    private static function decide(Store $s, array $p, string $behavior, array $set, string $operation, string $what): array
    {
        [$approved, $code, $description] = Cards::outcome($behavior);
        $set += ['paid_at' => gmdate('Y-m-d H:i:s'), 'reference' => self::reference()];
        if (!$approved) {
            return Lifecycle::move($s, 'payment', $p['id'], 'error', $set + [
                'failure_code' => $code,
                'failure_description' => $description,
            ], $operation, $what);
        }
        $set['auth_code'] = (string) random_int(100000, 999999);
        $oneStage = (int) $p['auto_clearing'] === 1;
        if ($oneStage) {
            $set['clearing_amount'] = $p['amount'];
        }
        $after = Lifecycle::move($s, 'payment', $p['id'], $oneStage ? 'success' : 'held', $set, $operation, $what);
        if ((int) $after['recurring_start'] === 1 && $after['recurring_profile_id'] === null) {
            $months = (int) ($after['recurring_lifetime'] ?? 36);
            $profile = $s->insert('recurring_profiles', [
                'merchant_id' => $after['merchant_id'],
                'payment_id' => $after['id'],
                'card_behavior' => $after['card_behavior'],
                'card_pan' => $after['card_pan'],
                'card_name' => $after['card_name'],
                'card_exp' => $after['card_exp'],
                'status' => 'active',
                'created_at' => gmdate('Y-m-d H:i:s'),
                'expires_at' => gmdate('Y-m-d H:i:s', strtotime("+$months months")),
            ]);
            $s->run('UPDATE payments SET recurring_profile_id = ? WHERE id = ?', [$profile, $after['id']]);
            $after['recurring_profile_id'] = $profile;
        }
        return $after;
    }

    /** A bank reference (RRN): 12 digits. */
    public static function reference(): string
    {
        return (string) random_int(100000000000, 999999999999);
    }

    /** Something that looks like a PaReq: base64 of random bytes. */
    private static function opaque(): string
    {
        return rtrim(base64_encode(random_bytes(48)), '=');
    }
}
