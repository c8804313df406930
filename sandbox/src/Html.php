<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

/** The browser pages' common parts: layout, styles, escaping, auto-submitting forms. Plain HTML and CSS. */
final class Html
{
    public static function escape(mixed $s): string
    {
        return htmlspecialchars((string) $s, ENT_QUOTES | ENT_SUBSTITUTE, 'UTF-8');
    }

    /** "12 500.00 KZT" (the digits grouped with thin spaces). */
    public static function amount(string $amount, string $currency): string
    {
        $minor = Money::minor($amount);
        $whole = number_format(intdiv($minor, 100), 0, '.', "\u{2009}");
        return self::escape($whole . '.' . sprintf('%02d', $minor % 100) . "\u{00a0}" . $currency);
    }

    /** Hidden inputs; nested arrays become bracket names, as a form would send them. */
    public static function hidden(array $fields, string $prefix = ''): string
    {
        $out = '';
        foreach ($fields as $name => $value) {
            $full = $prefix === '' ? (string) $name : "{$prefix}[{$name}]";
            $out .= is_array($value)
                ? self::hidden($value, $full)
                : '<input type="hidden" name="' . self::escape($full) . '" value="' . self::escape($value) . '">';
        }
        return $out;
    }

    /** A box with a mark: kind ok, bad, wait or info. */
    public static function notice(string $kind, string $title, string $text): string
    {
        $mark = ['ok' => '✓', 'bad' => '✕', 'wait' => '', 'info' => 'i'][$kind] ?? '';
        return "<div class=\"notice $kind\"><div class=\"mark\" aria-hidden=\"true\">$mark</div>"
            . '<h1>' . self::escape($title) . '</h1><p>' . self::escape($text) . '</p></div>';
    }

    /** A page that POSTs $fields to $url at once (a button if scripts are off). */
    public static function autoPost(string $url, array $fields, string $title, string $text, string $extra = ''): void
    {
        $body = self::notice('wait', $title, $text) . $extra
            . '<form id="go" method="post" action="' . self::escape($url) . '">' . self::hidden($fields)
            . '<noscript><button type="submit">Continue</button></noscript></form>'
            . '<script>document.getElementById("go").submit();</script>';
        self::page(200, $title, $body);
    }

    public static function page(int $status, string $title, string $body, string $class = '', string $head = ''): void
    {
        Http::send($status, 'text/html; charset=utf-8', '<!doctype html><html lang="en"><head><meta charset="utf-8">'
            . '<meta name="viewport" content="width=device-width, initial-scale=1">'
            . '<title>' . self::escape($title) . '</title>' . $head . '<style>' . self::CSS . '</style></head>'
            . '<body class="' . self::escape($class) . '"><main class="card">' . $body . '</main>'
            . '<footer>FreedomPay sandbox · test environment, no money moves</footer></body></html>' . "\n");
    }

    private const CSS = <<<'CSS'
*{box-sizing:border-box}
body{margin:0;min-height:100vh;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;
 color:#1d2733;background:#eef2f6;display:flex;flex-direction:column;align-items:center;padding:32px 12px}
main.card{width:100%;max-width:460px;background:#fff;border-radius:14px;box-shadow:0 6px 24px rgba(20,40,70,.10);padding:28px}
footer{margin-top:18px;color:#6b7785;font-size:13px}
h1{font-size:20px;margin:0 0 12px}
.merchant{display:flex;justify-content:space-between;align-items:center;color:#1d2733;font-size:18px;font-weight:600;margin-bottom:6px}
.secure-badge{font-size:12px;color:#14804a;border:1px solid #b9e3cb;background:#effaf3;border-radius:20px;padding:2px 10px}
.total{font-size:34px;font-weight:700;letter-spacing:-.5px;margin:4px 0 2px}
.order{color:#4a5866;font-size:14px;margin:0 0 18px;overflow-wrap:anywhere}
.order b{color:#1d2733;font-weight:600}
label{display:block;font-size:13px;font-weight:600;color:#36424f;margin:14px 0 5px}
input{width:100%;font:inherit;padding:11px 12px;border:1px solid #c6d0da;border-radius:8px;background:#fbfcfd}
input:focus{outline:none;border-color:#1f6feb;box-shadow:0 0 0 3px rgba(31,111,235,.18);background:#fff}
input[aria-invalid=true]{border-color:#d1242f;background:#fff7f7}
.row{display:flex;gap:12px}.row>div{flex:1}
.field-error{color:#b42318;font-size:13px;margin:5px 0 0}
.form-error{color:#b42318;background:#fff1f0;border:1px solid #f5c2bd;border-radius:8px;padding:10px 12px;margin:0 0 8px}
.actions{display:flex;gap:10px;margin-top:20px}
button{font:inherit;font-weight:600;border:0;border-radius:8px;padding:13px 18px;background:#1f6feb;color:#fff;cursor:pointer;flex:1}
button:hover{background:#185ccc}button.secondary{background:#e7ecf2;color:#1d2733}button.secondary:hover{background:#dbe2ea}
.tests{margin-top:24px;border-top:1px solid #e3e8ee;padding-top:14px}
.tests h2{font-size:13px;text-transform:uppercase;letter-spacing:.06em;color:#6b7785;margin:0 0 8px}
.tests ul{list-style:none;margin:0;padding:0}
.tests li button{display:flex;justify-content:space-between;width:100%;background:none;color:#1d2733;font-weight:400;
 padding:7px 8px;border-radius:6px;text-align:left;gap:10px}
.tests li button:hover{background:#f1f5f9}
.tests code{font:13px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:nowrap}
.tests small{color:#6b7785;text-align:right}
.hint{color:#6b7785;font-size:13px;margin-top:16px}
.notice{text-align:center;padding:8px 0}
.notice .mark{width:56px;height:56px;border-radius:50%;margin:0 auto 12px;display:flex;align-items:center;justify-content:center;
 font-size:28px;font-weight:700;color:#fff;background:#6b7785}
.notice.ok .mark{background:#14804a}.notice.bad .mark{background:#d1242f}.notice.info .mark{background:#1f6feb}
.notice.wait .mark{background:none;border:5px solid #d6dee8;border-top-color:#1f6feb;animation:spin 1s linear infinite}
@keyframes spin{to{transform:rotate(360deg)}}
dl.facts{display:grid;grid-template-columns:auto 1fr;gap:6px 14px;margin:0 0 16px;font-size:14px}
dl.facts dt{color:#6b7785}dl.facts dd{margin:0;overflow-wrap:anywhere}
.back{display:block;text-align:center;margin-top:14px}
.acs main.card{border-top:6px solid #0b3d91}
.bank{display:flex;justify-content:space-between;align-items:center;margin-bottom:16px}
.bank-logo{font-weight:800;letter-spacing:.08em;color:#0b3d91}.secure{font-size:12px;color:#6b7785}
.saved{display:flex;align-items:center;gap:10px;background:#f4f7fa;border-radius:8px;padding:10px 12px;font-size:15px}
CSS;
}
