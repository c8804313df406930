<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

/**
 * Card storage (seed 003, reference §3.5): the shop opens a session
 * (cardstorage/add, add2, or cardstoragepayout/add for a payout-only card),
 * the payer enters a card on the session's page (…/view, CardStoragePage),
 * 3-D Secure where the card has it (not for payout cards), and the card is
 * saved in the cards table for the merchant and pg_user_id: the purchase
 * side pays with it (card/init, pay, direct; not a payout-only card) and
 * payouts pay out to it (api/reg2reg). post_link tells the shop. list and
 * remove work on the same table. Signed with the payment key.
 *
 * A session's states (lifecycle kind "card_session"): new (waiting for the
 * card) → 3ds (at the ACS) → approved (saved) or failed (declined, or 3-D
 * Secure failed). A card's (kind "card"): approved or new → deleted (remove).
 */
final class CardStorage
{
    public const ENDPOINTS = [
        'v1/merchant/{id}/cardstorage/add' => [[self::class, 'add'], 'payment'],
        'v1/merchant/{id}/cardstorage/add2' => [[self::class, 'add2'], 'payment'],
        'v1/merchant/{id}/cardstorage/list' => [[self::class, 'list'], 'payment'],
        'v1/merchant/{id}/cardstorage/remove' => [[self::class, 'remove'], 'payment'],
        // Signed with the script name "add", the last path segment, as the URL rule says; seed 003's
        // example signs it as "add2", a docs error (its add2 example copied).
        'v1/merchant/{id}/cardstoragepayout/add' => [[self::class, 'addPayout'], 'payment'],
    ];

    public const PAGES = [
        '/v1/merchant/{id}/cardstorage/view' => [CardStoragePage::class, 'handle'],
        '/v1/merchant/{id}/cardstoragepayout/view' => [CardStoragePage::class, 'handle'],
    ];

    public const CONTROLS = [
        '/_sandbox/cardstorage/enter' => [CardStoragePage::class, 'enterControl'],
    ];

    /** enter: the payer submits a card; authenticate: 3-D Secure done; remove: cardstorage/remove. */
    public const LIFECYCLE = [
        'card_session' => [
            'table' => 'card_sessions',
            'column' => 'status',
            'noun' => 'card storage session',
            'states' => [
                'new' => 'new (waiting for the card)',
                '3ds' => '3ds (waiting for 3-D Secure)',
                'approved' => 'approved (the card is saved)',
                'failed' => 'failed (the card was not saved)',
            ],
            'transitions' => [
                'new' => ['3ds' => ['enter'], 'approved' => ['enter'], 'failed' => ['enter']],
                '3ds' => ['approved' => ['authenticate'], 'failed' => ['authenticate']],
                'approved' => [],
                'failed' => [],
            ],
        ],
        'card' => [
            'table' => 'cards',
            'column' => 'status',
            'noun' => 'card',
            'states' => [
                'new' => 'new (not approved for payments without CVC)',
                'approved' => 'approved',
                'deleted' => 'deleted',
            ],
            'transitions' => [
                'new' => ['deleted' => ['remove']],
                'approved' => ['deleted' => ['remove']],
                'deleted' => [],
            ],
        ],
    ];

    /** v1/merchant/{id}/cardstorage/add: the card is verified by blocking a small amount (1-100), given back at once. */
    public static function add(Context $c): array
    {
        return self::open($c, 'add', (string) random_int(1, 100));
    }

    /** v1/merchant/{id}/cardstorage/add2: the same with a zero amount (3-D Secure only verifies it). */
    public static function add2(Context $c): array
    {
        return self::open($c, 'add2', '');
    }

    /** v1/merchant/{id}/cardstoragepayout/add: a card for payouts only; the page asks for the number alone. */
    public static function addPayout(Context $c): array
    {
        return self::open($c, 'payout', '');
    }

    /** v1/merchant/{id}/cardstorage/list: pg_user_id → one <card> per saved card (none: no <card>), oldest first. */
    public static function list(Context $c): array
    {
        $user = Validate::required($c->request, 'pg_user_id');
        $cards = $c->store->all("SELECT * FROM cards WHERE merchant_id = ? AND user_id = ? AND status <> 'deleted' ORDER BY id",
            [$c->merchant->id, $user]);
        return $cards === [] ? [] : ['card' => array_map(fn(array $card) => [
            'pg_status' => $card['status'],
            'pg_merchant_id' => $card['merchant_id'],
            'pg_card_id' => (string) $card['id'],
            'pg_card_token' => $card['card_token'],
            'pg_recurring_profile_id' => (string) ($card['recurring_profile_id'] ?? ''),
            'pg_card_hash' => $card['card_hash'],
            'pg_card_hhash' => (string) ($card['card_hhash'] ?? ''),
            'created_at' => $card['created_at'],
        ], $cards)];
    }

