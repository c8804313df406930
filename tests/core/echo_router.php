<?php
// php -S router for the core's HTTP tests: echoes the body, after ?delay=seconds.
usleep((int) ((float) ($_GET['delay'] ?? 0) * 1e6));
if (isset($_GET['status'])) {
    http_response_code((int) $_GET['status']);
}
header('Content-Type: text/plain');
echo 'echo:', file_get_contents('php://input');
