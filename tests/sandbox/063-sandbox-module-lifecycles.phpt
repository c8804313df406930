--TEST--
Sandbox: the lifecycle kinds that modules declare (payouts, card storage sessions, saved cards) go through the same Lifecycle::move as payments: every move their tables list is made, every other refused with 350; no other code writes their status; listeners see each move
--FILE--
<?php
require_once dirname(__DIR__, 2) . '/sandbox/src/autoload.php';
use FreedomPaySandbox\{GatewayError, Lifecycle, Store};

$kinds = Lifecycle::kinds();
echo 'kinds: ', implode(', ', array_keys($kinds)), "\n";
echo 'purchase table unchanged: ', var_export($kinds['payment']['transitions'] === Lifecycle::TRANSITIONS['payment'], true), "\n";

/** A row of $kind in state $state, for the test: its id. */
function make_row(Store $s, string $kind, string $state): int
{
    static $n = 0;
    $n++;
    return match ($kind) {
        'payout' => $s->insert('payouts', ['merchant_id' => '1', 'order_id' => "o$n", 'type' => 'reg2reg', 'amount' => '1',
            'currency' => 'KZT', 'description' => 'd', 'status' => $state, 'testing_mode' => '0', 'fields' => '{}', 'created_at' => 'now']),
        'card_session' => $s->insert('card_sessions', ['merchant_id' => '1', 'user_id' => 'u', 'order_id' => '', 'type' => 'add2',
            'token' => "t$n", 'status' => $state, 'amount' => '', 'currency' => 'KZT', 'post_link' => 'http://127.0.0.1/p',
            'back_link' => 'http://127.0.0.1/b', 'fields' => '{}', 'created_at' => 'now']),
        'card' => $s->insert('cards', ['merchant_id' => '1', 'user_id' => 'u', 'card_token' => "t$n", 'card_hash' => 'h',
            'card_behavior' => 'approve', 'status' => $state, 'created_at' => 'now']),
        default => throw new LogicException("no row maker for $kind"),
    };
}

$db = tempnam(sys_get_temp_dir(), 'fp-lifecycle-');
unlink($db);
$store = new Store($db);
foreach ($kinds as $kind => $def) {
    if ($kind === 'payment') {
        continue;   // 047-sandbox-lifecycle-table.phpt
    }
    $states = array_keys($def['transitions']);
    $operations = [];
    foreach ($def['transitions'] as $targets) {
        foreach ($targets as $to => $ops) {
            $operations = array_merge($operations, $ops);
            if (!isset($def['transitions'][$to])) {
                echo "BAD ROW: $kind -> $to\n";
            }
        }
    }
    $operations = array_values(array_unique($operations));
    $final = array_keys(array_filter($def['transitions'], fn($t) => $t === []));
    echo "$kind ({$def['table']}.{$def['column']}): ", count($states), ' states, operations ', implode(',', $operations),
        ', final ', implode(',', $final), ', every state described: ', var_export(array_keys($def['states']) === $states, true), "\n";
    $moved = $refused = $wrong = 0;
    foreach ($states as $from) {
        foreach ($states as $to) {
            foreach ($operations as $op) {
                $id = make_row($store, $kind, $from);
                try {
                    $row = $store->transaction(fn(Store $s) => Lifecycle::move($s, $kind, $id, $to, [], $op));
                    $moved++;
                    $wrong += Lifecycle::allowed($kind, $from, $to, $op) && $row[$def['column']] === $to ? 0 : 1;
                } catch (GatewayError $e) {
                    $refused++;
                    $after = $store->one("SELECT {$def['column']} AS st FROM {$def['table']} WHERE id = ?", [$id]);
                    $wrong += !Lifecycle::allowed($kind, $from, $to, $op) && $e->getCode() === 350 && $after['st'] === $from ? 0 : 1;
                }
            }
        }
    }
    echo "  moves: $moved allowed, $refused refused, $wrong wrong\n";
    $id = make_row($store, $kind, $final[0]);
    try {
        $store->transaction(fn(Store $s) => Lifecycle::move($s, $kind, $id, $states[0], [], $operations[0], 'trying'));
    } catch (GatewayError $e) {
        echo '  message: ', preg_replace('~ \d+ is~', ' N is', $e->getMessage()), "\n";
    }
    try {
        $store->transaction(fn(Store $s) => Lifecycle::move($s, $kind, $id, 'nowhere', [], $operations[0]));
    } catch (LogicException $e) {
        echo '  unknown state: ', $e->getMessage(), "\n";
    }
}
try {
    Lifecycle::allowed('teleport', 'a', 'b', 'c');
} catch (LogicException $e) {
    echo 'unknown kind: ', $e->getMessage(), "\n";
}
unset($store);
foreach ([$db, "$db-wal", "$db-shm"] as $f) {
    @unlink($f);
}

// Nothing but Lifecycle writes a state column.
foreach ($kinds as $kind => $def) {
    foreach (glob(dirname(__DIR__, 2) . '/sandbox/src/*.php') as $file) {
        preg_match_all('~UPDATE\s+' . $def['table'] . '\s+SET\s+((?:(?!\bWHERE\b).)*)~is', file_get_contents($file), $sets);
        foreach ($sets[1] as $assignments) {
            if (basename($file) !== 'Lifecycle.php' && preg_match('~\b' . $def['column'] . '\s*=~i', $assignments)) {
                echo "writes {$def['table']}.{$def['column']}: ", basename($file), "\n";
            }
        }
    }
}
echo "writers checked\n";
echo 'listeners: ', implode(', ', array_map(fn($l) => implode('::', $l), Lifecycle::LISTENERS)), "\n";
?>
--EXPECT--
kinds: payment, payout, card_session, card
purchase table unchanged: true
payout (payouts.status): 5 states, operations pay,expire,settle,withdraw, final ok,error,expired, every state described: true
  moves: 9 allowed, 91 refused, 0 wrong
  message: trying is not allowed: payout N is ok (paid)
  unknown state: unknown payout state nowhere
card_session (card_sessions.status): 4 states, operations enter,authenticate, final approved,failed, every state described: true
  moves: 5 allowed, 27 refused, 0 wrong
  message: trying is not allowed: card storage session N is approved (the card is saved)
  unknown state: unknown card_session state nowhere
card (cards.status): 3 states, operations remove, final deleted, every state described: true
  moves: 2 allowed, 7 refused, 0 wrong
  message: trying is not allowed: card N is deleted
  unknown state: unknown card state nowhere
unknown kind: unknown kind teleport
writers checked
listeners: FreedomPaySandbox\Notifications::onMove, FreedomPaySandbox\Payouts::onMove, FreedomPaySandbox\CardStorage::onMove