    /** v1/merchant/{id}/cardstorage/remove: pg_user_id, pg_card_token (or the deprecated pg_card_id) → <card> deleted. */
    public static function remove(Context $c): array
    {
        $ref = self::reference($c->request, 'pg_card_token', 'pg_card_id');
        $card = $c->store->transaction(function (Store $s) use ($c, $ref): array {
            $card = self::find($s, $c->merchant->id, $ref);
            return Lifecycle::move($s, 'card', $card['id'], 'deleted', ['deleted_at' => gmdate('Y-m-d H:i:s')], 'remove',
                'cardstorage/remove');
        });
        return ['card' => [
            'pg_status' => 'deleted',
            'pg_merchant_id' => $card['merchant_id'],
            'pg_card_id' => (string) $card['id'],
            'pg_card_hash' => $card['card_hash'],
            'deleted_at' => $card['deleted_at'],
        ]];
    }

    /**
     * The payer entered a card for session $p (new), in the caller's
     * transaction. $card: number, exp (MM/YY; null for a payout card), name.
     * A payout card is saved as it is; otherwise a declined card fails the
     * session, a 3-D Secure card goes to the ACS, any other is saved.
     */
    /**
     * The card a request names: pg_user_id and $tokenField, or the deprecated
     * $idField, as [user, token, id]. Neither given is error 9403.
     */
    public static function reference(Request $r, string $tokenField, string $idField): array
    {
        $user = Validate::required($r, 'pg_user_id');
        $token = Validate::optional($r, $tokenField);
        $cardId = Validate::optional($r, $idField);
        if ($token === null && $cardId === null) {
            throw new GatewayError(9403, "$tokenField is required");
        }
        return [$user, $token, $cardId];
    }

    /** The merchant's card a reference() names; a missing or deleted one is error 342. */
    public static function find(Store $s, string $merchantId, array $ref): array
    {
        [$user, $token, $cardId] = $ref;
        $card = $token !== null
            ? $s->one('SELECT * FROM cards WHERE merchant_id = ? AND user_id = ? AND card_token = ?', [$merchantId, $user, $token])
            : $s->one('SELECT * FROM cards WHERE merchant_id = ? AND user_id = ? AND id = ?', [$merchantId, $user, $cardId]);
        if ($card === null || $card['status'] === 'deleted') {
            throw new GatewayError(342, 'Card not found');
        }
        return $card;
    }

    public static function enter(Store $s, array $p, array $card, string $what): array
    {
        $set = [
            'card_pan' => Cards::mask($card['number']),
            'card_name' => $card['name'],
            'card_exp' => $card['exp'],
            'card_behavior' => $card['exp'] === null ? (Cards::TEST_CARDS[$card['number']][0] ?? 'decline')
                : Cards::behavior($card['number'], $card['exp']),
            'card_hhash' => md5($card['number']),
        ];
        if ($p['type'] === 'payout') {
            return self::save($s, $p, $set, 'enter', $what);
        }
        [$approved, $code, $description] = Cards::outcome($set['card_behavior']);
        if (!$approved) {
            return Lifecycle::move($s, 'card_session', $p['id'], 'failed', $set + [
                'failure_code' => $code, 'failure_description' => "The card was not saved: $description",
            ], 'enter', $what);
        }
        if (Cards::needs3ds($set['card_behavior'])) {
            return Lifecycle::move($s, 'card_session', $p['id'], '3ds', $set + [
                'three_ds_md' => bin2hex(random_bytes(16)),
                'three_ds_pareq' => rtrim(base64_encode(random_bytes(48)), '='),
            ], 'enter', $what);
        }
        return self::save($s, $p, $set, 'enter', $what);
    }

    /** Back from the ACS with MD and PaRes: saved, or failed (6). In a transaction. */
    public static function complete(Store $s, array $p, string $md, string $pares, string $what): array
    {
        if ($p['status'] !== '3ds') {
            return $p;   // answered already
        }
        if (!hash_equals((string) $p['three_ds_md'], $md) || $p['three_ds_pares'] === null
            || !hash_equals((string) $p['three_ds_pares'], $pares)) {
            throw new GatewayError(9403, "MD and PaRes are not the ACS's answer for card storage session {$p['id']}");
        }
        if ($p['three_ds_result'] !== 'Y') {
            return Lifecycle::move($s, 'card_session', $p['id'], 'failed', ['failure_code' => '6',
                'failure_description' => 'The card was not saved: 3-D Secure authentication failed'], 'authenticate', $what);
        }
        return self::save($s, $p, ['card_3ds' => 1], 'authenticate', $what);
    }

