<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

/**
 * Delivering notifications: one attempt is one signed HTTP request to the
 * shop (Outbound), judged by the shop's reply and recorded; a failed result
 * or post_link is tried again on the retry schedule.
 *
 * The request: the notification's fields, a fresh pg_salt, and pg_sig made
 * with the merchant's key (payment or payout) and the script name = the last
 * path segment of the URL called (reference §1.5). By method: GET (the fields
 * added to the URL's query string; the signature covers the whole final query,
 * what the shop's $_GET holds), POST (a form), XML (a form with one field
 * pg_xml holding <request>…</request>).
 *
 * The reply, for check and result: HTTP 200 and an XML <response> with
 * pg_status ok, rejected or error, signed by the shop the same way (its
 * pg_sig checked as PG_Signature::checkXML does). For post_link: HTTP 200 (a
 * body such as <pg_status>ok</pg_status> is enough; an XML body saying error,
 * or carrying a wrong pg_sig, is not).
 *
 * Verdicts: ok; rejected (check: the payment is refused; result: honoured,
 * the payment refunded or cancelled); rejected_ignored (result: the shop may
 * not reject, or not any more: counts as delivered); and the failures, retried
 * for result and post_link: error (the shop said pg_status=error),
 * http_status (not 200), not_xml, bad_reply (no pg_status), no_signature,
 * bad_signature, unreachable, timeout; final at once: not_loopback (a URL the
 * sandbox does not call), no_merchant.
 */
final class Delivery
{
    /** Verdicts that end a notification as delivered. */
    public const DELIVERED = ['ok', 'rejected', 'rejected_ignored'];

    /** Verdicts after which nothing is tried again. */
    public const FINAL_FAILURES = ['not_loopback', 'no_merchant'];

