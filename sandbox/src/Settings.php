<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

/**
 * Settings changed at run time, kept in the database so that every worker
 * (and the delivery worker) sees them; defaults from the environment.
 *
 * KNOWN are the purchase side's, shown and changed by /_sandbox/settings.
 * A module lists its own in its SETTINGS constant (same shape) and serves
 * them at /_sandbox/<module>/settings with Control::settingsFor(); names are
 * unique across all of them (Gateway::merged refuses a name twice).
 */
final class Settings
{
    /** name => [environment variable, default, what it is] */
    public const KNOWN = [
        'slow_polls' => ['SANDBOX_SLOW_POLLS', 1, 'status queries a slow card\'s payment stays "pending" for'],
        'slow_seconds' => ['SANDBOX_SLOW_SECONDS', 0, 'seconds after which a slow card\'s payment is decided anyway (0: never)'],
    ];

    public static function get(Store $store, string $name): int
    {
        [$env, $default] = self::KNOWN[$name] ?? Gateway::merged('SETTINGS')[$name]
            ?? throw new \LogicException("unknown setting $name");
        $row = $store->one('SELECT value FROM settings WHERE name = ?', [$name]);
        if ($row !== null) {
            return (int) $row['value'];
        }
        $v = getenv($env);
        return $v !== false && preg_match('/^\d{1,6}$/', $v) ? (int) $v : $default;
    }

    /** The values of $known (default: KNOWN), by name. */
    public static function all(Store $store, ?array $known = null): array
    {
        $out = [];
        foreach (array_keys($known ?? self::KNOWN) as $name) {
            $out[$name] = self::get($store, $name);
        }
        return $out;
    }

    public static function set(Store $store, string $name, int $value): void
    {
        $store->run('INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
            [$name, (string) $value]);
    }
}
