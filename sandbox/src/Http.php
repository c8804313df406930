<?php
declare(strict_types=1);

namespace FreedomPaySandbox;

final class Http
{
    public static function send(int $status, string $contentType, string $body): void
    {
        http_response_code($status);
        header('Content-Type: ' . $contentType);
        header('Content-Length: ' . strlen($body));
        echo $body;
    }

    public static function xml(string $body): void
    {
        self::send(200, 'text/xml; charset=utf-8', $body);
    }

    public static function json(int $status, array $data): void
    {
        self::send($status, 'application/json', json_encode($data, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE) . "\n");
    }

    public static function text(int $status, string $text): void
    {
        self::send($status, 'text/plain; charset=utf-8', $text);
    }
}
