<?php
/*
 * php -S router for hand-made replies: /NAME/anything answers the file
 * NAME.xml from $FIXTURE_DIR, as a gateway would answer a POST.
 */
$name = explode('/', trim((string) parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH), '/'))[0];
$file = getenv('FIXTURE_DIR') . '/' . basename($name) . '.xml';
if (!is_file($file)) {
    http_response_code(404);
    echo "no fixture $name\n";
    return;
}
header('Content-Type: text/xml; charset=utf-8');
readfile($file);
