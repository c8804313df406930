<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

final class App
{
    public static function handle(): void
    {
        // Problems go to the server's log, never into a reply body.
        ini_set('display_errors', '0');
        ini_set('log_errors', '1');
        error_reporting(E_ALL);

        $request = Request::fromGlobals();
        $store = new Store(Config::databasePath());
        if ($request->path !== '/_sandbox/health') {
            self::log($request, $store);
        }
        if (str_starts_with($request->path, '/_sandbox/')) {
            Control::handle($request, $store);
            return;
        }
        if ($request->path === '/pay.html') {
            PayPage::handle($request, $store);
            return;
        }
        $endpoint = Gateway::route($request->path);
        if ($endpoint === null) {
            Http::text(404, "no such endpoint: {$request->path}\n");
            return;
        }
        try {
            $fault = Faults::parse($request);
        } catch (\InvalidArgumentException $e) {
            Http::text(400, $e->getMessage() . "\n");
            return;
        }
        [$reply, $secret] = Gateway::process($request, $endpoint, new Config(), $store);
        Faults::send($fault, $reply, $request->script(), $secret);
    }

    private static function log(Request $r, Store $store): void
    {
        $json = fn($v) => json_encode($v, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_INVALID_UTF8_SUBSTITUTE);
        $store->insert('requests', [
            'method' => $r->method,
            'path' => $r->path,
            'headers' => $json($r->headers),
            'raw_body' => mb_check_encoding($r->rawBody, 'UTF-8') ? $r->rawBody : base64_encode($r->rawBody),
            'fields' => $json($r->fields),
            'created_at' => gmdate('Y-m-d H:i:s'),
        ]);
    }
}
