<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

/**
 * The payout module: money from the merchant's payout balance to a card the
 * recipient enters on a page (api/reg2nonreg), to a saved card (api/reg2reg),
 * to a bank account (api/to_iban), or as cash at an ATM (api/cbc/*, see
 * CashByCode); their status (get_status2.php, api/payment_status,
 * api/payment_status2) and the balance (api/balance_status). Every endpoint
 * is signed with the merchant's payout secret key: signed with the payment
 * key, a request gets the gateway's unsigned 9998.
 *
 * A payout's states (lifecycle kind "payout"):
 *   new      created: waiting for the recipient's card (reg2nonreg) or for cbc/exec
 *   process  being paid: a "process, then ..." card, a bank transfer, cash waiting to be taken
 *   ok       paid
 *   error    failed: declined card (10000, 10001, 8888), no money (353), cash not taken in time (75)
 *   expired  reg2nonreg: no card entered before pg_order_time_limit
 * The balance is debited when a payout is paid or starts being paid, and
 * given back when it fails after that. post_link is called once a payout
 * (but cash by code: no callbacks, seed 001) is decided.
 */
final class Payouts
{
    public const ENDPOINTS = [
        'api/reg2nonreg' => [[self::class, 'reg2nonreg'], 'payout'],
        'api/reg2reg' => [[self::class, 'reg2reg'], 'payout'],
        'api/to_iban' => [[self::class, 'toIban'], 'payout'],
        'get_status2.php' => [[self::class, 'status2'], 'payout'],
        'api/payment_status' => [[self::class, 'paymentStatus'], 'payout'],
        'api/payment_status2' => [[self::class, 'paymentStatus2'], 'payout'],
        'api/balance_status' => [[self::class, 'balanceStatus'], 'payout'],
        'api/cbc/check' => [[CashByCode::class, 'check'], 'payout'],
        'api/cbc/exec' => [[CashByCode::class, 'exec'], 'payout'],
        'api/cbc/status' => [[CashByCode::class, 'status'], 'payout'],
    ];

    public const PAGES = [
        '/payout.html' => [PayoutPage::class, 'handle'],
    ];

    public const CONTROLS = [
        '/_sandbox/balance' => [PayoutControls::class, 'balance'],
        '/_sandbox/payout' => [PayoutControls::class, 'payout'],
        '/_sandbox/payouts/card' => [PayoutControls::class, 'card'],
        '/_sandbox/payouts/settle' => [PayoutControls::class, 'settle'],
        '/_sandbox/payouts/settings' => [PayoutControls::class, 'settings'],
        '/_sandbox/cbc/withdraw' => [PayoutControls::class, 'withdraw'],
    ];

    /** name => [environment variable, default, what it is]: see Settings. */
    public const SETTINGS = [
        'cbc_lifetime' => ['SANDBOX_CBC_LIFETIME', 86400, 'seconds a cash-by-code transfer can be taken, from cbc/check'],
    ];

    /** The operations: pay (paid or started), settle (a slow payout decided), withdraw (cash taken), expire (too late). */
    public const LIFECYCLE = [
        'payout' => [
            'table' => 'payouts',
            'column' => 'status',
            'noun' => 'payout',
            'states' => [
                'new' => 'new (waiting for the recipient\'s card, or for cbc/exec)',
                'process' => 'process (being paid)',
                'ok' => 'ok (paid)',
                'error' => 'error (failed)',
                'expired' => 'expired (no card entered in time)',
            ],
            'transitions' => [
                'new' => ['process' => ['pay'], 'ok' => ['pay'], 'error' => ['pay', 'expire'], 'expired' => ['expire']],
                'process' => ['ok' => ['settle', 'withdraw'], 'error' => ['settle', 'expire']],
                'ok' => [],
                'error' => [],
                'expired' => [],
            ],
        ],
    ];

