<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

/** What an endpoint handler gets: the request, who sent it, the state. */
final class Context
{
    public function __construct(
        public readonly Request $request,
        public readonly Merchant $merchant,
        public readonly Store $store,
    ) {
    }
}
