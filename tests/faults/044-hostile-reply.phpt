--TEST--
Client: a reply built to cost gigabytes is refused at a small multiple of its size, as a TransportException
--EXTENSIONS--
freedompay
--FILE--
<?php
/*
 * Regression: under 1 MiB, about 30 levels of elements with names tens of
 * kB long and a few thousand leaves made verification build every leaf's
 * flattened name: 3.8 GB and 12 s before the signature was even checked.
 */
require dirname(__DIR__) . '/inc/sandbox.inc';
$dir = tempnam(sys_get_temp_dir(), 'fp-hostile-');
unlink($dir);
mkdir($dir);
$port = (function () { $s = stream_socket_server('tcp://127.0.0.1:0'); $p = (int) substr(strrchr(stream_socket_get_name($s, false), ':'), 1); fclose($s); return $p; })();
$server = proc_open(['setsid', PHP_BINARY, '-n', '-S', "127.0.0.1:$port", dirname(__DIR__) . '/inc/fixture_router.php'],
    [1 => ['file', '/dev/null', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes, null, ['FIXTURE_DIR' => $dir]);
for ($i = 0; $i < 200 && !@fsockopen('127.0.0.1', $port); $i++) { usleep(20000); }

$shapes = [
    // depth, name length, leaves
    'deep-long-names' => [28, 16000, 2000],
    'wide-long-names' => [3, 48000, 6000],
];
foreach ($shapes as $name => [$depth, $len, $leaves]) {
    $tag = str_repeat('q', $len);
    $xml = '<?xml version="1.0"?><response><pg_status>ok</pg_status>' . str_repeat("<$tag>", $depth)
        . str_repeat('<v>1</v>', $leaves) . str_repeat("</$tag>", $depth) . '<pg_sig>00000000000000000000000000000000</pg_sig></response>';
    file_put_contents("$dir/$name.xml", $xml);
    $client = new FreedomPay\Client(500001, 'k', ['base_url' => "http://127.0.0.1:$port/$name", 'retries' => 0]);
    $rss = getrusage()['ru_maxrss'];
    try {
        $client->status(['pg_payment_id' => 1]);
        echo "$name: accepted\n";
    } catch (FreedomPay\Exception $e) {
        printf("%s (%.2f MB): %s: %s\n", $name, strlen($xml) / 1048576, get_class($e), preg_replace('~http://\S+~', 'URL', $e->getMessage()));
    }
    $grew = (getrusage()['ru_maxrss'] - $rss) / 1024;
    echo $grew < 64 ? "  peak memory grew by less than 64 MB\n" : "  peak memory grew by $grew MB\n";
}
proc_close(proc_open(['kill', '-TERM', '--', '-' . proc_get_status($server)['pid']], [], $p));
proc_close($server);
array_map('unlink', glob("$dir/*"));
rmdir($dir);
?>
--EXPECTF--
deep-long-names (%f MB): FreedomPay\TransportException: The reply from URL is not a gateway reply: too complex to verify (its flattened names would exceed %d bytes)
  peak memory grew by less than 64 MB
wide-long-names (%f MB): FreedomPay\TransportException: The reply from URL is not a gateway reply: too complex to verify (its flattened names would exceed %d bytes)
  peak memory grew by less than 64 MB
