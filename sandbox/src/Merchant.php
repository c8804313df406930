<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

final class Merchant
{
    public readonly string $name;

    public function __construct(
        public readonly string $id,
        public readonly string $secretKey,
        public readonly string $payoutSecretKey,
        string $name = '',
    ) {
        $this->name = $name !== '' ? $name : "Shop $id";
    }

    /** The key that signs an endpoint: 'payment' or 'payout'. */
    public function key(string $which): string
    {
        return $which === 'payout' ? $this->payoutSecretKey : $this->secretKey;
    }
}
