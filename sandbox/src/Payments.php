<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

/**
 * The purchase module: creating payments (hosted page, card data, recurring,
 * saved cards), their status, and what happens after (Operations).
 */
final class Payments
{
    public const ENDPOINTS = [
        'init_payment.php' => [[self::class, 'init'], 'payment'],
        'g2g/payment_page' => [[self::class, 'paymentPage'], 'payment'],
        'g2g/any_amount' => [[self::class, 'anyAmount'], 'payment'],
        'g2g/payment' => [[self::class, 'cardPayment'], 'payment'],
        'g2g/paymentAcs' => [[ThreeDs::class, 'paymentAcs'], 'payment'],
        'make_recurring_payment.php' => [[self::class, 'recurring'], 'payment'],
        'v1/merchant/{id}/card/init' => [[SavedCards::class, 'init'], 'payment'],
        'v1/merchant/{id}/card/pay' => [[SavedCards::class, 'pay'], 'payment'],
        'v1/merchant/{id}/card/direct' => [[SavedCards::class, 'direct'], 'payment'],
        'cancel.php' => [[Operations::class, 'cancel'], 'payment'],
        'revoke.php' => [[Operations::class, 'refund'], 'payment'],
        'do_capture.php' => [[Operations::class, 'capture'], 'payment'],
        'get_status3.php' => [[self::class, 'status'], 'payment'],
    ];

    public const PAGES = [
        '/pay.html' => [PayPage::class, 'handle'],
        '/acs.html' => [ThreeDs::class, 'page'],
    ];

    public const CONTROLS = [
        '/_sandbox/pay' => [PaymentControls::class, 'pay'],
        '/_sandbox/settle' => [PaymentControls::class, 'settle'],
        '/_sandbox/3ds' => [PaymentControls::class, 'threeDs'],
        '/_sandbox/payment' => [PaymentControls::class, 'payment'],
        '/_sandbox/cards' => [PaymentControls::class, 'cards'],
    ];

    /** get_status3.php's pg_payment_status for each lifecycle state. */
    public const STATUS_NAMES = [
        'new' => 'new',
        '3ds' => 'pending',
        'pending' => 'pending',
        'held' => 'success',
        'success' => 'success',
        'error' => 'error',
        'revoked' => 'revoked',
        'refunded' => 'refunded',
    ];

    /** init_payment.php: a payment the payer pays on the hosted page. */
    public static function init(Context $c): array
    {
        return self::pageReply($c, self::create($c, 'page', orderRequired: false));
    }

    /** g2g/payment_page: the same, through the gateway API. */
    public static function paymentPage(Context $c): array
    {
        return self::pageReply($c, self::create($c, 'page'));
    }

    /** g2g/any_amount: the payer chooses the amount on the hosted page. */
    public static function anyAmount(Context $c): array
    {
        return self::pageReply($c, self::create($c, 'any_amount'));
    }

    /** g2g/payment: card data in the request; decided at once, or a 3-D Secure challenge. */
    public static function cardPayment(Context $c): array
    {
        [$pan, $exp, , $holder] = Validate::card($c->request);
        $card = ['behavior' => Cards::behavior($pan, $exp), 'pan' => Cards::mask($pan), 'name' => strtoupper($holder), 'exp' => $exp];
        $p = self::create($c, 'card', charge: fn(Store $s, array $p, ?array $refusal) =>
            Charge::card($s, $p, $card, true, 'g2g/payment', $refusal));
        return self::outcomeReply($c, $p);
    }

    /** make_recurring_payment.php: charges the card of an earlier payment made with pg_recurring_start=1. */
    public static function recurring(Context $c): array
    {
        $profileId = Validate::id($c->request, 'pg_recurring_profile');
        $profile = $c->store->one('SELECT * FROM recurring_profiles WHERE merchant_id = ? AND id = ?', [$c->merchant->id, $profileId]);
        if ($profile === null || $profile['status'] !== 'active') {
            throw new GatewayError(341, 'Recurring profile not found');
        }
        if ($profile['expires_at'] <= gmdate('Y-m-d H:i:s')) {
            throw new GatewayError(341, "Recurring profile $profileId expired on {$profile['expires_at']}");
        }
        $card = ['behavior' => $profile['card_behavior'], 'pan' => $profile['card_pan'], 'name' => $profile['card_name'],
            'exp' => $profile['card_exp']];
        $p = self::create($c, 'recurring', ['recurring_profile_id' => (int) $profileId],
            fn(Store $s, array $p, ?array $refusal) => Charge::card($s, $p, $card, false, 'make_recurring_payment.php', $refusal));
        return self::outcomeReply($c, $p) + [
            'pg_recurring_profile' => (string) $profile['id'],
            'pg_recurring_profile_expiry_date' => $profile['expires_at'],
        ];
    }

