<?php
/*
 * The sandbox's delivery worker: sends the callbacks that are due (result_url,
 * post_link, and their retries). FreedomPaySandbox\Server starts one next to
 * `php -S` and stops it with it. By hand, next to a sandbox you started yourself:
 *
 *     SANDBOX_DB=/path/to/db.sqlite php sandbox/worker.php
 *
 * --watch-stdin: exit as soon as standard input is closed (Server keeps a pipe
 * open, so the worker never outlives the process that started it);
 * --server-group=PID: then also stop that process group (the server's).
 * See README.md, "Callbacks".
 */
declare(strict_types=1);

require __DIR__ . '/src/autoload.php';

exit(FreedomPaySandbox\Worker::main($argv));
