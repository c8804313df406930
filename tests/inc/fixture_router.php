<?php
/*
 * php -S router for hand-made replies: /NAME/anything answers the file
 * NAME.xml from $FIXTURE_DIR, as a gateway would answer a POST; or
 * NAME.xml.gz, as it is, labelled Content-Encoding: gzip (a server that
 * compresses though the client never asked).
 */
$name = explode('/', trim((string) parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH), '/'))[0];
$file = getenv('FIXTURE_DIR') . '/' . basename($name) . '.xml';
$gzip = !is_file($file) && is_file("$file.gz");
if (!is_file($file) && !$gzip) {
    http_response_code(404);
    echo "no fixture $name\n";
    return;
}
header('Content-Type: text/xml; charset=utf-8');
if ($gzip) {
    header('Content-Encoding: gzip');
    $file .= '.gz';
}
readfile($file);
