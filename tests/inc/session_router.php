<?php
/*
 * A page for tests/sign/025: signs a request of keys made at run time
 * (heap strings of this request, freed at its end), and again in a session
 * save handler, which runs in session's request shutdown, after the
 * extension's.
 */
function fields(string $tag): array
{
    $out = [];
    foreach (['amount', 'merchant_id', 'order_id', 'salt'] as $i => $name) {
        $out['pg_' . $name . str_repeat('', (int) $tag)] = "$tag-$i";
    }
    return $out;
}
final class SigningSessions implements SessionHandlerInterface
{
    public function open(string $path, string $name): bool { return true; }
    public function close(): bool { return true; }
    public function read(string $id): string|false { return ''; }
    public function write(string $id, string $data): bool
    {
        FreedomPay\Signature::sign('x', fields('9'), 'k');
        return true;
    }
    public function destroy(string $id): bool { return true; }
    public function gc(int $max_lifetime): int|false { return 0; }
}
session_set_save_handler(new SigningSessions(), false);
session_id('fp' . getmypid());
session_start();
$_SESSION['n'] = 1;
$tag = (string) ($_GET['n'] ?? '0');
echo FreedomPay\Signature::sign('init_payment.php', fields($tag), 'k');
