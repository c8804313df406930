<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

/**
 * Faults on demand, for the client's reliability tests. The request is
 * processed first (its state changes are kept, as when a real reply is
 * lost); then the reply is replaced. Chosen by the X-Sandbox-Fault header
 * or the sandbox_fault field. See README.md.
 */
final class Faults
{
    public const NAMES = ['delay', 'drop', 'http500', 'http502', 'empty', 'truncated', 'notxml', 'badsig', 'nosig',
        'tamper', 'doctype', 'huge'];

    /** [name, argument] or null; throws \InvalidArgumentException for an unknown fault. */
    public static function parse(Request $r): ?array
    {
        $spec = $r->header('X-Sandbox-Fault') ?? $r->field('sandbox_fault');
        if ($spec === null || $spec === '') {
            return null;
        }
        [$name, $arg] = array_pad(explode(':', $spec, 2), 2, null);
        if (!in_array($name, self::NAMES, true)) {
            throw new \InvalidArgumentException("unknown fault \"$spec\"; known: " . implode(', ', self::NAMES));
        }
        if ($name === 'delay' && !is_numeric($arg)) {
            throw new \InvalidArgumentException('delay needs seconds: delay:2.5');
        }
        return [$name, $arg];
    }

    /** Sends $reply as the fault dictates. */
    public static function send(?array $fault, Reply $reply, string $script, ?string $secret): void
    {
        [$name, $arg] = $fault ?? [null, null];
        switch ($name) {
            case 'delay':
                usleep((int) ((float) $arg * 1e6));
                Http::xml($reply->render($script, $secret));
                return;
            case 'drop':
                self::drop($reply->render($script, $secret));
                return;
            case 'http500':
            case 'http502':
                $code = (int) substr($name, 4);
                Http::send($code, 'text/html; charset=utf-8',
                    "<html><head><title>$code</title></head><body><h1>$code Bad Gateway</h1><p>nginx</p></body></html>\n");
                return;
            case 'empty':
                Http::send(200, 'text/xml; charset=utf-8', '');
                return;
            case 'truncated':
                $xml = $reply->render($script, $secret);
                Http::xml(substr($xml, 0, intdiv(strlen($xml), 2)));
                return;
            case 'notxml':
                Http::send(200, 'text/plain; charset=utf-8', "Service temporarily unavailable, try again later\n");
                return;
            case 'badsig':
                Http::xml(preg_replace('~<pg_sig>[^<]*</pg_sig>~', '<pg_sig>' . bin2hex(random_bytes(16)) . '</pg_sig>',
                    $reply->render($script, $secret)));
                return;
            case 'nosig':
                Http::xml(preg_replace('~\s*<pg_sig>[^<]*</pg_sig>~', '', $reply->render($script, $secret)));
                return;
            case 'tamper':
                Http::xml(self::tamper($reply, $script, $secret));
                return;
            case 'doctype':
                Http::xml(self::doctype($reply, $script, $secret));
                return;
            case 'huge':
                $size = $arg !== null && preg_match('/^\d+$/', $arg) ? (int) $arg : 2 * 1024 * 1024;
                $reply->fields['pg_padding'] = str_repeat('x', $size);
                Http::xml($reply->render($script, $secret));
                return;
            default:
                Http::xml($reply->render($script, $secret));
        }
    }

    /** Headers promise more bytes than are sent; php -S then closes the socket. */
    private static function drop(string $xml): void
    {
        http_response_code(200);
        header('Content-Type: text/xml; charset=utf-8');
        header('Content-Length: ' . (strlen($xml) + 4096));
        echo substr($xml, 0, intdiv(strlen($xml), 2));
        flush();
        exit;
    }

    /** Signed, then one value changed: what a man in the middle would do. */
    private static function tamper(Reply $reply, string $script, ?string $secret): string
    {
        $xml = $reply->render($script, $secret);
        foreach (['pg_amount', 'pg_payment_status', 'pg_redirect_url', 'pg_payment_id', 'pg_status'] as $field) {
            if (preg_match("~<$field>([^<]*)</$field>~", $xml, $m)) {
                $forged = match ($field) {
                    'pg_amount' => '1',
                    'pg_payment_status' => $m[1] === 'success' ? 'error' : 'success',
                    'pg_redirect_url' => 'https://attacker.example/pay',
                    'pg_payment_id' => $m[1] . '9',
                    default => $m[1] === 'ok' ? 'error' : 'ok',
                };
                return str_replace($m[0], "<$field>$forged</$field>", $xml);
            }
        }
        return $xml;
    }

    /** A DOCTYPE with an external entity, used inside the reply. */
    private static function doctype(Reply $reply, string $script, ?string $secret): string
    {
        $reply->fields['pg_description'] = '&xxe;';
        $xml = $reply->render($script, $secret);
        $xml = str_replace('&amp;xxe;', '&xxe;', $xml);
        return preg_replace('~^(<\?xml[^>]*>\n)~',
            "$1<!DOCTYPE response [<!ENTITY xxe SYSTEM \"file:///etc/hostname\">]>\n", $xml);
    }
}
