<?php
/*
 * What the benchmark scripts share: options, the interleaved timing loop,
 * medians, and the rows they hand to the report (one JSON object a line).
 */

const BENCH_SECRET = 'sandbox-secret';
const BENCH_MERCHANT = '500001';

/**
 * Options as --name=value (or --flag). Known everywhere:
 *   --quick            fewer iterations
 *   --rows=FILE        append result rows (JSON lines) there; default stdout
 *   --rounds=N         rounds of the interleaved loop
 */
function bench_options(array $argv): array
{
    $opts = [];
    foreach (array_slice($argv, 1) as $arg) {
        if (!str_starts_with($arg, '--')) {
            fwrite(STDERR, "unexpected argument: $arg\n");
            exit(2);
        }
        $pair = explode('=', substr($arg, 2), 2);
        $opts[$pair[0]] = $pair[1] ?? true;
    }
    return $opts;
}

function bench_require_extension(): void
{
    if (!extension_loaded('freedompay')) {
        fwrite(STDERR, "the freedompay extension is not loaded (php -d extension=/path/to/freedompay.so ...)\n");
        exit(1);
    }
}

/** This process's CPU time (user + system), in ns. */
function bench_cpu_ns(): int
{
    $r = getrusage();
    return ($r['ru_utime.tv_sec'] + $r['ru_stime.tv_sec']) * 1000000000
        + ($r['ru_utime.tv_usec'] + $r['ru_stime.tv_usec']) * 1000;
}

function bench_median(array $xs): float
{
    sort($xs);
    $n = count($xs);
    return $n % 2 ? (float) $xs[intdiv($n, 2)] : ($xs[$n / 2 - 1] + $xs[$n / 2]) / 2;
}

/**
 * Runs every variant $rounds times, interleaved: each round runs them all
 * once, in an order that is reversed every other round (A B C, C B A, ...),
 * so that drift on the machine hits all alike. $variants: name => [callable
 * (int $n), $n]; a callable that measures elsewhere returns ['cpu' => ns,
 * 'wall' => ns] per op. Returns name => ['cpu' => [ns per op by round],
 * 'wall' => [...]].
 */
function bench_interleave(array $variants, int $rounds): array
{
    $samples = [];
    $names = array_keys($variants);
    for ($round = 0; $round < $rounds; $round++) {
        $order = $round % 2 ? array_reverse($names) : $names;
        foreach ($order as $name) {
            [$run, $n] = $variants[$name];
            $wall = hrtime(true);
            $cpu = bench_cpu_ns();
            $own = $run($n);
            $cpu = (bench_cpu_ns() - $cpu) / $n;
            $wall = (hrtime(true) - $wall) / $n;
            // A variant that runs elsewhere (another process) reports its own figures.
            $samples[$name]['cpu'][] = is_array($own) ? $own['cpu'] : $cpu;
            $samples[$name]['wall'][] = is_array($own) ? $own['wall'] : $wall;
        }
    }
    return $samples;
}

/**
 * How many operations of $run take about $target_ms of CPU: doubles n from
 * 1 until a run takes a tenth of that, then scales. Keeps every round short
 * whatever an operation costs (at least $min operations).
 */
function bench_calibrate(callable $run, float $target_ms, int $min = 1): int
{
    for ($n = 1; ; $n *= 2) {
        $cpu = bench_cpu_ns();
        $run($n);
        $ns = bench_cpu_ns() - $cpu;
        if ($ns >= $target_ms * 1e5 || $n >= 1 << 24) {
            return max($min, (int) ceil($n * $target_ms * 1e6 / max($ns, 1)));
        }
    }
}

/** Median of per-round ratios a/b: each pair was measured back to back. */
function bench_paired_ratio(array $a, array $b): float
{
    $ratios = [];
    foreach ($a as $i => $x) {
        $ratios[] = $x / $b[$i];
    }
    return bench_median($ratios);
}

/**
 * Hands one row to the report. Fields: bench (short id), title, measure
 * (what the figures are), unit, ours, theirs, floor (numbers or null),
 * ratio, ratio_is (what the ratio divides), target (text), met (bool or
 * null for information only), rounds, per_round (operations per round),
 * note; and *_min / *_max for the spread over rounds.
 */
function bench_row(array $opts, array $row): void
{
    $defaults = ['bench' => '', 'title' => '', 'measure' => '', 'unit' => '', 'ours' => null, 'theirs' => null,
        'floor' => null, 'ratio' => null, 'ratio_is' => '', 'target' => '', 'met' => null, 'rounds' => null,
        'per_round' => null, 'note' => '', 'ours_min' => null, 'ours_max' => null, 'theirs_min' => null,
        'theirs_max' => null, 'floor_min' => null, 'floor_max' => null];
    $line = json_encode($row + $defaults, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_PRESERVE_ZERO_FRACTION) . "\n";
    if (isset($opts['rows'])) {
        file_put_contents($opts['rows'], $line, FILE_APPEND | LOCK_EX);
    } else {
        echo $line;
    }
}

/** min and max of a variant's samples, as row fields. */
function bench_spread(string $prefix, array $xs): array
{
    return ["{$prefix}_min" => min($xs), "{$prefix}_max" => max($xs)];
}

/** The whole reply from a responder's /__stats: [connections, requests]. */
function bench_responder_stats(string $baseUrl): array
{
    $parts = parse_url($baseUrl);
    $s = @stream_socket_client("tcp://{$parts['host']}:{$parts['port']}", $errno, $error, 5);
    if ($s === false) {
        throw new RuntimeException("cannot reach the responder: $error");
    }
    fwrite($s, "GET /__stats HTTP/1.1\r\nHost: {$parts['host']}\r\nConnection: close\r\n\r\n");
    $reply = stream_get_contents($s);
    fclose($s);
    if (!preg_match('/connections (\d+) requests (\d+)/', (string) $reply, $m)) {
        throw new RuntimeException('the responder did not report its counts');
    }
    return [(int) $m[1], (int) $m[2]];
}

/** The fixture bench/fixture.php wrote: the payment id the responders' reply is about, and the reply. */
function bench_fixture(array $opts): array
{
    $dir = $opts['fixtures'] ?? null;
    if (!is_string($dir) || !is_file("$dir/reply.xml")) {
        fwrite(STDERR, "--fixtures=DIR (made by bench/fixture.php) is required\n");
        exit(2);
    }
    return ['payment_id' => trim(file_get_contents("$dir/payment_id")), 'reply' => file_get_contents("$dir/reply.xml"),
        'form' => "$dir/form.txt"];
}

function bench_fail(string $message): never
{
    fwrite(STDERR, $message . "\n");
    exit(1);
}