    /**
     * The payout test cards (reference §2.1): number => [behaviour, what it does].
     * Any other card number is declined with 10000. "process, then ..." cards
     * stay in process for slow_polls status queries (or slow_seconds), like
     * the purchase side's slow cards, or until /_sandbox/payouts/settle.
     */
    public const CARDS = [
        '4671593866478252' => ['ok', 'success'],
        '5325349472901311' => ['10000', 'error 10000'],
        '4556046085041740' => ['10001', 'error 10001'],
        '5543974702876045' => ['8888', 'error 8888'],
        '5507841999732294' => ['slow-ok', 'process, then success'],
        '4532676596620704' => ['slow-10001', 'process, then error 10001'],
    ];

    /** Decline codes and their descriptions (the docs give the codes only: the wording is the sandbox's). */
    public const FAILURES = [
        '10000' => 'Payout declined by the recipient\'s bank',
        '10001' => 'Payout declined: the card cannot receive payouts',
        '8888' => 'Payout declined: limit exceeded',
        '75' => 'Истекло время исполнения перевода, получатель не снял деньги',
        '353' => 'Insufficient funds on the merchant\'s balance',
    ];

    /** get_status2.php's and api/payment_status's pg_transaction_status (reference §3.3). */
    public const TRANSACTION_STATUS = ['new' => 'partial', 'process' => 'pending', 'ok' => 'ok', 'error' => 'failed',
        'expired' => 'incomplete'];

    /** api/payment_status2's pg_payment_status (sandbox's choice: the v2 page lost its table). */
    public const PAYMENT_STATUS2 = ['new' => 'new', 'process' => 'process', 'ok' => 'success', 'error' => 'error',
        'expired' => 'incomplete'];

    /** A second payout with an order id already used (sandbox's choice of code). */
    public const DUPLICATE_ORDER = 354;

    /** api/reg2nonreg: a page where the recipient enters a card number; paid from there. */
    public static function reg2nonreg(Context $c): array
    {
        $row = self::common($c, 'reg2nonreg') + ['token' => bin2hex(random_bytes(16))];
        $p = $c->store->transaction(function (Store $s) use ($row): array {
            self::unique($s, $row);
            $balance = Balance::get($s, $row['merchant_id']);
            if (Money::minor($row['amount']) > $balance) {
                throw Balance::insufficient($balance, Money::minor($row['amount']));
            }
            return self::insert($s, $row);
        });
        return [
            'pg_status' => 'ok',
            'pg_payment_id' => (string) $p['id'],
            'pg_redirect_url' => "http://{$c->request->host}/payout.html?customer={$p['token']}",
        ];
    }

    /** api/reg2reg: to a saved card of the user (pg_card_token_to, or the deprecated pg_card_id_to); decided at once. */
    public static function reg2reg(Context $c): array
    {
        $ref = CardStorage::reference($c->request, 'pg_card_token_to', 'pg_card_id_to');
        $row = self::common($c, 'reg2reg') + ['user_id' => $ref[0]];
        $p = $c->store->transaction(function (Store $s) use ($c, $row, $ref): array {
            self::unique($s, $row);
            $card = CardStorage::find($s, $c->merchant->id, $ref);
            if ($card['status'] !== 'approved') {
                throw new GatewayError(352, "Card {$card['id']} is {$card['status']}, not approved: payouts need an approved card");
            }
            $p = self::insert($s, $row + [
                'card_id' => (int) $card['id'],
                'card_token' => $card['card_token'],
                'card_hash' => $card['card_hash'],
                'card_behavior' => self::behaviorOfHash($card['card_hash']),
            ]);
            return self::pay($s, $p, 'api/reg2reg');
        });
        $reply = ['pg_payment_id' => (string) $p['id'], 'pg_status' => self::replyStatus($p)];
        if ($p['status'] === 'error') {
            $reply += ['pg_error_code' => $p['failure_code'], 'pg_error_description' => $p['failure_description']];
        }
        return $reply + [
            'pg_order_id' => $p['order_id'],
            'pg_balance' => Balance::format(Balance::get($c->store, $c->merchant->id)),
            'pg_card_hash' => $p['card_hash'],
            'pg_card_token' => $p['card_token'],
            'pg_payment_amount' => $p['amount'],
            'pg_payment_date' => (string) ($p['paid_at'] ?? ''),
        ];
    }

