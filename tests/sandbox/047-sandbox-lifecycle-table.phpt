--TEST--
Sandbox: the lifecycle table is the only way a payment changes state; every move it does not list is refused; test card behaviours; money arithmetic
--FILE--
<?php
require_once dirname(__DIR__, 2) . '/sandbox/src/autoload.php';
use FreedomPaySandbox\{Cards, GatewayError, Lifecycle, Money, Store};

// The table is closed: every target is a state, every operation a known one.
$operations = ['pay', 'authenticate', 'settle', 'capture', 'cancel', 'refund'];
foreach (Lifecycle::TRANSITIONS as $kind => $states) {
    foreach ($states as $from => $targets) {
        foreach ($targets as $to => $ops) {
            if (!isset($states[$to]) || array_diff($ops, $operations) !== []) {
                echo "BAD ROW $kind $from -> $to\n";
            }
        }
    }
    echo "$kind: ", count($states), ' states, final: ', implode(',', array_keys(array_filter($states, fn($t) => $t === []))), "\n";
}

// Every (from, to, operation) on a real row: allowed ones move, the rest are 350 and change nothing.
$db = tempnam(sys_get_temp_dir(), 'fp-lifecycle-');
unlink($db);
$store = new Store($db);
$states = array_keys(Lifecycle::TRANSITIONS['payment']);
$moved = $refused = $wrong = 0;
$first = null;
foreach ($states as $from) {
    foreach ($states as $to) {
        foreach ($operations as $op) {
            $id = $store->insert('payments', ['merchant_id' => '1', 'order_id' => 'o', 'amount' => '1', 'currency' => 'KZT',
                'description' => 'd', 'status' => $from, 'token' => bin2hex(random_bytes(8)), 'testing_mode' => '0', 'fields' => '{}',
                'created_at' => 'now']);
            $first ??= $id;
            try {
                $row = $store->transaction(fn(Store $s) => Lifecycle::move($s, 'payment', $id, $to, ['reference' => 'r'], $op));
                $moved++;
                $wrong += Lifecycle::allowed('payment', $from, $to, $op) && $row['status'] === $to && $row['reference'] === 'r' ? 0 : 1;
            } catch (GatewayError $e) {
                $refused++;
                $after = $store->one('SELECT status, reference FROM payments WHERE id = ?', [$id]);
                $wrong += !Lifecycle::allowed('payment', $from, $to, $op) && $e->getCode() === 350 && $after['status'] === $from
                    && $after['reference'] === null ? 0 : 1;
            }
        }
    }
}
echo "moves: $moved allowed, $refused refused, $wrong wrong\n";
try {
    $store->transaction(fn(Store $s) => Lifecycle::move($s, 'payment', $first, 'success', [], 'capture', 'do_capture.php'));
} catch (GatewayError $e) {
    echo 'message: ', $e->getMessage(), "\n";
}
try {
    Lifecycle::move($store, 'payment', $first, 'success', [], 'pay');
} catch (LogicException $e) {
    echo 'outside a transaction: ', $e->getMessage(), "\n";
}
try {
    $store->transaction(fn(Store $s) => Lifecycle::move($s, 'payment', 999999, 'success', [], 'pay'));
} catch (GatewayError $e) {
    echo 'no such row: ', $e->getCode(), "\n";
}
unset($store);
foreach ([$db, "$db-wal", "$db-shm"] as $f) {
    @unlink($f);
}

// Nothing else writes a payment's status.
foreach (glob(dirname(__DIR__, 2) . '/sandbox/src/*.php') as $file) {
    preg_match_all('~UPDATE\s+payments\s+SET\s+((?:(?!\bWHERE\b).)*)~is', file_get_contents($file), $sets);
    foreach ($sets[1] as $assignments) {
        if (basename($file) !== 'Lifecycle.php' && preg_match('~\bstatus\s*=~i', $assignments)) {
            echo 'writes payments.status: ', basename($file), "\n";
        }
    }
}
echo "writers checked\n";

// The test cards.
foreach (Cards::TEST_CARDS as $number => [$behavior]) {
    [$ok, $code, $text] = Cards::outcome(Cards::behavior((string) $number, '12/30'));
    printf("%s %-12s 3ds=%d slow=%d %s\n", $number, $behavior, Cards::needs3ds($behavior), Cards::slow($behavior),
        $ok ? 'approved' : "declined $code $text");
}
echo 'other valid number: ', Cards::behavior('4000000000000002', '12/30'), '; expired: ', Cards::behavior('4716047261941981', '01/20'), "\n";

// Amounts.
foreach (['0.01', '1', '1.5', '1.50', '99999999.99', '12500.00'] as $a) {
    echo $a, ' -> ', Money::minor($a), ' -> ', Money::format(Money::minor($a)), "\n";
}
echo Money::format(-1050), ' ', Money::format(0), "\n";
?>
--EXPECT--
payment: 8 states, final: error,revoked,refunded
moves: 17 allowed, 367 refused, 0 wrong
message: do_capture.php is not allowed: payment 1000001 is new (not paid)
outside a transaction: Lifecycle::move outside a transaction
no such row: 340
writers checked
4716047261941981 approve      3ds=0 slow=0 approved
5367654276102126 approve      3ds=0 slow=0 approved
4916307416334310 3ds          3ds=1 slow=0 approved
5335215945367703 3ds          3ds=1 slow=0 approved
4916109830832246 slow         3ds=0 slow=1 approved
5475102935853613 slow-decline 3ds=0 slow=1 declined 5 Transaction declined
4939770956154989 funds        3ds=0 slow=0 declined 51 Insufficient funds
5548398681700148 restricted   3ds=0 slow=0 declined 62 Restricted card
4405645000006150 approve      3ds=0 slow=0 approved
5483185000000293 approve      3ds=0 slow=0 approved
other valid number: decline; expired: expired
0.01 -> 1 -> 0.01
1 -> 100 -> 1
1.5 -> 150 -> 1.5
1.50 -> 150 -> 1.5
99999999.99 -> 9999999999 -> 99999999.99
12500.00 -> 1250000 -> 12500
-10.5 0
