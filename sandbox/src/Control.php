<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

/** Test controls under /_sandbox/: not part of the gateway, unsigned. */
final class Control
{
    public static function handle(Request $r, Store $store): void
    {
        try {
            match ($r->path) {
                '/_sandbox/health' => Http::text(200, 'ok'),
                '/_sandbox/pay' => self::pay($r, $store),
                '/_sandbox/requests' => self::requests($r, $store),
                default => Http::text(404, "no such control: {$r->path}\n"),
            };
        } catch (ControlError $e) {
            Http::json($e->status, ['error' => $e->getMessage()]);
        }
    }

    private static function pay(Request $r, Store $store): void
    {
        if ($r->method !== 'POST') {
            throw new ControlError(405, 'POST pg_payment_id, card_number, card_exp, card_cvc');
        }
        $id = $r->field('pg_payment_id') ?? '';
        if (!ctype_digit($id)) {
            throw new ControlError(400, 'pg_payment_id is required');
        }
        $p = Payments::pay($store, ['id', $id], $r->field('card_number') ?? '', $r->field('card_exp') ?? '',
            $r->field('card_cvc') ?? '', $r->field('card_holder') ?? '');
        Http::json(200, [
            'pg_payment_id' => (int) $p['id'],
            'status' => $p['status'] === 'success' ? 'success' : 'failed',
            'failure_code' => $p['failure_code'] === null ? null : (int) $p['failure_code'],
            'failure_description' => $p['failure_description'],
        ]);
    }

    private static function requests(Request $r, Store $store): void
    {
        $limit = max(1, min(1000, (int) ($_GET['limit'] ?? 20)));
        $rows = $store->all("SELECT * FROM requests WHERE path NOT LIKE '/_sandbox/%' ORDER BY id DESC LIMIT $limit");
        foreach ($rows as &$row) {
            $row['headers'] = json_decode($row['headers'], true);
            $row['fields'] = json_decode($row['fields'], true);
        }
        Http::json(200, $rows);
    }
}
