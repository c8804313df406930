<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

/**
 * Merchants the sandbox knows: a default one, then SANDBOX_MERCHANTS
 * (id:secret:payoutsecret[:name]) and SANDBOX_CONFIG (JSON; "name" optional).
 */
final class Config
{
    /** @var array<string, Merchant> */
    private array $merchants = [];

    public function __construct()
    {
        $this->add(new Merchant('500001', 'sandbox-secret', 'sandbox-payout-secret', 'Sandbox Book Shop'));
        foreach (array_filter(explode(',', (string) getenv('SANDBOX_MERCHANTS'))) as $entry) {
            $parts = explode(':', trim($entry), 4);
            if (count($parts) >= 3 && preg_match('/^\d+$/', $parts[0])) {
                $this->add(new Merchant($parts[0], $parts[1], $parts[2], $parts[3] ?? ''));
            }
        }
        $file = getenv('SANDBOX_CONFIG');
        if ($file !== false && $file !== '') {
            $json = json_decode((string) @file_get_contents($file), true);
            foreach ($json['merchants'] ?? [] as $m) {
                $this->add(new Merchant((string) $m['id'], (string) $m['secret_key'], (string) ($m['payout_secret_key'] ?? ''),
                    (string) ($m['name'] ?? '')));
            }
        }
    }

    public function merchant(string $id): ?Merchant
    {
        return $this->merchants[$id] ?? null;
    }

    public static function databasePath(): string
    {
        $path = getenv('SANDBOX_DB');
        return $path !== false && $path !== '' ? $path : sys_get_temp_dir() . '/freedompay-sandbox.sqlite';
    }

    private function add(Merchant $m): void
    {
        $this->merchants[$m->id] = $m;
    }
}