    /**
     * api/to_iban: to a KZT bank account: pg_recipient_bank_bic, pg_recipient_iban
     * (checked: KZ, 20 characters, ISO 7064 check digits), pg_recipient_iin_bin
     * (12 digits), pg_recipient_name. A bank transfer: "process", then paid
     * (like a "process, then success" card).
     */
    public static function toIban(Context $c): array
    {
        $r = $c->request;
        $bic = strtoupper(Validate::required($r, 'pg_recipient_bank_bic'));
        if (!preg_match('/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/', $bic)) {
            throw new GatewayError(9403, 'pg_recipient_bank_bic is not a BIC (8 or 11 letters and digits)');
        }
        $iban = strtoupper(str_replace(' ', '', Validate::required($r, 'pg_recipient_iban')));
        if (!preg_match('/^KZ\d{2}[0-9A-Z]{16}$/', $iban) || !self::ibanValid($iban)) {
            throw new GatewayError(9403, 'pg_recipient_iban is not a valid KZ IBAN');
        }
        $iin = Validate::required($r, 'pg_recipient_iin_bin');
        if (!preg_match('/^\d{12}$/', $iin)) {
            throw new GatewayError(9403, 'pg_recipient_iin_bin must be 12 digits');
        }
        $name = Validate::required($r, 'pg_recipient_name');
        $row = self::common($c, 'to_iban') + [
            'recipient' => Notifications::json(['bic' => $bic, 'iban' => $iban, 'iin_bin' => $iin, 'name' => $name]),
            'card_behavior' => 'iban',
        ];
        $p = $c->store->transaction(function (Store $s) use ($row): array {
            self::unique($s, $row);
            return self::pay($s, self::insert($s, $row), 'api/to_iban');
        });
        return [
            'pg_payment_id' => (string) $p['id'],
            'pg_status' => self::replyStatus($p),
            'pg_order_id' => $p['order_id'],
            'pg_balance' => Balance::format(Balance::get($c->store, $c->merchant->id)),
            'pg_payment_amount' => $p['amount'],
            'pg_payment_date' => (string) ($p['paid_at'] ?? ''),
        ];
    }

    /** get_status2.php: by pg_order_id (or pg_payment_id). Counts as a status query for "process, then ..." payouts. */
    public static function status2(Context $c): array
    {
        $p = self::look($c);
        $reply = [
            'pg_status' => 'ok',
            'pg_payment_id' => (string) $p['id'],
            'pg_transaction_status' => self::TRANSACTION_STATUS[$p['status']],
            'pg_can_reject' => '0',
            'pg_testing_mode' => $p['testing_mode'],
            'pg_captured' => $p['status'] === 'ok' ? '1' : '0',
            'pg_create_date' => $p['created_at'],
        ];
        return $reply + self::failureFields($p);
    }

    /** api/payment_status: by pg_payment_id (or pg_order_id). */
    public static function paymentStatus(Context $c): array
    {
        $p = self::look($c);
        return self::details($c->store, $p, ['pg_transaction_status' => self::TRANSACTION_STATUS[$p['status']]]);
    }

    /** api/payment_status2: the same, the state as pg_payment_status (new, process, success, error, incomplete). */
    public static function paymentStatus2(Context $c): array
    {
        $p = self::look($c);
        return self::details($c->store, $p, ['pg_payment_status' => self::PAYMENT_STATUS2[$p['status']]]);
    }

    /** api/balance_status: pg_balance, two decimals (seed 001: 0.00). */
    public static function balanceStatus(Context $c): array
    {
        return ['pg_balance' => Balance::format(Balance::get($c->store, $c->merchant->id)), 'pg_status' => 'ok'];
    }

