<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

/** Purchase endpoints: init_payment.php, get_status3.php, and paying with a card. */
final class Payments
{
    /** init_payment.php: creates a payment in state "new". */
    public static function init(Context $c): array
    {
        $r = $c->request;
        $amount = Validate::amount($r, 'pg_amount');
        $description = Validate::required($r, 'pg_description');
        $key = $r->field('pg_idempotency_key');
        $payment = $c->store->transaction(function (Store $s) use ($c, $r, $amount, $description, $key): array {
            if ($key !== null && $key !== '') {
                $seen = $s->one('SELECT * FROM payments WHERE merchant_id = ? AND idempotency_key = ?',
                    [$c->merchant->id, $key]);
                if ($seen !== null) {
                    return $seen;
                }
            }
            $id = $s->insert('payments', [
                'merchant_id' => $c->merchant->id,
                'order_id' => $r->field('pg_order_id') ?? '',
                'amount' => $amount,
                'currency' => $r->field('pg_currency') ?: 'KZT',
                'description' => $description,
                'status' => 'new',
                'token' => bin2hex(random_bytes(16)),
                'testing_mode' => $r->field('pg_testing_mode') === '1' ? '1' : '0',
                'idempotency_key' => $key === '' ? null : $key,
                'fields' => json_encode($r->fields, JSON_UNESCAPED_UNICODE | JSON_INVALID_UTF8_SUBSTITUTE),
                'created_at' => gmdate('Y-m-d H:i:s'),
            ]);
            if ($r->field('pg_order_id') === null || $r->field('pg_order_id') === '') {
                $s->run('UPDATE payments SET order_id = ? WHERE id = ?', ["sandbox-$id", $id]);
            }
            return $s->one('SELECT * FROM payments WHERE id = ?', [$id]);
        });
        return [
            'pg_status' => 'ok',
            'pg_payment_id' => (string) $payment['id'],
            'pg_redirect_url' => "http://{$r->host}/pay.html?customer={$payment['token']}",
            'pg_redirect_url_type' => 'need data',
        ];
    }

    /** get_status3.php: by pg_payment_id or pg_order_id. */
    public static function status(Context $c): array
    {
        $r = $c->request;
        $id = $r->field('pg_payment_id');
        $order = $r->field('pg_order_id');
        if (($id === null || $id === '') && ($order === null || $order === '')) {
            throw new GatewayError(9403, 'pg_payment_id or pg_order_id is required');
        }
        $payment = $id !== null && $id !== ''
            ? $c->store->one('SELECT * FROM payments WHERE merchant_id = ? AND id = ?', [$c->merchant->id, $id])
            : $c->store->one('SELECT * FROM payments WHERE merchant_id = ? AND order_id = ? ORDER BY id DESC LIMIT 1',
                [$c->merchant->id, $order]);
        if ($payment === null) {
            throw new GatewayError(340, 'Transaction not found');
        }
        return self::statusFields($payment);
    }

    public static function statusFields(array $p): array
    {
        $fields = [
            'pg_status' => 'ok',
            'pg_payment_id' => (string) $p['id'],
            'pg_order_id' => $p['order_id'],
            'pg_currency' => $p['currency'],
            'pg_amount' => $p['amount'],
            'pg_payment_status' => $p['status'],
            'pg_can_reject' => '0',
            'pg_testing_mode' => $p['testing_mode'],
            'pg_captured' => $p['status'] === 'success' ? '1' : '0',
            'pg_create_date' => $p['created_at'],
        ];
        if ($p['status'] !== 'new') {
            $fields += [
                'pg_payment_date' => $p['paid_at'],
                'pg_card_name' => $p['card_name'],
                'pg_card_pan' => $p['card_pan'],
                'pg_reference' => $p['reference'],
                'pg_auth_code' => $p['auth_code'] ?? '',
            ];
        }
        if ($p['status'] === 'error') {
            $fields += [
                'pg_failure_code' => $p['failure_code'],
                'pg_failure_description' => $p['failure_description'],
            ];
        }
        return $fields;
    }

    /**
     * The payer pays: "new" becomes "success" or "error". Throws
     * ControlError(400|404|409) for bad card data, an unknown payment, or
     * one that is not waiting for payment.
     */
    public static function pay(Store $store, array $where, string $number, string $exp, string $cvc, string $holder): array
    {
        $number = preg_replace('/[\s-]/', '', $number);
        if (($why = Cards::malformed($number, $exp, $cvc)) !== null) {
            throw new ControlError(400, $why);
        }
        [$approved, $code, $description] = Cards::decide($number, $exp);
        return $store->transaction(function (Store $s) use ($where, $number, $holder, $approved, $code, $description): array {
            [$column, $value] = $where;
            $p = $s->one("SELECT * FROM payments WHERE $column = ?", [$value]);
            if ($p === null) {
                throw new ControlError(404, 'no such payment');
            }
            if ($p['status'] !== 'new') {
                throw new ControlError(409, "payment {$p['id']} is {$p['status']}, not new");
            }
            $s->run('UPDATE payments SET status = ?, paid_at = ?, card_pan = ?, card_name = ?, reference = ?,
                auth_code = ?, failure_code = ?, failure_description = ? WHERE id = ?', [
                $approved ? 'success' : 'error', gmdate('Y-m-d H:i:s'), Cards::mask($number),
                $holder === '' ? 'CARD HOLDER' : strtoupper($holder), (string) random_int(100000000000, 999999999999),
                $approved ? (string) random_int(100000, 999999) : null, $code, $description, $p['id'],
            ]);
            return $s->one('SELECT * FROM payments WHERE id = ?', [$p['id']]);
        });
    }
}