    /**
     * Delivers every notification that is due (the worker's loop calls this).
     * Each is claimed first, so that two deliverers never send the same one.
     * Returns the number of attempts made.
     */
    public static function runDue(Store $store, Config $config, int $limit = 20): int
    {
        $now = microtime(true);
        $rows = $store->transaction(function (Store $s) use ($now, $limit): array {
            $rows = $s->all("SELECT * FROM notifications WHERE status = 'pending' AND next_at IS NOT NULL AND next_at <= ?
                AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY next_at, id LIMIT $limit", [$now, $now]);
            foreach ($rows as $n) {
                $hold = Settings::get($s, $n['kind'] === 'check' ? 'check_timeout' : 'callback_timeout') + 30;
                $s->run('UPDATE notifications SET claimed_until = ? WHERE id = ?', [$now + $hold, $n['id']]);
            }
            return $rows;
        });
        foreach ($rows as $n) {
            self::attempt($store, $config, $n);
        }
        return count($rows);
    }

    /**
     * One attempt, outside any transaction (the shop may call the sandbox
     * back while it answers). Records it; returns it: verdict, detail,
     * http_status, reply, description (the shop's pg_description).
     */
    public static function attempt(Store $store, Config $config, array $n): array
    {
        if ($store->inTransaction()) {
            throw new \LogicException('a notification is sent outside transactions');
        }
        $started = microtime(true);
        $secret = $config->merchant($n['merchant_id'])?->key($n['key_name']) ?? '';
        if ($secret === '') {
            $att = ['url' => $n['url'], 'method' => $n['method'], 'request' => json_decode($n['fields'], true),
                'http_status' => null, 'reply' => null, 'verdict' => 'no_merchant',
                'detail' => "merchant {$n['merchant_id']} has no {$n['key_name']} key here", 'description' => ''];
        } else {
            $req = self::build($n, $secret);
            $timeout = Settings::get($store, $n['kind'] === 'check' ? 'check_timeout' : 'callback_timeout');
            $res = Outbound::request($req['http_method'], $req['url'], $req['body'], $req['content_type'], max(1, $timeout));
            [$verdict, $detail, $description] = self::judge($n['kind'], $res, $req['script'], $secret);
            $att = ['url' => $req['url'], 'method' => $n['method'], 'request' => $req['fields'], 'http_status' => $res['status'],
                'reply' => $res['body'] === '' && $res['status'] === null ? null : $res['body'],
                'verdict' => $verdict, 'detail' => $detail, 'description' => $description];
        }
        $att += ['started' => $started, 'duration_ms' => (int) round((microtime(true) - $started) * 1000)];
        return $store->transaction(function (Store $s) use ($n, $att): array {
            $now = $s->one('SELECT * FROM notifications WHERE id = ?', [$n['id']]);
            return self::record($s, $now, $att, in_array($att['verdict'], self::FINAL_FAILURES, true));
        });
    }

    /**
     * Records an attempt and what follows from it, in the caller's
     * transaction: the notification delivered, rescheduled or given up; a
     * result rejected on its first attempt, when it may be, rejects the
     * payment. Returns the attempt as recorded.
     */
    public static function record(Store $s, array $n, array $att, bool $final = false): array
    {
        $number = (int) $n['attempts'] + 1;
        if ($n['kind'] === 'result' && $att['verdict'] === 'rejected') {
            if ($number === 1 && (int) $n['can_reject'] === 1) {
                Operations::rejectByShop($s, (int) $n['payment_id'], (string) ($att['description'] ?? ''));
            } else {
                $att['verdict'] = 'rejected_ignored';
                $att['detail'] = $number === 1 ? 'the shop answered rejected, but pg_can_reject=0: the payment stands'
                    : "the shop answered rejected on attempt $number: only the first attempt can reject; the payment stands";
            }
        }
        $s->insert('notification_attempts', [
            'notification_id' => $n['id'],
            'attempt' => $number,
            'started_at' => Notifications::time($att['started']),
            'duration_ms' => $att['duration_ms'],
            'url' => $att['url'],
            'method' => $att['method'],
            'request' => Notifications::json($att['request']),
            'http_status' => $att['http_status'],
            'reply' => $att['reply'],
            'verdict' => $att['verdict'],
            'detail' => $att['detail'],
        ]);
        $delivered = in_array($att['verdict'], self::DELIVERED, true);
        $next = null;
        if ($delivered) {
            $status = 'delivered';
        } elseif ($final || $n['kind'] === 'check') {
            $status = 'failed';
        } else {
            $due = (float) $n['first_at'] + $number * (int) $n['retry_interval'];
            $last = (float) $n['first_at'] + (int) $n['retry_window'];
            [$status, $next] = $due <= $last + 0.0005 ? ['pending', $due] : ['failed', null];
        }
        $s->run('UPDATE notifications SET status = ?, outcome = ?, attempts = ?, next_at = ?, claimed_until = NULL,
            updated_at = ? WHERE id = ?',
            [$status, $att['verdict'], $number, $next, Notifications::time(microtime(true)), $n['id']]);
        return $att + ['attempt' => $number, 'status' => $status];
    }

    /**
     * The HTTP request for an attempt: ['script', 'http_method', 'url',
     * 'body', 'content_type', 'fields' (what was signed and sent, ours)].
     */
    public static function build(array $n, string $secret): array
    {
        $fields = (json_decode($n['fields'], true) ?: []) + ['pg_salt' => bin2hex(random_bytes(8))];
        unset($fields['pg_sig']);
        $url = $n['url'];
        $script = Signature::scriptName((string) parse_url($url, PHP_URL_PATH));
        $form = 'application/x-www-form-urlencoded';
        if ($n['method'] === 'GET') {
            [$base, $fragment] = array_pad(explode('#', $url, 2), 2, null);
            [$path, $query] = array_pad(explode('?', $base, 2), 2, '');
            parse_str($query, $signed);   // what the shop's $_GET will hold: its own keys, then ours (ours win)
            foreach ($fields as $name => $value) {
                $signed[$name] = $value;
            }
            $fields['pg_sig'] = Signature::forRequest($script, $signed, $secret);
            $final = $path . '?' . ($query !== '' ? "$query&" : '') . http_build_query($fields, '', '&', PHP_QUERY_RFC3986);
            return ['script' => $script, 'http_method' => 'GET', 'url' => $final, 'body' => '', 'content_type' => '',
                'fields' => $fields];
        }
        $fields['pg_sig'] = Signature::forRequest($script, $fields, $secret);
        $body = $n['method'] === 'XML'
            ? http_build_query(['pg_xml' => Reply::xml($fields, 'request')], '', '&')
            : http_build_query($fields, '', '&');
        return ['script' => $script, 'http_method' => 'POST', 'url' => $url, 'body' => $body, 'content_type' => $form,
            'fields' => $fields];
    }

    /** [verdict, detail, the shop's pg_description] for a reply. */
    public static function judge(string $kind, array $res, string $script, string $secret): array
    {
        if ($res['error'] !== null) {
            return [$res['error'] === 'protocol' ? 'bad_reply' : $res['error'], $res['detail'], ''];
        }
        if ($res['status'] !== 200) {
            return ['http_status', "HTTP {$res['status']}: the shop must answer 200", ''];
        }
        $body = $res['body'];
        $xml = null;
        if (stripos($body, '<!DOCTYPE') === false && trim($body) !== '') {
            $prev = libxml_use_internal_errors(true);
            $xml = simplexml_load_string($body, \SimpleXMLElement::class, LIBXML_NONET) ?: null;
            libxml_clear_errors();
            libxml_use_internal_errors($prev);
        }
        if ($kind === 'post_link') {
            if ($xml === null) {
                return ['ok', 'HTTP 200', ''];
            }
            $status = $xml->getName() === 'pg_status' ? trim((string) $xml) : trim((string) ($xml->pg_status ?? ''));
            if (isset($xml->pg_sig) && (string) $xml->pg_sig !== Signature::forXml($script, $body, $secret)) {
                return ['bad_signature', 'the reply\'s pg_sig is wrong (script name "' . $script . '")', ''];
            }
            if ($status === 'error') {
                return ['error', 'the shop answered pg_status=error: ' . self::description($xml), self::description($xml)];
            }
            return ['ok', 'HTTP 200' . ($status !== '' ? ", pg_status=$status" : ''), self::description($xml)];
        }
        if ($xml === null) {
            return ['not_xml', 'the reply is not XML: the shop must answer a signed <response>', ''];
        }
        if (!isset($xml->pg_status)) {
            return ['bad_reply', 'the reply has no pg_status', ''];
        }
        $status = trim((string) $xml->pg_status);
        $description = self::description($xml);
        if (!isset($xml->pg_sig)) {
            return ['no_signature', 'the reply is not signed (no pg_sig)', $description];
        }
        if ((string) $xml->pg_sig !== Signature::forXml($script, $body, $secret)) {
            return ['bad_signature', 'the reply\'s pg_sig is wrong (script name "' . $script . '")', $description];
        }
        return match ($status) {
            'ok' => ['ok', 'pg_status=ok', $description],
            'rejected' => ['rejected', 'pg_status=rejected' . ($description !== '' ? ": $description" : ''), $description],
            'error' => ['error', 'the shop answered pg_status=error' . ($description !== '' ? ": $description" : ''), $description],
            default => ['bad_reply', "pg_status=$status is not ok, rejected or error", $description],
        };
    }

    private static function description(\SimpleXMLElement $xml): string
    {
        foreach (['pg_description', 'pg_error_description'] as $name) {
            if (isset($xml->$name) && trim((string) $xml->$name) !== '') {
                return trim((string) $xml->$name);
            }
        }
        return '';
    }
}