    /**
     * Pays a "new" payout now, by its card behaviour, in the caller's
     * transaction: a declining card fails it (nothing debited); otherwise
     * the amount is debited (a signed 353 when the balance is short, unless
     * $shortFails: then the payout fails with 353) and the payout is paid, or
     * "process" for a slow card or a bank transfer.
     */
    public static function pay(Store $s, array $p, string $what, bool $shortFails = false): array
    {
        $behavior = (string) $p['card_behavior'];
        $minor = Money::minor($p['amount']);
        if (isset(self::FAILURES[$behavior]) || $behavior === 'decline') {
            return self::fail($s, $p, $behavior === 'decline' ? '10000' : $behavior, 'pay', $what,
                $behavior === 'decline' ? ' (not a payout test card)' : '');
        }
        $balance = Balance::get($s, $p['merchant_id']);
        if ($minor > $balance) {
            if (!$shortFails) {
                throw Balance::insufficient($balance, $minor);
            }
            return self::fail($s, $p, (string) Balance::INSUFFICIENT, 'pay', $what);
        }
        $left = Balance::debit($s, $p['merchant_id'], $minor);
        if ($behavior === 'ok') {
            return Lifecycle::move($s, 'payout', $p['id'], 'ok', ['debited' => $minor, 'balance_after' => $left,
                'paid_at' => gmdate('Y-m-d H:i:s')], 'pay', $what);
        }
        $seconds = Settings::get($s, 'slow_seconds');
        return Lifecycle::move($s, 'payout', $p['id'], 'process', [
            'debited' => $minor,
            'settle_polls' => Settings::get($s, 'slow_polls'),
            'settle_at' => $seconds > 0 ? gmdate('Y-m-d H:i:s', time() + $seconds) : null,
        ], 'pay', $what);
    }

    /**
     * A payout looked at (status query, page, control), in the caller's
     * transaction: one past its time is expired (reg2nonreg: pg_order_time_limit;
     * cash by code: cbc_lifetime, error 75); one in "process" is decided once
     * asked about slow_polls times ($poll counts this look), or after
     * slow_seconds, or at once with $now.
     */
    public static function refresh(Store $s, array $p, bool $poll, bool $now = false): array
    {
        $clock = gmdate('Y-m-d H:i:s');
        if ($p['type'] === 'reg2nonreg' && $p['status'] === 'new' && $p['time_limit'] !== null && $p['time_limit'] <= $clock) {
            return Lifecycle::move($s, 'payout', $p['id'], 'expired', [
                'paid_at' => $clock, 'balance_after' => Balance::get($s, $p['merchant_id']),
                'failure_code' => '75', 'failure_description' => 'The recipient did not enter a card before pg_order_time_limit',
            ], 'expire', 'expiring');
        }
        if ($p['type'] === 'cbc') {
            return in_array($p['status'], ['new', 'process'], true) && $p['expires_at'] !== null && $p['expires_at'] <= $clock
                ? self::fail($s, $p, '75', 'expire', 'expiring') : $p;
        }
        if ($p['status'] !== 'process') {
            return $p;
        }
        $due = $now || (int) $p['settle_polls'] <= 0 || ($p['settle_at'] !== null && $p['settle_at'] <= $clock);
        if ($due) {
            return $p['card_behavior'] === 'slow-10001'
                ? self::fail($s, $p, '10001', 'settle', 'settling')
                : Lifecycle::move($s, 'payout', $p['id'], 'ok', ['settle_polls' => 0, 'paid_at' => $clock,
                    'balance_after' => Balance::get($s, $p['merchant_id'])], 'settle', 'settling');
        }
        if ($poll) {
            $s->run('UPDATE payouts SET settle_polls = settle_polls - 1 WHERE id = ?', [$p['id']]);
            return $s->one('SELECT * FROM payouts WHERE id = ?', [$p['id']]);
        }
        return $p;
    }

    /** Fails a payout with $code, giving back what was debited. */
    public static function fail(Store $s, array $p, string $code, string $operation, string $what, string $more = ''): array
    {
        $balance = (int) $p['debited'] > 0 ? Balance::credit($s, $p['merchant_id'], (int) $p['debited'])
            : Balance::get($s, $p['merchant_id']);
        return Lifecycle::move($s, 'payout', $p['id'], 'error', [
            'debited' => 0,
            'balance_after' => $balance,
            'paid_at' => gmdate('Y-m-d H:i:s'),
            'failure_code' => $code,
            'failure_description' => (self::FAILURES[$code] ?? 'Payout failed') . $more,
        ], $operation, $what);
    }