    /**
     * Lifecycle listener: a session approved (its card saved) sends the
     * shop's pg_post_link (reference §3.5), signed with the payment key, by
     * pg_request_method: XML by default (seed 003: "in the pg_xml parameter").
     */
    public static function onMove(Store $s, string $kind, string $operation, array $before, array $after): void
    {
        if ($kind !== 'card_session' || $after['status'] !== 'approved' || $before['status'] === 'approved') {
            return;
        }
        $card = $after['card_id'] === null ? null : $s->one('SELECT * FROM cards WHERE id = ?', [$after['card_id']]);
        if ($card === null) {
            return;   // nothing saved to report
        }
        [$month, $year] = array_pad(explode('/', (string) $after['card_exp'], 2), 2, '');
        $fields = [
            'pg_type' => 'approve',
            'pg_payment_id' => (string) $after['id'],
            'pg_order_id' => $after['order_id'],
            'pg_card_id' => (string) $card['id'],
            'pg_card_token' => $card['card_token'],
            'pg_card_hash' => $card['card_hash'],
            'pg_card_3ds' => (string) $after['card_3ds'],
            'pg_user_id' => $after['user_id'],
            'pg_status' => 'success',
            'pg_card_month' => $month,
            'pg_card_year' => $year,
        ] + Notifications::shopFields(Notifications::request($after));
        Notifications::enqueue($s, $after['merchant_id'], 'post_link', $after['post_link'], $fields,
            Notifications::requestMethod(Notifications::request($after), 'XML'), 'payment', 'card_session', $after['id']);
    }

    /** The session's view page (pg_redirect_url). */
    public static function pageUrl(string $host, array $p): string
    {
        $section = $p['type'] === 'payout' ? 'cardstoragepayout' : 'cardstorage';
        return "http://$host/v1/merchant/{$p['merchant_id']}/$section/view?pg_payment_id={$p['token']}";
    }

    /**
     * The card is saved: a cards row (approved; payout-only for a payout
     * card; a recurring profile for the others, as the list shows one), and
     * the session approved with it. In a transaction.
     */
    private static function save(Store $s, array $p, array $set, string $operation, string $what): array
    {
        $row = $set + $p;
        $now = gmdate('Y-m-d H:i:s');
        $cardId = $s->insert('cards', [
            'merchant_id' => $p['merchant_id'],
            'user_id' => $p['user_id'],
            'card_token' => Cards::token(),
            'card_hash' => $row['card_pan'],
            'card_behavior' => $row['card_behavior'],
            'card_exp' => $row['card_exp'],
            'card_name' => $row['card_name'],
            'status' => 'approved',
            'created_at' => $now,
            'card_hhash' => $row['card_hhash'],
            'payout_only' => $p['type'] === 'payout' ? 1 : 0,
            'session_id' => $p['id'],
        ]);
        if ($p['type'] !== 'payout') {
            $profile = $s->insert('recurring_profiles', [
                'merchant_id' => $p['merchant_id'],
                'payment_id' => $p['id'],
                'card_behavior' => $row['card_behavior'],
                'card_pan' => $row['card_pan'],
                'card_name' => $row['card_name'],
                'card_exp' => $row['card_exp'],
                'status' => 'active',
                'created_at' => $now,
                'expires_at' => gmdate('Y-m-d H:i:s', strtotime('+36 months')),
            ]);
            $s->run('UPDATE cards SET recurring_profile_id = ? WHERE id = ?', [$profile, $cardId]);
        }
        return Lifecycle::move($s, 'card_session', $p['id'], 'approved', $set + ['card_id' => $cardId], $operation, $what);
    }

    /** add, add2, cardstoragepayout/add: pg_user_id, pg_post_link, pg_back_link (required), pg_order_id (optional). */
    private static function open(Context $c, string $type, string $amount): array
    {
        $r = $c->request;
        $user = Validate::required($r, 'pg_user_id');
        Validate::required($r, 'pg_post_link');
        Validate::required($r, 'pg_back_link');
        $post = Validate::url($r, 'pg_post_link');
        $back = Validate::url($r, 'pg_back_link');
        Validate::requestMethod($r);
        $order = Validate::maxLength($r, 'pg_order_id', 50) ?? '';
        $now = gmdate('Y-m-d H:i:s');
        $p = $c->store->transaction(function (Store $s) use ($c, $type, $amount, $user, $post, $back, $order, $now): array {
            $id = $s->insert('card_sessions', [
                'merchant_id' => $c->merchant->id,
                'user_id' => $user,
                'order_id' => $order,
                'type' => $type,
                'token' => bin2hex(random_bytes(16)),
                'status' => 'new',
                'amount' => $amount,
                'currency' => 'KZT',
                'post_link' => $post,
                'back_link' => $back,
                'fields' => Notifications::json($c->request->fields),
                'created_at' => $now,
                'updated_at' => $now,
            ]);
            return $s->one('SELECT * FROM card_sessions WHERE id = ?', [$id]);
        });
        return [
            'pg_payment_id' => (string) $p['id'],
            'pg_merchant_id' => $p['merchant_id'],
            'pg_order_id' => $p['order_id'],
            'pg_redirect_url' => self::pageUrl($c->request->host, $p),
            'pg_status' => 'ok',
            'pg_type' => 'init',
        ];
    }
}
