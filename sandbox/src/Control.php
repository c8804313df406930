<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

/**
 * Test controls under /_sandbox/: not part of the gateway, unsigned, JSON.
 * The core ones are here; modules add theirs in their CONTROLS.
 */
final class Control
{
    public static function handle(Request $r, Store $store, Config $config): void
    {
        $controls = [
            '/_sandbox/health' => [self::class, 'health'],
            '/_sandbox/requests' => [self::class, 'requests'],
            '/_sandbox/settings' => [self::class, 'settings'],
        ] + Gateway::merged('CONTROLS');
        $handler = $controls[$r->path] ?? null;
        if ($handler === null) {
            Http::text(404, "no such control: {$r->path}\n");
            return;
        }
        try {
            $handler($r, $store, $config);
        } catch (ControlError $e) {
            Http::json($e->status, ['error' => $e->getMessage()]);
        } catch (GatewayError $e) {
            // A lifecycle refusal met through a control: a conflict.
            Http::json(409, ['error' => $e->getMessage(), 'code' => $e->getCode()]);
        }
    }

    /** "ok"; with the X-Sandbox-Instance header Server gave this sandbox (SANDBOX_INSTANCE), so that it knows it is its own. */
    public static function health(Request $r, Store $store, Config $config): void
    {
        $instance = getenv('SANDBOX_INSTANCE');
        if ($instance !== false && preg_match('/^[0-9a-f]{1,64}$/', $instance)) {
            header("X-Sandbox-Instance: $instance");
        }
        Http::text(200, 'ok');
    }

    public static function requests(Request $r, Store $store, Config $config): void
    {
        $limit = max(1, min(1000, (int) ($_GET['limit'] ?? 20)));
        $rows = $store->all("SELECT * FROM requests WHERE path NOT LIKE '/_sandbox/%' ORDER BY id DESC LIMIT $limit");
        foreach ($rows as &$row) {
            $row['headers'] = json_decode($row['headers'], true);
            $row['fields'] = json_decode($row['fields'], true);
        }
        Http::json(200, $rows);
    }

    /** GET: the settings; POST name=value...: changes them (whole numbers), then the settings. */
    public static function settings(Request $r, Store $store, Config $config): void
    {
        self::settingsFor($r, $store, Settings::KNOWN);
    }

    /** The same for a module's own settings ($known: its SETTINGS). */
    public static function settingsFor(Request $r, Store $store, array $known): void
    {
        if ($r->method === 'POST') {
            $store->transaction(function (Store $s) use ($r, $known): void {
                foreach ($r->fields as $name => $value) {
                    if (!isset($known[$name])) {
                        throw new ControlError(400, "unknown setting $name; known: " . implode(', ', array_keys($known)));
                    }
                    if (!is_string($value) || !preg_match('/^\d{1,6}$/', $value)) {
                        throw new ControlError(400, "$name must be a whole number");
                    }
                    Settings::set($s, $name, (int) $value);
                }
            });
        }
        Http::json(200, Settings::all($store, $known));
    }

    /** The POST field, or a ControlError 400. */
    public static function need(Request $r, string $name, string $pattern = '/./'): string
    {
        $v = $r->field($name);
        if ($v === null || $v === '' || !preg_match($pattern, $v)) {
            throw new ControlError(400, "$name is required" . ($v !== null && $v !== '' ? " (got \"$v\")" : ''));
        }
        return $v;
    }

    public static function post(Request $r, string $what): void
    {
        if ($r->method !== 'POST') {
            throw new ControlError(405, "POST $what");
        }
    }
}
