<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

/**
 * Callbacks to the shop: the notifications table, what goes in them, and the
 * test controls that show them. Delivery (the HTTP calls, the shop's reply,
 * retries) is Delivery's; the worker process (sandbox/worker.php, started by
 * Server) delivers what is due, and check_url is delivered at once by the
 * request that is about to charge (CheckUrl).
 *
 * Kinds:
 *   check      check_url, before a payment is charged (one attempt, no retries)
 *   result     result_url, after a payment is decided (success or failure)
 *   post_link  after a payout is decided, or a card is saved
 *
 * result and post_link are retried every retry_interval seconds for
 * retry_window seconds after the first attempt (the gateway: every 30
 * minutes for 2 hours) until the shop answers as it should.
 */
final class Notifications
{
    public const CONTROLS = [
        '/_sandbox/notifications' => [self::class, 'listControl'],
        '/_sandbox/notifications/deliver' => [self::class, 'deliverControl'],
        '/_sandbox/notifications/settings' => [self::class, 'settingsControl'],
    ];

    /** name => [environment variable, default, what it is]: see Settings. */
    public const SETTINGS = [
        'retry_interval' => ['SANDBOX_RETRY_INTERVAL', 1800, 'seconds between attempts to deliver a result_url or post_link call'],
        'retry_window' => ['SANDBOX_RETRY_WINDOW', 7200, 'seconds after the first attempt in which a failed delivery is retried'],
        'callback_timeout' => ['SANDBOX_CALLBACK_TIMEOUT', 10, 'seconds the shop has to answer a result_url or post_link call'],
        'check_timeout' => ['SANDBOX_CHECK_TIMEOUT', 10, 'seconds the shop has to answer a check_url call'],
        'can_reject' => ['SANDBOX_CAN_REJECT', 1, 'pg_can_reject of paid payments in result_url calls (1: the shop may reject)'],
    ];

    public const KINDS = ['check', 'result', 'post_link'];
    public const METHODS = ['GET', 'POST', 'XML'];

    /** The sandbox's commission on purchases, in basis points: pg_net_amount = amount - 3.5% (seed 000: 500 gives 482.5). */
    public const FEE_BP = 350;

    /**
     * Queues a notification for the worker, due now (or at $at, unix time).
     * Runs in the caller's transaction, so it is sent if and only if what it
     * reports is committed. $fields: what to send, in order, without pg_salt
     * and pg_sig (each attempt signs with a fresh salt); $key: the merchant key
     * that signs it ('payment' or 'payout'); $subject and $paymentId: what it
     * is about (for the controls). A URL the sandbox may not call (not
     * loopback) is recorded as failed at once. Returns the row.
     */
    public static function enqueue(Store $s, string $merchantId, string $kind, string $url, array $fields,
        string $method = 'POST', string $key = 'payment', string $subject = 'payment', int|string $paymentId = 0,
        bool $canReject = false, ?float $at = null): array
    {
        if (!in_array($kind, self::KINDS, true)) {
            throw new \LogicException("unknown notification kind $kind");
        }
        $method = strtoupper($method);
        if (!in_array($method, self::METHODS, true)) {
            throw new \LogicException("unknown request method $method");
        }
        $now = microtime(true);
        $at ??= $now;
        $id = $s->insert('notifications', [
            'merchant_id' => $merchantId,
            'kind' => $kind,
            'subject' => $subject,
            'payment_id' => (int) $paymentId,
            'url' => $url,
            'method' => $method,
            'key_name' => $key,
            'fields' => self::json($fields),
            'can_reject' => $canReject ? 1 : 0,
            'status' => 'pending',
            'attempts' => 0,
            'retry_interval' => max(1, Settings::get($s, 'retry_interval')),
            'retry_window' => Settings::get($s, 'retry_window'),
            'first_at' => $at,
            'next_at' => $kind === 'check' ? null : $at,   // check_url: sent by the request itself
            'created_at' => self::time($now),
            'updated_at' => self::time($now),
        ]);
        $refusal = Outbound::refusal($url);
        if ($refusal !== null) {
            Delivery::record($s, $s->one('SELECT * FROM notifications WHERE id = ?', [$id]), [
                'url' => $url, 'method' => $method, 'request' => $fields, 'http_status' => null, 'reply' => null,
                'verdict' => 'not_loopback', 'detail' => $refusal, 'started' => $now, 'duration_ms' => 0,
            ], final: true);
        }
        return $s->one('SELECT * FROM notifications WHERE id = ?', [$id]);
    }

