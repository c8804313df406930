<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

/**
 * What can be done to a payment after it was made: cancel.php (release a
 * hold, or call off an unpaid payment), do_capture.php (clear a hold) and
 * revoke.php (refund a captured payment, in parts if need be). Each is one
 * transaction: read, check the lifecycle and the amounts, record, move.
 */
final class Operations
{
    /** cancel.php: pg_payment_id[, pg_receipt_positions]. A held payment before clearing, or an unpaid one. */
    public static function cancel(Context $c): array
    {
        $id = Validate::id($c->request, 'pg_payment_id');
        self::receipt($c->request);
        $op = $c->store->transaction(function (Store $s) use ($c, $id): array {
            $p = Payments::find($s, $c, $id);
            if ($p['status'] === 'success') {
                throw new GatewayError(350, "cancel is not allowed: payment {$p['id']} is already captured (cleared); "
                    . 'refund it with revoke.php');
            }
            Lifecycle::move($s, 'payment', $p['id'], 'revoked', [], 'cancel');
            // What is released: the hold, or nothing for an unpaid payment.
            return self::record($s, $p, 'cancel', $p['status'] === 'held' ? $p['amount'] : '0', $c->request->fields);
        });
        return [
            'pg_status' => 'ok',
            'pg_payment_id' => $id,
            'pg_payment_revoke_id' => (string) $op['id'],
            'pg_revoke_status' => $op['status'],
        ];
    }

    /** do_capture.php: pg_payment_id[, pg_clearing_amount ≤ the held amount; absent: all of it]. */
    public static function capture(Context $c): array
    {
        $id = Validate::id($c->request, 'pg_payment_id');
        $asked = Validate::optional($c->request, 'pg_clearing_amount');
        if ($asked !== null && !Validate::isAmount($asked)) {
            throw new GatewayError(9403, "pg_clearing_amount is not a valid amount: $asked");
        }
        self::receipt($c->request);
        $p = $c->store->transaction(function (Store $s) use ($c, $id, $asked): array {
            $p = Payments::find($s, $c, $id);
            self::check($p, 'success', 'capture');
            $amount = $asked ?? $p['amount'];
            if (Money::minor($amount) > Money::minor($p['amount'])) {
                throw new GatewayError(351, "pg_clearing_amount $amount exceeds the held amount {$p['amount']}");
            }
            $after = Lifecycle::move($s, 'payment', $p['id'], 'success', ['clearing_amount' => $amount], 'capture');
            self::record($s, $p, 'capture', $amount, $c->request->fields);
            return $after;
        });
        return [
            'pg_status' => 'ok',
            'pg_payment_id' => (string) $p['id'],
            'pg_amount' => $p['amount'],
            'pg_clearing_amount' => $p['clearing_amount'],
        ];
    }

    /** revoke.php: pg_payment_id[, pg_refund_amount; absent or 0: what is left]. Several partial refunds add up to at most what was captured. */
    public static function refund(Context $c): array
    {
        $id = Validate::id($c->request, 'pg_payment_id');
        $asked = Validate::optionalAmount($c->request, 'pg_refund_amount');
        self::receipt($c->request);
        [$p, $op] = $c->store->transaction(function (Store $s) use ($c, $id, $asked): array {
            $p = Payments::find($s, $c, $id);
            self::check($p, 'refunded', 'refund');
            $captured = Money::minor($p['clearing_amount'] ?? $p['amount']);
            $refunded = 0;
            foreach ($s->all("SELECT amount FROM payment_operations WHERE payment_id = ? AND type = 'refund'", [$p['id']]) as $o) {
                $refunded += Money::minor($o['amount']);
            }
            $left = $captured - $refunded;
            $amount = $asked === null ? $left : Money::minor($asked);
            if ($amount > $left) {
                throw new GatewayError(351, 'pg_refund_amount ' . Money::format($amount) . ' exceeds what can be refunded: '
                    . Money::format($left) . ' (captured ' . Money::format($captured) . ', refunded ' . Money::format($refunded) . ')');
            }
            $after = Lifecycle::move($s, 'payment', $p['id'], $amount === $left ? 'refunded' : 'success', [], 'refund');
            return [$after, self::record($s, $p, 'refund', Money::format($amount), $c->request->fields)];
        });
        return [
            'pg_status' => 'ok',
            'pg_payment_id' => (string) $p['id'],
            'pg_payment_refund_id' => (string) $op['id'],
            'pg_refund_status' => $op['status'],
            'pg_refund_amount' => $op['amount'],
        ];
    }

