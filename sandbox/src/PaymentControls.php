<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

/** The purchase module's test controls (unsigned, JSON). See README.md. */
final class PaymentControls
{
    /**
     * POST /_sandbox/pay: pays a "new" payment as the payer would on the
     * hosted page. pg_payment_id, card_number, card_exp (MM/YY), card_cvc
     * [, card_holder] (a saved card's payment: card_cvc only) [, amount: for
     * g2g/any_amount] [, three_ds=pass|fail: what the payer does at the ACS,
     * default pass].
     */
    public static function pay(Request $r, Store $store, Config $config): void
    {
        Control::post($r, 'pg_payment_id, card_number, card_exp, card_cvc');
        $id = $r->field('pg_payment_id') ?? '';
        if (!preg_match('/^\d+$/', $id)) {
            throw new ControlError(400, 'pg_payment_id is required');
        }
        $threeDs = $r->field('three_ds') ?? 'pass';
        if (!in_array($threeDs, ['pass', 'fail'], true)) {
            throw new ControlError(400, 'three_ds must be pass or fail');
        }
        // The payer's part (amount, card), then the shop's check_url if any, then the charge.
        [$p, $card] = $store->transaction(function (Store $s) use ($r, $id): array {
            $p = self::load($s, $id);
            if ($p['status'] !== 'new') {
                throw new ControlError(409, "payment {$p['id']} is {$p['status']}, not new");
            }
            if ($p['source'] === 'any_amount' && $p['amount'] === '') {
                $amount = $r->field('amount') ?? '';
                if (!Validate::isAmount($amount)) {
                    throw new ControlError(400, 'amount is required: the payer chooses it for a g2g/any_amount payment');
                }
                $s->run('UPDATE payments SET amount = ? WHERE id = ?', [$amount, $p['id']]);
                $p['amount'] = $amount;
            }
            if ($p['source'] === 'saved_card') {
                if (!preg_match('/^\d{3,4}$/', $r->field('card_cvc') ?? '')) {
                    throw new ControlError(400, 'card_cvc must be 3 or 4 digits');
                }
                [$card] = PayPage::readCard($s, $p, $r->fields);
            } else {
                $number = preg_replace('/[\s-]/', '', $r->field('card_number') ?? '');
                $exp = $r->field('card_exp') ?? '';
                if (($why = Cards::malformed($number, $exp, $r->field('card_cvc') ?? '')) !== null) {
                    throw new ControlError(400, $why);
                }
                $holder = $r->field('card_holder') ?? '';
                $card = ['behavior' => Cards::behavior($number, $exp), 'pan' => Cards::mask($number),
                    'name' => $holder === '' ? 'CARD HOLDER' : strtoupper($holder), 'exp' => $exp];
            }
            return [$p, $card];
        });
        $refusal = CheckUrl::ask($store, $p);
        $p = $store->transaction(function (Store $s) use ($id, $card, $threeDs, $refusal): array {
            $p = self::load($s, $id);
            if ($p['status'] !== 'new') {
                throw new ControlError(409, "payment {$p['id']} is {$p['status']}, not new");
            }
            $p = Charge::card($s, $p, $card, true, 'paying', $refusal);
            if ($p['status'] === '3ds') {
                $p = ThreeDs::answer($s, $p, $threeDs === 'pass');
                $p = ThreeDs::complete($s, $p, $p['three_ds_md'], $p['three_ds_pares'], 'paying');
            }
            return $p;
        });
        Http::json(200, [
            'pg_payment_id' => (int) $p['id'],
            'status' => match ($p['status']) { 'error' => 'failed', 'pending' => 'pending', default => 'success' },
            'failure_code' => $p['failure_code'] === null ? null : (int) $p['failure_code'],
            'failure_description' => $p['failure_description'],
        ]);
    }

    /** POST /_sandbox/settle: pg_payment_id. Decides a slow card's pending payment now. */
    public static function settle(Request $r, Store $store, Config $config): void
    {
        Control::post($r, 'pg_payment_id');
        $id = Control::need($r, 'pg_payment_id', '/^\d+$/');
        $p = $store->transaction(function (Store $s) use ($id): array {
            $p = self::load($s, $id);
            if ($p['status'] !== 'pending') {
                throw new ControlError(409, "payment {$p['id']} is {$p['status']}, not pending");
            }
            return Charge::settle($s, $p, false, true);
        });
        Http::json(200, self::summary($p));
    }

