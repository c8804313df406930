--TEST--
Client transport: an expired certificate and a server that only speaks TLS 1.1 are refused before anything is sent, each beside a control that differs only in that
--EXTENSIONS--
freedompay
openssl
--FILE--
<?php
/*
 * TLS verification (reliability goal 8), the two cases 034 leaves out. Each
 * refusal comes with a control that differs in that one thing and gets
 * through, so the refusal is for that reason: a certificate made the same
 * way but still valid, and the same TLS 1.1 server answering a client that
 * allows TLS 1.1. The certificates are self-signed for 127.0.0.1 and given
 * as ca_info.
 */
$dir = tempnam(sys_get_temp_dir(), 'fp-tls-');
unlink($dir);
mkdir($dir);
file_put_contents("$dir/openssl.cnf", "[req]\ndefault_bits = 2048\ndistinguished_name = dn\n[dn]\n[v3]\n"
    . "subjectAltName = IP:127.0.0.1\nbasicConstraints = critical, CA:TRUE\n");
$config = ['config' => "$dir/openssl.cnf", 'x509_extensions' => 'v3', 'digest_alg' => 'sha256'];

/** A self-signed certificate for 127.0.0.1 valid for $days days from now (0: it expires at once). */
function certificate(string $dir, string $name, int $days, array $config): string
{
    $key = openssl_pkey_new(['private_key_type' => OPENSSL_KEYTYPE_EC, 'curve_name' => 'prime256v1'] + $config);
    $csr = openssl_csr_new(['commonName' => '127.0.0.1'], $key, $config);
    $cert = openssl_csr_sign($csr, null, $key, $days, $config, random_int(1, PHP_INT_MAX));
    openssl_x509_export($cert, $pem);
    openssl_pkey_export($key, $keyPem, null, $config);
    file_put_contents("$dir/$name.pem", $pem);
    file_put_contents("$dir/$name-both.pem", $pem . $keyPem);
    return "$dir/$name.pem";
}

function serve(string $pem, string ...$how): array
{
    $server = proc_open([PHP_BINARY, '-n', dirname(__DIR__) . '/inc/tls_server.php', $pem, ...$how],
        [1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes, null, ['PATH' => getenv('PATH')]);
    return [$server, 'https://127.0.0.1:' . (int) fgets($pipes[1])];
}

function attempt(string $label, string $url, string $ca): void
{
    $client = new FreedomPay\Client(500001, 'k', ['base_url' => $url, 'ca_info' => $ca, 'retries' => 0]);
    try {
        $client->status(['pg_payment_id' => 1]);
        echo "$label: no exception\n";
    } catch (FreedomPay\Exception $e) {
        // Our part of the message and the class; the TLS library's reason varies.
        echo "$label: ", get_class($e), preg_match('~^POST https://\S+ failed: ~', $e->getMessage()) ? ' (POST ... failed)' : ': ' . $e->getMessage(), "\n";
    }
}

$valid = certificate($dir, 'valid', 1, $config);
$expired = certificate($dir, 'expired', 0, $config);
$info = openssl_x509_parse(file_get_contents($expired));
while (time() <= $info['validTo_time_t']) {
    usleep(100000); // until its last second has passed
}

[$server, $url] = serve("$dir/valid-both.pem");
attempt('valid certificate', $url, $valid);
proc_terminate($server);
proc_close($server);

[$server, $url] = serve("$dir/expired-both.pem");
attempt('expired certificate', $url, $expired);
proc_terminate($server);
proc_close($server);

[$server, $url] = serve("$dir/valid-both.pem", 'tls1.1');
$control = stream_context_create(['ssl' => ['cafile' => $valid, 'peer_name' => '127.0.0.1',
    'crypto_method' => STREAM_CRYPTO_METHOD_TLSv1_1_CLIENT, 'security_level' => 0, 'ciphers' => 'DEFAULT@SECLEVEL=0']]);
$reply = @file_get_contents("$url/get_status3.php", false, stream_context_create([
    'ssl' => stream_context_get_options($control)['ssl'],
    'http' => ['method' => 'POST', 'content' => 'x=1', 'header' => 'Content-Type: application/x-www-form-urlencoded', 'ignore_errors' => true],
]));
echo 'TLS 1.1 server, a client allowing TLS 1.1: ', $reply !== false && str_contains($reply, 'Reached over TLS') ? 'answered' : 'NOT ANSWERED', "\n";
attempt('TLS 1.1 server', $url, $valid);
proc_terminate($server);
proc_close($server);

array_map('unlink', glob("$dir/*"));
rmdir($dir);
?>
--EXPECT--
valid certificate: FreedomPay\ApiException: Reached over TLS
expired certificate: FreedomPay\TransportException (POST ... failed)
TLS 1.1 server, a client allowing TLS 1.1: answered
TLS 1.1 server: FreedomPay\TransportException (POST ... failed)
