<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

/**
 * check_url (reference §4.1): before a payment created with pg_check_url is
 * charged (g2g/payment, the hosted page, card/pay, card/direct, recurring,
 * /_sandbox/pay), the sandbox asks the shop, and charges only on a correctly
 * signed pg_status=ok. Otherwise the payment is declined (moved to error by
 * "pay", as a bank's decline is), with:
 *
 *   410  Rejected by the shop: <its pg_description>      it answered rejected
 *   411  The shop refused the payment: <pg_description>  it answered error
 *   412  The shop did not confirm the payment: <why>     no valid answer: not
 *        HTTP 200, not XML, unsigned or wrongly signed, unreachable, or no
 *        answer within check_timeout seconds
 *
 * The call is made by the request that is about to charge, outside any
 * transaction, and recorded as a "check" notification (one attempt).
 */
final class CheckUrl
{
    public const REJECTED = '410';
    public const REFUSED = '411';
    public const UNCONFIRMED = '412';

    /**
     * Asks the shop about payment $p, if it has a check_url: null to go on
     * (no check_url, or ok), else [failure code, failure description].
     */
    public static function ask(Store $store, array $p): ?array
    {
        $request = Notifications::request($p);
        $url = $request['pg_check_url'] ?? null;
        if (!is_string($url) || $url === '' || $p['status'] !== 'new') {
            return null;
        }
        if ($store->inTransaction()) {
            throw new \LogicException('check_url is called outside transactions');
        }
        $n = $store->transaction(fn(Store $s) => Notifications::enqueue($s, $p['merchant_id'], 'check', $url,
            self::fields($p, $request), Notifications::requestMethod($request), 'payment', 'payment', $p['id']));
        if ($n['status'] === 'failed') {   // not a URL the sandbox calls
            $att = $store->one('SELECT detail FROM notification_attempts WHERE notification_id = ? ORDER BY id DESC LIMIT 1', [$n['id']]);
            return [self::UNCONFIRMED, 'The shop did not confirm the payment: ' . ($att['detail'] ?? 'check_url not called')];
        }
        $att = Delivery::attempt($store, new Config(), $n);
        return match ($att['verdict']) {
            'ok' => null,
            'rejected' => [self::REJECTED, 'Rejected by the shop' . ($att['description'] !== '' ? ": {$att['description']}" : '')],
            'error' => [self::REFUSED, 'The shop refused the payment' . ($att['description'] !== '' ? ": {$att['description']}" : '')],
            default => [self::UNCONFIRMED, "The shop did not confirm the payment: {$att['detail']}"],
        };
    }

    /** The fields of a check_url call (reference §4.1): the payment, the shop's own fields. */
    public static function fields(array $p, array $request): array
    {
        return [
            'pg_order_id' => $p['order_id'],
            'pg_payment_id' => (string) $p['id'],
            'pg_amount' => $p['amount'],
            'pg_currency' => $p['currency'],
            'pg_ps_amount' => $p['amount'],
            'pg_ps_currency' => $p['currency'],
            'pg_ps_full_amount' => $p['amount'],
            'pg_payment_system' => 'EPAYWEBKZT',
            'pg_description' => $p['description'],
            'pg_testing_mode' => $p['testing_mode'],
        ] + Notifications::shopFields($request);
    }
}