    /**
     * POST /_sandbox/3ds: pg_payment_id[, result=pass|fail]. Answers the ACS
     * as the payer would (the right code, or a failure) and returns what the
     * ACS posts to TermUrl, for g2g/paymentAcs: pg_3d_md and pg_3d_pares.
     */
    public static function threeDs(Request $r, Store $store, Config $config): void
    {
        Control::post($r, 'pg_payment_id[, result=pass|fail]');
        $id = Control::need($r, 'pg_payment_id', '/^\d+$/');
        $result = $r->field('result') ?? 'pass';
        if (!in_array($result, ['pass', 'fail'], true)) {
            throw new ControlError(400, 'result must be pass or fail');
        }
        $p = $store->transaction(function (Store $s) use ($id, $result): array {
            $p = self::load($s, $id);
            if ($p['status'] !== '3ds') {
                throw new ControlError(409, "payment {$p['id']} is {$p['status']}, not waiting for 3-D Secure");
            }
            return ThreeDs::answer($s, $p, $result === 'pass');
        });
        Http::json(200, [
            'pg_payment_id' => (int) $p['id'],
            'pg_3d_md' => $p['three_ds_md'],
            'pg_3d_pares' => $p['three_ds_pares'],
            'result' => $p['three_ds_result'],
        ]);
    }

    /** GET /_sandbox/payment?pg_payment_id=N: the payment as stored, with its operations. */
    public static function payment(Request $r, Store $store, Config $config): void
    {
        $id = Control::need($r, 'pg_payment_id', '/^\d+$/');
        $p = self::load($store, $id);
        $p['fields'] = json_decode($p['fields'], true);
        $p['operations'] = $store->all('SELECT id, type, amount, status, reference, created_at FROM payment_operations
            WHERE payment_id = ? ORDER BY id', [$id]);
        Http::json(200, self::summary($p) + $p);
    }

    /** A payment by id, or a ControlError 404. */
    private static function load(Store $s, string $id): array
    {
        return $s->one('SELECT * FROM payments WHERE id = ?', [$id]) ?? throw new ControlError(404, 'no such payment');
    }

    /**
     * POST /_sandbox/cards: adds a saved card. user_id[, merchant_id (500001)]
     * [, card_number (4405645000006150)][, card_exp (12/30)][, card_holder]
     * [, status: approved (default), new or deleted]. GET ?user_id=[&merchant_id=]: the cards.
     */
    public static function cards(Request $r, Store $store, Config $config): void
    {
        $merchant = $r->field('merchant_id') ?? '500001';
        if ($config->merchant($merchant) === null) {
            throw new ControlError(400, "unknown merchant $merchant");
        }
        if ($r->method !== 'POST') {
            $user = Control::need($r, 'user_id');
            Http::json(200, array_map([self::class, 'card'], $store->all(
                'SELECT * FROM cards WHERE merchant_id = ? AND user_id = ? ORDER BY id', [$merchant, $user])));
            return;
        }
        $user = Control::need($r, 'user_id');
        $number = preg_replace('/[\s-]/', '', $r->field('card_number') ?? '4405645000006150');
        $exp = $r->field('card_exp') ?? '12/30';
        if (($why = Cards::malformed($number, $exp, '123')) !== null) {
            throw new ControlError(400, $why);
        }
        $status = $r->field('status') ?? 'approved';
        if (!in_array($status, ['approved', 'new', 'deleted'], true)) {
            throw new ControlError(400, 'status must be approved, new or deleted');
        }
        $holder = strtoupper($r->field('card_holder') ?? 'CARD HOLDER');
        $card = $store->transaction(fn(Store $s) => SavedCards::add($s, $merchant, $user, $number, $exp, $holder, $status));
        Http::json(200, self::card($card));
    }

    private static function card(array $c): array
    {
        return [
            'pg_card_id' => (int) $c['id'],
            'pg_card_token' => $c['card_token'],
            'pg_card_hash' => $c['card_hash'],
            'pg_status' => $c['status'],
            'merchant_id' => $c['merchant_id'],
            'user_id' => $c['user_id'],
            'behavior' => $c['card_behavior'],
            'created_at' => $c['created_at'],
            'deleted_at' => $c['deleted_at'],
        ];
    }

    private static function summary(array $p): array
    {
        return [
            'pg_payment_id' => (int) $p['id'],
            'state' => $p['status'],
            'pg_payment_status' => Payments::STATUS_NAMES[$p['status']] ?? $p['status'],
        ];
    }
}