    /** The lifecycle's refusal before any amount is looked at: a 350 naming what the payment is. */
    private static function check(array $p, string $to, string $operation): void
    {
        if (!Lifecycle::allowed('payment', $p['status'], $to, $operation)) {
            $hint = match (true) {
                $operation === 'capture' && $p['status'] === 'success' => '; it was captured already (one-stage, or captured before)',
                $operation === 'refund' && $p['status'] === 'held' => '; capture it first (do_capture.php), or cancel it (cancel.php)',
                $operation === 'refund' && $p['status'] === 'refunded' => '; nothing is left to refund',
                default => '',
            };
            throw new GatewayError(350, "$operation is not allowed: payment {$p['id']} is "
                . Lifecycle::describe('payment', $p['status']) . $hint);
        }
    }

    /** pg_receipt_positions, when given, must be a list of positions; it is kept with the operation. */
    private static function receipt(Request $r): void
    {
        $receipt = $r->fields['pg_receipt_positions'] ?? null;
        if ($receipt !== null && !is_array($receipt)) {
            throw new GatewayError(9403, 'pg_receipt_positions must be a list of positions');
        }
    }

    /**
     * The shop answered "rejected" to the first result_url call of a payment
     * it may reject (pg_can_reject=1): a paid payment is refunded in full, a
     * held one cancelled, and the payment remembers the shop's reason (the
     * payer is then sent to the failure URL with it). In the caller's
     * transaction; a payment no longer paid or held is left as it is.
     */
    public static function rejectByShop(Store $s, int $paymentId, string $description): ?array
    {
        $p = $s->one('SELECT * FROM payments WHERE id = ?', [$paymentId]);
        if ($p === null || !in_array($p['status'], ['success', 'held'], true)) {
            return $p;
        }
        $set = ['rejected_at' => gmdate('Y-m-d H:i:s'), 'reject_description' => $description];
        $why = ['sandbox_reason' => 'rejected by the shop in its result_url reply'];
        if ($p['status'] === 'held') {
            $after = Lifecycle::move($s, 'payment', $p['id'], 'revoked', $set, 'cancel', 'result_url rejected');
            self::record($s, $p, 'cancel', $p['amount'], $why);
            return $after;
        }
        $refunded = 0;
        foreach ($s->all("SELECT amount FROM payment_operations WHERE payment_id = ? AND type = 'refund'", [$p['id']]) as $o) {
            $refunded += Money::minor($o['amount']);
        }
        $left = Money::minor($p['clearing_amount'] ?? $p['amount']) - $refunded;
        $after = Lifecycle::move($s, 'payment', $p['id'], 'refunded', $set, 'refund', 'result_url rejected');
        self::record($s, $p, 'refund', Money::format($left), $why);
        return $after;
    }

    private static function record(Store $s, array $p, string $type, string $amount, array $fields): array
    {
        $id = $s->insert('payment_operations', [
            'payment_id' => $p['id'],
            'merchant_id' => $p['merchant_id'],
            'type' => $type,
            'amount' => $amount,
            'status' => 'success',
            'reference' => Charge::reference(),
            'fields' => json_encode($fields, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_INVALID_UTF8_SUBSTITUTE),
            'created_at' => gmdate('Y-m-d H:i:s'),
        ]);
        return $s->one('SELECT * FROM payment_operations WHERE id = ?', [$id]);
    }
}