    /** get_status3.php: by pg_payment_id or pg_order_id (the latest with it). Counts as a poll for slow cards. */
    public static function status(Context $c): array
    {
        $r = $c->request;
        $id = Validate::optional($r, 'pg_payment_id');
        $order = Validate::optional($r, 'pg_order_id');
        if ($id === null && $order === null) {
            throw new GatewayError(9403, 'pg_payment_id or pg_order_id is required');
        }
        $p = $c->store->transaction(function (Store $s) use ($c, $id, $order): array {
            $p = $id !== null
                ? $s->one('SELECT * FROM payments WHERE merchant_id = ? AND id = ?', [$c->merchant->id, $id])
                : $s->one('SELECT * FROM payments WHERE merchant_id = ? AND order_id = ? ORDER BY id DESC LIMIT 1',
                    [$c->merchant->id, $order]);
            if ($p === null) {
                throw new GatewayError(340, 'Transaction not found');
            }
            return Charge::settle($s, $p, true);
        });
        return self::statusFields($c->store, $p);
    }

    /**
     * Creates a payment from the request's common fields, or finds the one
     * made earlier with the same pg_idempotency_key (on any endpoint). For a
     * new one, $charge(Store, payment, refusal) then charges it: in the same
     * transaction, or, when the payment has a pg_check_url, in the next one,
     * after the shop was asked (CheckUrl; refusal: its "no", else null).
     */
    public static function create(Context $c, string $source, array $extra = [], ?callable $charge = null,
        bool $orderRequired = true): array
    {
        $r = $c->request;
        $amount = null;
        if ($source !== 'any_amount') {
            $amount = Validate::amount($r, 'pg_amount');
        } elseif (Validate::optional($r, 'pg_amount') !== null) {
            Validate::amount($r, 'pg_amount');   // only a suggestion: the payer chooses on the page
        }
        $description = Validate::required($r, 'pg_description');
        $order = $orderRequired ? Validate::required($r, 'pg_order_id') : Validate::optional($r, 'pg_order_id');
        $currency = Validate::optional($r, 'pg_currency') ?? 'KZT';
        if (!preg_match('/^[A-Z]{3}$/', $currency)) {
            throw new GatewayError(9403, 'pg_currency must be a currency code such as KZT');
        }
        foreach (['pg_success_url', 'pg_failure_url', 'pg_result_url', 'pg_check_url', 'pg_refund_url',
                     'pg_capture_url', 'pg_site_url', 'pg_state_url'] as $url) {
            Validate::url($r, $url);
        }
        foreach (['pg_success_url_method', 'pg_failure_url_method'] as $method) {
            Validate::urlMethod($r, $method);
        }
        Validate::requestMethod($r);
        $lifetime = Validate::optional($r, 'pg_recurring_lifetime');
        if ($lifetime !== null && !preg_match('/^([1-9]|[1-9]\d|1\d\d)$/', $lifetime)) {
            throw new GatewayError(9403, 'pg_recurring_lifetime must be a number of months, 1 to 199');
        }
        $receipt = $r->fields['pg_receipt_positions'] ?? null;
        if ($receipt !== null && !is_array($receipt)) {
            throw new GatewayError(9403, 'pg_receipt_positions must be a list of positions');
        }
        $row = [
            'merchant_id' => $c->merchant->id,
            'order_id' => $order ?? '',
            'amount' => $amount ?? '',
            'currency' => $currency,
            'description' => $description,
            'status' => 'new',
            'token' => bin2hex(random_bytes(16)),
            'testing_mode' => Validate::flag($r, 'pg_testing_mode'),
            'idempotency_key' => Validate::maxLength($r, 'pg_idempotency_key', 255),
            'fields' => json_encode($r->fields, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_INVALID_UTF8_SUBSTITUTE),
            'created_at' => gmdate('Y-m-d H:i:s'),
            'kind' => 'payment',
            'source' => $source,
            'auto_clearing' => (int) Validate::flag($r, 'pg_auto_clearing', '1'),
            'user_id' => Validate::maxLength($r, 'pg_user_id', 255),
            'recurring_start' => (int) Validate::flag($r, 'pg_recurring_start'),
            'recurring_lifetime' => $lifetime === null ? null : (int) $lifetime,
            'updated_at' => gmdate('Y-m-d H:i:s'),
        ] + $extra;
        $check = $charge !== null && Validate::optional($r, 'pg_check_url') !== null;
        [$p, $fresh] = $c->store->transaction(function (Store $s) use ($row, $charge, $check): array {
            if ($row['idempotency_key'] !== null) {
                $seen = $s->one('SELECT * FROM payments WHERE merchant_id = ? AND idempotency_key = ?',
                    [$row['merchant_id'], $row['idempotency_key']]);
                if ($seen !== null) {
                    return [$seen, false];
                }
            }
            $id = $s->insert('payments', $row);
            if ($row['order_id'] === '') {
                $s->run('UPDATE payments SET order_id = ? WHERE id = ?', ["sandbox-$id", $id]);
            }
            $p = $s->one('SELECT * FROM payments WHERE id = ?', [$id]);
            return [$charge === null || $check ? $p : $charge($s, $p, null), true];
        });
        if (!$check || !$fresh) {
            return $p;
        }
        $refusal = CheckUrl::ask($c->store, $p);
        return $c->store->transaction(function (Store $s) use ($p, $charge, $refusal): array {
            $p = $s->one('SELECT * FROM payments WHERE id = ?', [$p['id']]);
            return $p['status'] === 'new' ? $charge($s, $p, $refusal) : $p;
        });
    }

