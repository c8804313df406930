<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

/** The hosted payment page a browser pays on: /pay.html?customer=TOKEN. */
final class PayPage
{
    public static function handle(Request $r, Store $store): void
    {
        $token = (string) ($r->fields['customer'] ?? '');
        $p = $store->one('SELECT * FROM payments WHERE token = ?', [$token]);
        if ($p === null) {
            self::page(404, 'Payment not found', '<p>This payment link is not valid.</p>');
            return;
        }
        if ($r->method === 'POST') {
            try {
                $p = Payments::pay($store, ['token', $token], $r->field('card_number') ?? '', $r->field('card_exp') ?? '',
                    $r->field('card_cvc') ?? '', $r->field('card_holder') ?? '');
            } catch (ControlError $e) {
                self::form($p, $e->getMessage());
                return;
            }
        }
        $p['status'] === 'new' ? self::form($p, null) : self::result($p);
    }

    private static function form(array $p, ?string $error): void
    {
        $h = fn($s) => htmlspecialchars((string) $s, ENT_QUOTES, 'UTF-8');
        $body = "<p><b>{$h($p['description'])}</b><br>{$h($p['amount'])} {$h($p['currency'])} · order {$h($p['order_id'])}</p>"
            . ($error ? "<p style=\"color:#b00\">{$h($error)}</p>" : '')
            . "<form method=\"post\" action=\"/pay.html?customer={$h($p['token'])}\">"
            . '<p><label>Card number <input name="card_number" autocomplete="cc-number" size="22"></label></p>'
            . '<p><label>Expiry (MM/YY) <input name="card_exp" size="6"></label> '
            . '<label>CVC <input name="card_cvc" size="4"></label></p>'
            . '<p><label>Card holder <input name="card_holder"></label></p>'
            . '<p><button type="submit">Pay</button></p></form>'
            . '<p><small>Sandbox: test card 4405 6450 0000 6150 is approved; any other valid number is declined.</small></p>';
        self::page(200, 'FreedomPay sandbox: pay', $body);
    }

    private static function result(array $p): void
    {
        $h = fn($s) => htmlspecialchars((string) $s, ENT_QUOTES, 'UTF-8');
        $fields = json_decode($p['fields'], true) ?: [];
        $ok = $p['status'] === 'success';
        $back = $ok ? ($fields['pg_success_url'] ?? null) : ($fields['pg_failure_url'] ?? null);
        $body = $ok ? '<p>Payment accepted.</p>' : "<p>Payment declined: {$h($p['failure_description'])}</p>";
        if (is_string($back) && $back !== '') {
            $body .= "<p><a href=\"{$h($back)}\">Back to the shop</a></p>";
        }
        self::page(200, $ok ? 'Paid' : 'Declined', $body);
    }

    private static function page(int $status, string $title, string $body): void
    {
        $t = htmlspecialchars($title, ENT_QUOTES, 'UTF-8');
        Http::send($status, 'text/html; charset=utf-8',
            "<!doctype html><html><head><meta charset=\"utf-8\"><title>$t</title></head><body><h1>$t</h1>$body</body></html>\n");
    }
}
