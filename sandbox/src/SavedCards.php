<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

/**
 * Paying with a saved card (the cards table): card/init creates the
 * payment; then either card/pay (the payer confirms with the CVC on a page)
 * or card/direct (charged at once, no CVC, only for an "approved" card).
 */
final class SavedCards
{
    /** v1/merchant/{id}/card/init: pg_user_id, pg_card_token (or the deprecated pg_card_id), pg_amount, pg_description, pg_order_id. */
    public static function init(Context $c): array
    {
        $ref = CardStorage::reference($c->request, 'pg_card_token', 'pg_card_id');
        $user = $ref[0];
        $card = CardStorage::find($c->store, $c->merchant->id, $ref);
        if ((int) ($card['payout_only'] ?? 0) === 1) {
            throw new GatewayError(342, "Card not found: card {$card['id']} was saved for payouts only (cardstoragepayout/add)");
        }
        $p = Payments::create($c, 'saved_card', [
            'card_id' => (int) $card['id'],
            'card_token' => $card['card_token'],
            'card_pan' => $card['card_hash'],
            'card_name' => $card['card_name'] ?? 'CARD HOLDER',
            'card_exp' => $card['card_exp'],
            'card_behavior' => $card['card_behavior'],
            'user_id' => $user,
        ]);
        return [
            'pg_status' => 'ok',
            'pg_payment_id' => (string) $p['id'],
            'pg_order_id' => $p['order_id'],
            'pg_merchant_id' => $c->merchant->id,
        ];
    }

    /**
     * v1/merchant/{id}/card/pay: pg_payment_id (from card/init). Answers with
     * pg_redirect_url, the page where the payer confirms with the CVC (and
     * passes 3-D Secure if the card needs it); the payment stays "new".
     */
    public static function pay(Context $c): array
    {
        $id = Validate::id($c->request, 'pg_payment_id');
        $p = self::payable($c, $c->store, $id, 'card/pay');
        self::card($c->store, $p);
        return [
            'pg_status' => 'ok',
            'pg_payment_id' => (string) $p['id'],
            'pg_redirect_url' => Payments::pageUrl($c->request->host, $p),
            'pg_redirect_url_type' => 'need data',
        ];
    }

    /** v1/merchant/{id}/card/direct: pg_payment_id (from card/init). Charged at once, without CVC or 3-D Secure. */
    public static function direct(Context $c): array
    {
        $id = Validate::id($c->request, 'pg_payment_id');
        $approved = function (Store $s, array $p): array {
            $card = self::card($s, $p);
            if ($card['status'] !== 'approved') {
                throw new GatewayError(352, "Card {$card['id']} is {$card['status']}, not approved: "
                    . 'payments without CVC need an approved card; use card/pay');
            }
            return $card;
        };
        // The shop's check_url, if any, once the request is known to be payable.
        $p = self::payable($c, $c->store, $id, 'card/direct');
        $approved($c->store, $p);
        $refusal = CheckUrl::ask($c->store, $p);
        $p = $c->store->transaction(function (Store $s) use ($c, $id, $approved, $refusal): array {
            $p = self::payable($c, $s, $id, 'card/direct');
            $card = $approved($s, $p);
            return Charge::card($s, $p, [
                'behavior' => $card['card_behavior'], 'pan' => $card['card_hash'],
                'name' => $card['card_name'] ?? 'CARD HOLDER', 'exp' => $card['card_exp'],
            ], false, 'card/direct', $refusal);
        });
        return Payments::outcomeReply($c, $p);
    }

    /** A payment made by card/init and still waiting to be paid. */
    private static function payable(Context $c, Store $s, string $id, string $operation): array
    {
        $p = Payments::find($s, $c, $id);
        if ($p['source'] !== 'saved_card') {
            throw new GatewayError(350, "$operation is not allowed: payment {$p['id']} was not made by card/init");
        }
        if ($p['status'] !== 'new') {
            throw new GatewayError(350, "$operation is not allowed: payment {$p['id']} is "
                . Lifecycle::describe('payment', $p['status']));
        }
        return $p;
    }

    /** The payment's saved card, still there (not deleted), or 342. */
    public static function card(Store $s, array $p): array
    {
        $card = $s->one('SELECT * FROM cards WHERE id = ?', [$p['card_id']]);
        if ($card === null || $card['status'] === 'deleted') {
            throw new GatewayError(342, 'Card not found: it was removed after card/init');
        }
        return $card;
    }

    /**
     * Adds a card straight into the table (the test control; card storage's
     * endpoints save them through a page, CardStorage). Returns the row.
     */
    public static function add(Store $s, string $merchantId, string $userId, string $number, string $exp, string $holder,
        string $status): array
    {
        $id = $s->insert('cards', [
            'merchant_id' => $merchantId,
            'user_id' => $userId,
            'card_token' => Cards::token(),
            'card_hash' => Cards::mask($number),
            'card_behavior' => Cards::behavior($number, $exp),
            'card_exp' => $exp,
            'card_name' => $holder,
            'status' => $status,
            'created_at' => gmdate('Y-m-d H:i:s'),
            'deleted_at' => $status === 'deleted' ? gmdate('Y-m-d H:i:s') : null,
            'card_hhash' => md5($number),
        ]);
        return $s->one('SELECT * FROM cards WHERE id = ?', [$id]);
    }
}