    /** The reply of the endpoints that send the payer to the hosted page. */
    public static function pageReply(Context $c, array $p): array
    {
        return [
            'pg_status' => 'ok',
            'pg_payment_id' => (string) $p['id'],
            'pg_redirect_url' => self::pageUrl($c->request->host, $p),
            'pg_redirect_url_type' => 'need data',
        ];
    }

    public static function pageUrl(string $host, array $p): string
    {
        return "http://$host/pay.html?customer={$p['token']}";
    }

    /**
     * The reply of the endpoints that charge a card at once (g2g/payment,
     * g2g/paymentAcs, card/direct, make_recurring_payment.php): pg_status is
     * ok (paid), pending (3-D Secure to do, or a slow card: ask get_status3)
     * or failed (declined: pg_failure_code, pg_failure_description).
     */
    public static function outcomeReply(Context $c, array $p): array
    {
        $status = $p['status'];
        $reply = [
            'pg_status' => match ($status) {
                'error' => 'failed',
                'new', '3ds', 'pending' => 'pending',
                default => 'ok',
            },
            'pg_payment_id' => (string) $p['id'],
            'pg_order_id' => $p['order_id'],
            'pg_payment_status' => self::STATUS_NAMES[$status],
            'pg_3ds' => $status === '3ds' ? '1' : '0',
        ];
        if ($status === '3ds') {
            $reply += [
                'pg_3d_acsurl' => "http://{$c->request->host}/acs.html",
                'pg_3d_md' => $p['three_ds_md'],
                'pg_3d_pareq' => $p['three_ds_pareq'],
            ];
        }
        $reply += [
            'pg_amount' => $p['amount'],
            'pg_currency' => $p['currency'],
            'pg_captured' => self::captured($p) ? '1' : '0',
        ];
        if (in_array($status, ['held', 'success', 'error', 'revoked', 'refunded'], true)) {
            $reply += ['pg_card_pan' => $p['card_pan'] ?? '', 'pg_reference' => $p['reference'] ?? '', 'pg_auth_code' => $p['auth_code'] ?? ''];
        }
        if ($status === 'error') {
            $reply += ['pg_failure_code' => $p['failure_code'], 'pg_failure_description' => $p['failure_description']];
        }
        if ($p['card_token'] !== null) {
            $reply['pg_card_token'] = $p['card_token'];
        }
        if ($p['recurring_profile_id'] !== null && $p['source'] !== 'recurring') {
            $reply['pg_recurring_profile_id'] = (string) $p['recurring_profile_id'];
        }
        $reply['pg_datetime'] = gmdate('Y-m-d\TH:i:sP');
        return $reply;
    }

