<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

/** A refusal the gateway answers with pg_status=error (signed unless $signed is false). */
final class GatewayError extends \RuntimeException
{
    public function __construct(int $code, string $description, public readonly bool $signed = true)
    {
        parent::__construct($description, $code);
    }
}