    /**
     * Lifecycle listener: a payout decided (ok, error, expired) whose
     * creating request had pg_post_link gets a post_link call, signed with
     * the payout key, by pg_request_method (POST by default). Cash by code
     * has no callbacks (seed 001).
     */
    public static function onMove(Store $s, string $kind, string $operation, array $before, array $after): void
    {
        if ($kind !== 'payout' || $after['type'] === 'cbc' || (string) $after['post_link'] === ''
            || !in_array($before['status'], ['new', 'process'], true) || !in_array($after['status'], ['ok', 'error', 'expired'], true)) {
            return;
        }
        $request = Notifications::request($after);
        Notifications::enqueue($s, $after['merchant_id'], 'post_link', (string) $after['post_link'], self::postLinkFields($after),
            Notifications::requestMethod($request), 'payout', 'payout', $after['id']);
    }

    /** post_link's fields (reference §3.7), then the shop's own fields. */
    public static function postLinkFields(array $p): array
    {
        $f = ['pg_payment_id' => (string) $p['id'], 'pg_order_id' => $p['order_id']];
        if ($p['type'] !== 'to_iban') {
            $f['pg_card_hash'] = (string) ($p['card_hash'] ?? '');
        }
        $f += [
            'pg_status' => $p['status'] === 'ok' ? 'ok' : 'error',
            'pg_balance' => Balance::format((int) $p['balance_after']),
            'pg_payment_amount' => $p['amount'],
            'pg_to_pay' => $p['amount'],   // the sandbox charges no commission on payouts
            'pg_merchant_id' => $p['merchant_id'],
            'pg_payment_date' => (string) $p['paid_at'],
        ];
        if ($p['type'] === 'reg2reg') {
            $f['pg_card_id'] = (string) $p['card_id'];
        }
        if ($p['type'] === 'to_iban') {
            $f['pg_recipient_iban'] = json_decode((string) $p['recipient'], true)['iban'] ?? '';
        }
        if ($p['status'] !== 'ok') {
            $f += ['pg_failure_code' => (string) $p['failure_code'], 'pg_failure_description' => (string) $p['failure_description']];
        }
        return $f + Notifications::shopFields(Notifications::request($p));
    }

    /** What a card number does as a payout destination. */
    public static function behaviorOf(string $number): string
    {
        return self::CARDS[$number][0] ?? 'decline';
    }

    /** The same for a saved card, by its masked PAN (the payout test cards' masks are all different). */
    public static function behaviorOfHash(string $hash): string
    {
        foreach (self::CARDS as $number => [$behavior]) {
            if (Cards::mask((string) $number) === $hash) {
                return $behavior;
            }
        }
        return 'decline';
    }

    /** A payout of this merchant by pg_payment_id, else by pg_order_id, looked at (a poll); 340 when there is none. */
    private static function look(Context $c): array
    {
        $id = Validate::optional($c->request, 'pg_payment_id');
        $order = Validate::optional($c->request, 'pg_order_id');
        if ($id === null && $order === null) {
            throw new GatewayError(9403, 'pg_order_id or pg_payment_id is required');
        }
        return $c->store->transaction(function (Store $s) use ($c, $id, $order): array {
            $p = $id !== null
                ? $s->one('SELECT * FROM payouts WHERE merchant_id = ? AND id = ?', [$c->merchant->id, $id])
                : $s->one('SELECT * FROM payouts WHERE merchant_id = ? AND order_id = ?', [$c->merchant->id, $order]);
            if ($p === null) {
                throw new GatewayError(340, 'Транзакция не найдена');
            }
            return self::refresh($s, $p, true);
        });
    }

    /** api/payment_status(2)'s reply: the payout, with $state after pg_order_id. */
    private static function details(Store $store, array $p, array $state): array
    {
        $reply = ['pg_status' => 'ok', 'pg_payment_id' => (string) $p['id'], 'pg_order_id' => $p['order_id']] + $state + [
            'pg_payment_amount' => $p['amount'],
            'pg_to_pay' => $p['amount'],
            'pg_currency' => $p['currency'],
        ];
        if ($p['card_hash'] !== null) {
            $reply['pg_card_hash'] = $p['card_hash'];
        }
        $reply['pg_create_date'] = $p['created_at'];
        if (in_array($p['status'], ['ok', 'error', 'expired'], true)) {
            $reply['pg_payment_date'] = (string) $p['paid_at'];
        }
        return $reply + self::failureFields($p);
    }