    public static function captured(array $p): bool
    {
        return in_array($p['status'], ['success', 'refunded'], true);
    }

    /** get_status3.php's fields for a payment. */
    public static function statusFields(Store $store, array $p): array
    {
        $status = $p['status'];
        $fields = [
            'pg_status' => 'ok',
            'pg_payment_id' => (string) $p['id'],
            'pg_order_id' => $p['order_id'],
            'pg_currency' => $p['currency'],
            'pg_amount' => $p['amount'],
            'pg_payment_status' => self::STATUS_NAMES[$status] ?? $status,
        ];
        $ops = $store->all('SELECT * FROM payment_operations WHERE payment_id = ? ORDER BY id', [$p['id']]);
        $refunds = array_values(array_filter($ops, fn($o) => $o['type'] === 'refund'));
        $cancels = array_values(array_filter($ops, fn($o) => $o['type'] === 'cancel'));
        if ($p['clearing_amount'] !== null) {
            $fields['pg_clearing_amount'] = $p['clearing_amount'];
        }
        if ($refunds !== []) {
            $fields['pg_refund_amount'] = Money::format(array_sum(array_map(fn($o) => Money::minor($o['amount']), $refunds)));
        }
        if ($cancels !== []) {
            $fields['pg_revoked_amount'] = Money::format(array_sum(array_map(fn($o) => Money::minor($o['amount']), $cancels)));
        }
        $fields += [
            'pg_can_reject' => '0',
            'pg_testing_mode' => $p['testing_mode'],
            'pg_captured' => self::captured($p) ? '1' : '0',
            'pg_create_date' => $p['created_at'],
        ];
        if ($p['card_pan'] !== null) {
            $fields['pg_payment_method'] = 'bankcard';
        }
        if ($p['paid_at'] !== null) {
            $fields += [
                'pg_payment_date' => $p['paid_at'],
                'pg_card_name' => $p['card_name'],
                'pg_card_pan' => $p['card_pan'],
                'pg_reference' => $p['reference'],
                'pg_auth_code' => $p['auth_code'] ?? '',
            ];
        } elseif ($p['card_pan'] !== null) {
            $fields += ['pg_card_name' => $p['card_name'], 'pg_card_pan' => $p['card_pan']];
        }
        if ($p['card_token'] !== null) {
            $fields['pg_card_token'] = $p['card_token'];
        }
        if ($p['recurring_profile_id'] !== null) {
            $fields['pg_recurring_profile_id'] = (string) $p['recurring_profile_id'];
        }
        if ($status === 'error') {
            $fields += [
                'pg_failure_code' => $p['failure_code'],
                'pg_failure_description' => $p['failure_description'],
            ];
        }
        if ($refunds !== []) {
            $fields['pg_refund_payments'] = ['pg_refund_payment' => array_map(fn($o) => [
                'pg_payment_id' => (string) $o['id'],
                'pg_payment_status' => $o['status'],
                'pg_amount' => Money::format(-Money::minor($o['amount'])),
                'pg_payment_date' => $o['created_at'],
                'pg_reference' => $o['reference'],
            ], $refunds)];
        }
        if ($cancels !== []) {
            $fields['pg_revoked_payments'] = ['pg_revoked_payment' => array_map(fn($o) => [
                'pg_revoke_payment_id' => (string) $o['id'],
                'pg_payment_status' => $o['status'],
                'pg_amount' => Money::format(-Money::minor($o['amount'])),
                'pg_payment_date' => $o['created_at'],
            ], $cancels)];
        }
        return $fields;
    }

    /** A payment of this merchant by pg_payment_id, or 340. */
    public static function find(Store $s, Context $c, string $id): array
    {
        return $s->one('SELECT * FROM payments WHERE merchant_id = ? AND id = ?', [$c->merchant->id, $id])
            ?? throw new GatewayError(340, 'Transaction not found');
    }
}
