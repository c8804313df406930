--TEST--
Sandbox: the database is migrated by PRAGMA user_version; a version 1 file (and an unversioned one) gets the new tables and keeps its payments
--FILE--
<?php
require __DIR__ . '/purchase.inc';
use FreedomPaySandbox\Store;

$migrations = Store::migrations();
$latest = array_key_last($migrations);
echo 'migrations: ', implode(' ', array_map(fn($p) => basename($p), $migrations)), "\n";
echo 'purchase ones below 20: ', count(array_filter(array_keys($migrations), fn($n) => $n >= 2 && $n <= 19)) >= 1 ? 'yes' : 'no', "\n";

/** A database as the first sandbox left it: schema 001, two payments, at user_version $version. */
function old_database(int $version): string
{
    $db = tempnam(sys_get_temp_dir(), 'fp-migrate-');
    $pdo = new PDO("sqlite:$db");
    $pdo->exec(file_get_contents(dirname(__DIR__, 2) . '/sandbox/migrations/001-initial.sql'));
    $pdo->exec("PRAGMA user_version = $version");
    $row = "INSERT INTO payments (merchant_id, order_id, amount, currency, description, status, token, testing_mode, fields,
        created_at, paid_at, card_pan, card_name, reference, auth_code) VALUES ('500001', ?, ?, 'KZT', 'old', ?, ?, '1', '{}',
        '2025-01-01 10:00:00', ?, ?, ?, ?, ?)";
    $pdo->prepare($row)->execute(['old-paid', '150.25', 'success', 'tok1', '2025-01-01 10:01:00', '4405-64XX-XXXX-6150', 'OLD HOLDER', '123456789012', '654321']);
    $pdo->prepare($row)->execute(['old-new', '99', 'new', 'tok2', null, null, null, null, null]);
    return $db;
}

function tables(string $db): string
{
    $pdo = new PDO("sqlite:$db");
    $names = $pdo->query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")->fetchAll(PDO::FETCH_COLUMN);
    // Only the purchase side's tables: later migrations (payouts, callbacks) add their own.
    $names = array_intersect($names, ['cards', 'payment_operations', 'payments', 'recurring_profiles', 'requests', 'settings']);
    return 'version ' . $pdo->query('PRAGMA user_version')->fetchColumn() . ': ' . implode(',', $names);
}

function cleanup(string $db): void
{
    foreach ([$db, "$db-wal", "$db-shm"] as $f) {
        @unlink($f);
    }
}

// A version 1 file served by the sandbox.
$db = old_database(1);
echo 'before: ', tables($db), "\n";
$s = new FreedomPaySandbox\Server(1, $db);
echo 'after: ', str_replace("version $latest:", 'version LATEST:', tables($db)), "\n";
$old = sb_call($s, '/get_status3.php', ['pg_order_id' => 'old-paid']);
echo 'old payment: ', sb_show($old, 'pg_payment_id', 'pg_amount', 'pg_payment_status', 'pg_captured', 'pg_clearing_amount', 'pg_card_pan', 'pg_card_name'), "\n";
echo '  refunded in part: ', sb_show(sb_call($s, '/revoke.php', ['pg_payment_id' => $old['pg_payment_id'], 'pg_refund_amount' => '50']), 'pg_status'),
    ' then ', sb_show(sb_status($s, $old['pg_payment_id']), 'pg_payment_status', 'pg_refund_amount'), "\n";
echo '  the rest: ', sb_show(sb_call($s, '/revoke.php', ['pg_payment_id' => $old['pg_payment_id']]), 'pg_refund_amount'), "\n";
$new = sb_call($s, '/get_status3.php', ['pg_order_id' => 'old-new']);
echo 'old unpaid payment, paid now: ', $s->pay($new['pg_payment_id'], '5367654276102126')['status'], ' ',
    sb_show(sb_status($s, $new['pg_payment_id']), 'pg_payment_status', 'pg_clearing_amount'), "\n";