    /**
     * Lifecycle listener: a payment decided (paid, held or declined, from
     * new, 3ds or pending) whose creating request had pg_result_url gets a
     * result notification, in the transaction that decided it.
     */
    public static function onMove(Store $s, string $kind, string $operation, array $before, array $after): void
    {
        if ($kind !== 'payment' || !in_array($before['status'], ['new', '3ds', 'pending'], true)
            || !in_array($after['status'], ['held', 'success', 'error'], true)) {
            return;
        }
        $request = self::request($after);
        $url = $request['pg_result_url'] ?? null;
        if (!is_string($url) || $url === '') {
            return;
        }
        $canReject = $after['status'] !== 'error' && Settings::get($s, 'can_reject') === 1;
        self::enqueue($s, $after['merchant_id'], 'result', $url, self::resultFields($after, $canReject),
            self::requestMethod($request), 'payment', 'payment', $after['id'], $canReject);
    }

    /** The fields of a result_url call for a decided payment (reference §4.2, seed 000). */
    public static function resultFields(array $p, bool $canReject): array
    {
        $request = self::request($p);
        $paid = $p['status'] !== 'error';
        $minor = Money::minor($p['amount']);
        $fields = [
            'pg_order_id' => $p['order_id'],
            'pg_payment_id' => (string) $p['id'],
            'pg_amount' => $p['amount'],
            'pg_currency' => $p['currency'],
            'pg_net_amount' => Money::format($minor - intdiv($minor * self::FEE_BP + 5000, 10000)),
            'pg_ps_amount' => $p['amount'],
            'pg_ps_full_amount' => $p['amount'],
            'pg_ps_currency' => $p['currency'],
            'pg_payment_system' => 'EPAYWEBKZT',
            'pg_description' => $p['description'],
            'pg_result' => $paid ? '1' : '0',
            'pg_payment_date' => (string) ($p['paid_at'] ?? $p['updated_at'] ?? $p['created_at']),
            'pg_can_reject' => $canReject ? '1' : '0',
            'pg_user_phone' => self::text($request['pg_user_phone'] ?? ''),
            'pg_user_contact_email' => self::text($request['pg_user_contact_email'] ?? $request['pg_user_email'] ?? ''),
            'pg_testing_mode' => $p['testing_mode'],
            'pg_captured' => Payments::captured($p) ? '1' : '0',
            'pg_reference' => (string) ($p['reference'] ?? ''),
            'pg_card_pan' => (string) ($p['card_pan'] ?? ''),
            'pg_card_exp' => (string) ($p['card_exp'] ?? ''),
            'pg_card_owner' => (string) ($p['card_name'] ?? ''),
            'pg_card_brand' => self::brand((string) ($p['card_pan'] ?? '')),
            'pg_payment_method' => 'bankcard',
        ];
        if (!$paid) {
            $fields['pg_failure_code'] = (string) $p['failure_code'];
            $fields['pg_failure_description'] = (string) $p['failure_description'];
        }
        return $fields + self::shopFields($request);
    }

    /** The shop's own (non-pg_) fields of a creating request, as the gateway echoes them. */
    public static function shopFields(array $request): array
    {
        $out = [];
        foreach ($request as $name => $value) {
            if (!str_starts_with((string) $name, 'pg_') && $name !== 'sandbox_fault') {
                $out[$name] = $value;
            }
        }
        return $out;
    }

    /** pg_request_method of a creating request: GET, POST (default) or XML. */
    public static function requestMethod(array $request, string $default = 'POST'): string
    {
        $m = strtoupper(is_string($request['pg_request_method'] ?? null) ? $request['pg_request_method'] : '');
        return in_array($m, self::METHODS, true) ? $m : $default;
    }