    private static function failureFields(array $p): array
    {
        return in_array($p['status'], ['error', 'expired'], true)
            ? ['pg_failure_code' => (string) $p['failure_code'], 'pg_failure_description' => (string) $p['failure_description']]
            : [];
    }

    /** reg2reg's and to_iban's pg_status: ok (paid), process (being paid), error (failed). */
    private static function replyStatus(array $p): string
    {
        return match ($p['status']) { 'ok' => 'ok', 'error', 'expired' => 'error', default => 'process' };
    }

    /** The fields every payout has (cash by code: no description), checked; a payouts row without its id. */
    public static function common(Context $c, string $type): array
    {
        $r = $c->request;
        $amount = Validate::amount($r, 'pg_amount');
        $order = Validate::required($r, 'pg_order_id');
        if (preg_match_all('/./su', $order) > 50) {
            throw new GatewayError(9403, 'pg_order_id is longer than 50 characters');
        }
        $description = $type === 'cbc' ? (Validate::optional($r, 'pg_description') ?? '') : Validate::required($r, 'pg_description');
        $currency = Validate::optional($r, 'pg_currency') ?? 'KZT';
        if (!preg_match('/^[A-Z]{3}$/', $currency)) {
            throw new GatewayError(9403, 'pg_currency must be a currency code such as KZT');
        }
        $post = Validate::url($r, 'pg_post_link');
        $back = Validate::url($r, 'pg_back_link');
        Validate::requestMethod($r);
        $limit = Validate::optional($r, 'pg_order_time_limit');
        if ($limit !== null) {
            $t = \DateTimeImmutable::createFromFormat('!Y-m-d H:i:s', $limit, new \DateTimeZone('UTC'));
            if ($t === false || $t->format('Y-m-d H:i:s') !== $limit) {
                throw new GatewayError(9403, 'pg_order_time_limit must be YYYY-MM-DD HH:MM:SS');
            }
            if ($limit <= gmdate('Y-m-d H:i:s')) {
                throw new GatewayError(9403, "pg_order_time_limit $limit has passed (UTC)");
            }
        }
        $now = gmdate('Y-m-d H:i:s');
        return [
            'merchant_id' => $c->merchant->id,
            'order_id' => $order,
            'type' => $type,
            'amount' => $amount,
            'currency' => $currency,
            'description' => $description,
            'status' => 'new',
            'user_id' => Validate::maxLength($r, 'pg_user_id', 255),
            'post_link' => $post,
            'back_link' => $back,
            'time_limit' => $limit,
            'testing_mode' => Validate::flag($r, 'pg_testing_mode'),
            'fields' => Notifications::json($r->fields),
            'created_at' => $now,
            'updated_at' => $now,
        ];
    }

    /** A payout's order id must be new for the merchant: a repeat is refused (354), never paid twice. */
    public static function unique(Store $s, array $row): void
    {
        $seen = $s->one('SELECT id FROM payouts WHERE merchant_id = ? AND order_id = ?', [$row['merchant_id'], $row['order_id']]);
        if ($seen !== null) {
            throw new GatewayError(self::DUPLICATE_ORDER, "pg_order_id {$row['order_id']} is already used by payout {$seen['id']}: "
                . 'look it up with get_status2.php; a new payout needs a new order id');
        }
    }

    public static function insert(Store $s, array $row): array
    {
        return $s->one('SELECT * FROM payouts WHERE id = ?', [$s->insert('payouts', $row)]);
    }

    /** ISO 13616 check digits: the IBAN, its first four characters moved to the end, letters as numbers, mod 97 is 1. */
    public static function ibanValid(string $iban): bool
    {
        $digits = '';
        foreach (str_split(substr($iban, 4) . substr($iban, 0, 4)) as $ch) {
            $digits .= $ch >= 'A' && $ch <= 'Z' ? (string) (ord($ch) - 55) : $ch;   // A = 10 ... Z = 35
        }
        $rest = 0;
        foreach (str_split($digits, 7) as $chunk) {
            $rest = (int) ($rest . $chunk) % 97;
        }
        return $rest === 1;
    }
}
