<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

/** A refusal of a test-control request (/_sandbox/...), with its HTTP status. */
final class ControlError extends \RuntimeException
{
    public function __construct(public readonly int $status, string $message)
    {
        parent::__construct($message);
    }
}