echo 'new payments go on from there: ', sb_pay_card($s, '4716047261941981')['pg_payment_id'], "\n";
$s->stop();
echo 'served again: ', str_replace("version $latest:", 'version LATEST:', tables($db)), "\n";
$s = new FreedomPaySandbox\Server(1, $db);
echo '  data kept: ', sb_call($s, '/get_status3.php', ['pg_order_id' => 'old-paid'])['pg_payment_status'], "\n";
$s->stop();
cleanup($db);

// A file from before versioning (user_version 0, the tables there).
$db = old_database(0);
$store = new Store($db);
echo 'unversioned: ', $store->version() === $latest ? 'LATEST' : $store->version(), ', ',
    $store->one("SELECT status, clearing_amount FROM payments WHERE order_id = 'old-paid'")['clearing_amount'], "\n";
unset($store);
cleanup($db);

// Several processes opening one version 1 file at once: each migration runs once.
$db = old_database(1);
$code = 'require ' . var_export(dirname(__DIR__, 2) . '/sandbox/src/autoload.php', true) . '; $s = new FreedomPaySandbox\Store('
    . var_export($db, true) . '); echo $s->version();';
$env = getenv();   // the system's PHP and ini, as the sandbox server runs (see Server)
unset($env['USE_ZEND_ALLOC'], $env['ZEND_DONT_UNLOAD_MODULES'], $env['LD_PRELOAD'], $env['ASAN_OPTIONS'], $env['TEST_PHP_EXECUTABLE']);
$procs = [];
for ($i = 0; $i < 4; $i++) {
    $procs[] = proc_open([PHP_BINARY, '-r', $code], [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes[$i], null, $env);
}
$out = [];
foreach ($procs as $i => $proc) {
    $out[] = trim(stream_get_contents($pipes[$i][1]) . stream_get_contents($pipes[$i][2]));
    proc_close($proc);
}
echo 'four processes at once: ', implode(' ', array_map(fn($v) => $v === (string) $latest ? 'LATEST' : $v, $out)), "\n";
$pdo = new PDO("sqlite:$db");
echo '  columns added once: ', $pdo->query("SELECT COUNT(*) FROM pragma_table_info('payments') WHERE name = 'auto_clearing'")->fetchColumn(), "\n";
unset($pdo);
cleanup($db);

// A fresh file: every migration, in order.
$db = tempnam(sys_get_temp_dir(), 'fp-migrate-');
unlink($db);
$store = new Store($db);
echo 'fresh: ', str_replace("version $latest:", 'version LATEST:', tables($db)), "\n";
echo '  first payment id: ', $store->insert('payments', ['merchant_id' => '1', 'order_id' => 'x', 'amount' => '1', 'currency' => 'KZT',
    'description' => 'd', 'status' => 'new', 'token' => 't', 'testing_mode' => '0', 'fields' => '{}', 'created_at' => 'now']), "\n";
unset($store);
cleanup($db);
?>
--EXPECTF--
migrations: 001-initial.sql 002-purchase.sql%A
purchase ones below 20: yes
before: version 1: payments,requests
after: version LATEST: cards,payment_operations,payments,recurring_profiles,requests,settings
old payment: pg_payment_id=1000001 pg_amount=150.25 pg_payment_status=success pg_captured=1 pg_clearing_amount=150.25 pg_card_pan=4405-64XX-XXXX-6150 pg_card_name=OLD HOLDER
  refunded in part: pg_status=ok then pg_payment_status=success pg_refund_amount=50
  the rest: pg_refund_amount=100.25
old unpaid payment, paid now: success pg_payment_status=success pg_clearing_amount=99
new payments go on from there: 1000003
served again: version LATEST: cards,payment_operations,payments,recurring_profiles,requests,settings
  data kept: refunded
unversioned: LATEST, 150.25
four processes at once: LATEST LATEST LATEST LATEST
  columns added once: 1
fresh: version LATEST: cards,payment_operations,payments,recurring_profiles,requests,settings
  first payment id: 1000001