    /**
     * Whether the hosted page should still wait before sending the payer
     * back: the first result_url call of a payment the shop may reject has
     * not been answered yet (for at most callback_timeout + 10 seconds).
     */
    public static function awaitingFirstResult(Store $s, array $p): bool
    {
        $n = $s->one("SELECT * FROM notifications WHERE subject = 'payment' AND payment_id = ? AND kind = 'result'
            ORDER BY id DESC LIMIT 1", [$p['id']]);
        return $n !== null && (int) $n['can_reject'] === 1 && (int) $n['attempts'] === 0 && $n['status'] === 'pending'
            && microtime(true) - (float) $n['first_at'] < Settings::get($s, 'callback_timeout') + 10;
    }

    /** GET /_sandbox/notifications[?pg_payment_id=N][&kind=K][&subject=S]: notifications with every attempt, oldest first. */
    public static function listControl(Request $r, Store $store, Config $config): void
    {
        $where = [];
        $args = [];
        foreach (['pg_payment_id' => 'payment_id', 'kind' => 'kind', 'subject' => 'subject'] as $param => $column) {
            $v = $r->field($param);
            if ($v !== null && $v !== '') {
                $where[] = "$column = ?";
                $args[] = $v;
            }
        }
        $sql = 'SELECT * FROM notifications' . ($where === [] ? '' : ' WHERE ' . implode(' AND ', $where)) . ' ORDER BY id';
        Http::json(200, array_map(fn(array $n) => self::describe($store, $n), $store->all($sql, $args)));
    }

    /**
     * POST /_sandbox/notifications/deliver: delivers what is due now, in this
     * request: for a sandbox run without the worker (php -S alone). Returns
     * {"delivered": N} (attempts made).
     */
    public static function deliverControl(Request $r, Store $store, Config $config): void
    {
        Control::post($r, 'to deliver what is due');
        Http::json(200, ['delivered' => Delivery::runDue($store, $config)]);
    }

    /** GET|POST /_sandbox/notifications/settings: retry_interval, retry_window, callback_timeout, check_timeout, can_reject. */
    public static function settingsControl(Request $r, Store $store, Config $config): void
    {
        Control::settingsFor($r, $store, self::SETTINGS);
    }

    /** A notification as the control shows it. */
    public static function describe(Store $store, array $n): array
    {
        $attempts = $store->all('SELECT * FROM notification_attempts WHERE notification_id = ? ORDER BY attempt', [$n['id']]);
        return [
            'id' => (int) $n['id'],
            'kind' => $n['kind'],
            'subject' => $n['subject'],
            'pg_payment_id' => (int) $n['payment_id'],
            'merchant_id' => $n['merchant_id'],
            'url' => $n['url'],
            'method' => $n['method'],
            'key' => $n['key_name'],
            'can_reject' => (int) $n['can_reject'],
            'status' => $n['status'],
            'outcome' => $n['outcome'],
            'attempts' => (int) $n['attempts'],
            'retry_interval' => (int) $n['retry_interval'],
            'retry_window' => (int) $n['retry_window'],
            'next_at' => $n['next_at'] === null ? null : self::time((float) $n['next_at']),
            'created_at' => $n['created_at'],
            'fields' => json_decode($n['fields'], true),
            'history' => array_map(fn(array $a) => [
                'attempt' => (int) $a['attempt'],
                'at' => $a['started_at'],
                'duration_ms' => (int) $a['duration_ms'],
                'url' => $a['url'],
                'method' => $a['method'],
                'request' => json_decode($a['request'], true),
                'http_status' => $a['http_status'] === null ? null : (int) $a['http_status'],
                'reply' => $a['reply'],
                'verdict' => $a['verdict'],
                'detail' => $a['detail'],
            ], $attempts),
        ];
    }

    /** "2026-01-01 10:00:00.123" (UTC) */
    public static function time(float $t): string
    {
        return gmdate('Y-m-d H:i:s', (int) $t) . sprintf('.%03d', (int) (($t - floor($t)) * 1000));
    }

    public static function json(mixed $v): string
    {
        return json_encode($v, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_INVALID_UTF8_SUBSTITUTE);
    }

    /** The creating request's fields of a row (payments, payouts, card sessions). */
    public static function request(array $row): array
    {
        return json_decode((string) ($row['fields'] ?? ''), true) ?: [];
    }

    private static function text(mixed $v): string
    {
        return is_string($v) ? $v : '';
    }

    /** The card brand by the masked PAN's first digit. */
    private static function brand(string $pan): string
    {
        return match ($pan[0] ?? '') {
            '4' => 'VISA',
            '2', '5' => 'MASTERCARD',
            '3' => 'AMEX',
            '6' => 'MAESTRO',
            default => '',
        };
    }
}
