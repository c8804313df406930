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
        $config = new Config();
        if ($request->path !== '/_sandbox/health') {
            self::log($request, $store);
        }
        if (str_starts_with($request->path, '/_sandbox/')) {
            Control::handle($request, $store, $config);
            return;
        }
        $page = Gateway::page($request->path);
        if ($page !== null) {
            $page($request, $store, $config);
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
        [$reply, $secret] = Gateway::process($request, $endpoint, $config, $store);
        Faults::send($fault, $reply, $request->script(), $secret);
    }

    private static function log(Request $r, Store $store): void
    {
        $json = fn($v) => json_encode($v, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_INVALID_UTF8_SUBSTITUTE);
        $store->insert('requests', [
            'method' => $r->method,
            'path' => $r->path,
            'headers' => $json($r->headers),
            'raw_body' => preg_match('//u', $r->rawBody) === 1 ? $r->rawBody : base64_encode($r->rawBody),
            'fields' => $json($r->fields),
            'created_at' => gmdate('Y-m-d H:i:s'),
        ]);
    }
}
