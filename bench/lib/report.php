<?php
/*
 * The report of a bench/run: reads the rows the benchmarks wrote (JSON
 * lines), prints them as a table, and writes them as CSV.
 *
 *   php bench/lib/report.php ROWS_FILE CSV_FILE [FAILED_BENCHMARK...]
 */
[$self, $rowsFile, $csvFile] = $argv + [null, null, null];
$failed = array_slice($argv, 3);
if ($rowsFile === null || $csvFile === null) {
    fwrite(STDERR, "usage: php bench/lib/report.php ROWS_FILE CSV_FILE [FAILED...]\n");
    exit(2);
}
$rows = [];
foreach (is_file($rowsFile) ? file($rowsFile, FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) : [] as $line) {
    $rows[] = json_decode($line, true, 8, JSON_THROW_ON_ERROR);
}

function fmt(?float $x, string $unit): string
{
    if ($x === null) {
        return '-';
    }
    $digits = match (true) {
        abs($x) >= 100 => 0,
        abs($x) >= 10 => 1,
        default => 2,
    };
    if ($unit === '') {
        $digits = 0;
    }
    return rtrim(number_format($x, $digits) . ' ' . $unit);
}

$table = [['benchmark', 'figure', 'ours', 'theirs', 'floor', 'ratio', 'target', 'result']];
$notes = [];
foreach ($rows as $r) {
    $table[] = [
        $r['title'],
        $r['measure'],
        fmt($r['ours'], $r['unit']),
        fmt($r['theirs'], $r['unit']),
        fmt($r['floor'], $r['unit']),
        $r['ratio'] === null ? '-' : sprintf('%.2fx %s', $r['ratio'], $r['ratio_is']),
        $r['target'],
        $r['met'] === null ? 'info' : ($r['met'] ? 'met' : 'NOT MET'),
    ];
    $notes[] = $r['note'];
}
foreach ($failed as $name) {
    $table[] = [$name, '', '', '', '', '', '', 'COULD NOT RUN'];
    $notes[] = 'see the errors above';
}

$widths = [];
foreach ($table as $cells) {
    foreach ($cells as $i => $cell) {
        $widths[$i] = max($widths[$i] ?? 0, mb_strlen($cell));
    }
}
$line = fn(array $cells) => rtrim(implode('  ', array_map(
    fn($cell, $i) => $cell . str_repeat(' ', $widths[$i] - mb_strlen($cell)), $cells, array_keys($cells))));
echo $line($table[0]), "\n", str_repeat('-', array_sum($widths) + 2 * (count($widths) - 1)), "\n";
foreach (array_slice($table, 1) as $k => $cells) {
    echo $line($cells), "\n";
    if ($notes[$k] !== '') {
        echo '    ', $notes[$k], "\n";
    }
}

$columns = ['bench', 'title', 'measure', 'unit', 'ours', 'theirs', 'floor', 'ratio', 'ratio_is', 'target', 'met',
    'rounds', 'per_round', 'ours_min', 'ours_max', 'theirs_min', 'theirs_max', 'floor_min', 'floor_max', 'note'];
$csv = fopen($csvFile, 'w');
if ($csv === false) {
    fwrite(STDERR, "cannot write $csvFile\n");
    exit(1);
}
fputcsv($csv, $columns);
foreach ($rows as $r) {
    $out = [];
    foreach ($columns as $c) {
        $v = $r[$c] ?? null;
        $out[] = match (true) {
            $c === 'met' => $v === null ? 'info' : ($v ? 'met' : 'not met'),
            is_float($v) => sprintf('%.6g', $v),
            default => (string) $v,
        };
    }
    fputcsv($csv, $out);
}
foreach ($failed as $name) {
    fputcsv($csv, array_map(fn($c) => match ($c) { 'bench' => $name, 'met' => 'could not run', default => '' }, $columns));
}
fclose($csv);
