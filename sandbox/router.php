<?php
/*
 * The FreedomPay sandbox gateway: php -S 127.0.0.1:PORT sandbox/router.php
 * See README.md.
 */
declare(strict_types=1);

require __DIR__ . '/src/autoload.php';

FreedomPaySandbox\App::handle();
