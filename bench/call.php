<?php
/*
 * A whole status call over loopback, the extension against the PHP way
 * (ext/curl with its handle reused, the docs' snippet, SimpleXML and
 * PG_Signature::checkXML to verify the reply, the reply as an array), in
 * one run against the bundled sandbox. What is measured is this process's
 * CPU time per call (getrusage): the server's work happens elsewhere, and
 * the transfer's wall time is the server's, not the client's.
 *
 *   php -d extension=modules/freedompay.so bench/call.php [calls]
 *
 * Needs ext/curl for the PHP way (Debian: php-curl).
 */
require dirname(__DIR__) . '/sandbox/src/autoload.php';

use FreedomPaySandbox\Signature;

if (!extension_loaded('curl')) {
    fwrite(STDERR, "the PHP way needs ext/curl (php-curl)\n");
    exit(1);
}
$calls = (int) ($argv[1] ?? 1000);
$sandbox = new FreedomPaySandbox\Server(2);
$secret = 'sandbox-secret';
$client = new FreedomPay\Client(500001, $secret, ['base_url' => $sandbox->url, 'retries' => 0]);
$id = $client->initPayment(['pg_amount' => '10', 'pg_description' => 'bench'])['pg_payment_id'];
$sandbox->pay($id);

/** The PHP way, as a careful library writes it today. */
final class PhpWay
{
    private CurlHandle $curl;

    public function __construct(private string $base, private string $secret)
    {
        $this->curl = curl_init();
    }

    public function status(array $params): array
    {
        $params += ['pg_merchant_id' => '500001', 'pg_salt' => bin2hex(random_bytes(16))];
        $sign = $params;
        ksort($sign);
        array_unshift($sign, 'get_status3.php');
        array_push($sign, $this->secret);
        $params['pg_sig'] = md5(implode(';', $sign));
        curl_setopt_array($this->curl, [
            CURLOPT_URL => $this->base . '/get_status3.php',
            CURLOPT_POST => true,
            CURLOPT_POSTFIELDS => http_build_query($params),
            CURLOPT_RETURNTRANSFER => true,
            CURLOPT_TIMEOUT => 30,
            CURLOPT_CONNECTTIMEOUT => 10,
        ]);
        $body = curl_exec($this->curl);
        $xml = simplexml_load_string($body, SimpleXMLElement::class, LIBXML_NONET);
        if ($xml === false || !isset($xml->pg_sig)) {
            throw new RuntimeException('bad reply');
        }
        $flat = Signature::makeFlatParamsArray(Signature::makeFlatParamsXml($xml));
        ksort($flat);
        array_unshift($flat, 'get_status3.php');
        array_push($flat, $this->secret);
        if (!hash_equals(md5(implode(';', $flat)), (string) $xml->pg_sig)) {
            throw new RuntimeException('bad signature');
        }
        return json_decode(json_encode($xml), true);
    }
}
$php = new PhpWay($sandbox->url, $secret);

function cpu(): float
{
    $r = getrusage();
    return $r['ru_utime.tv_sec'] + $r['ru_utime.tv_usec'] / 1e6 + $r['ru_stime.tv_sec'] + $r['ru_stime.tv_usec'] / 1e6;
}

$runs = [
    'extension' => fn() => $client->status(['pg_payment_id' => $id]),
    'PHP way' => fn() => $php->status(['pg_payment_id' => $id]),
];
foreach ($runs as $name => $call) {
    if ($call()['pg_payment_status'] !== 'success') {
        fwrite(STDERR, "$name: unexpected reply\n");
        exit(1);
    }
}
$best = [];
for ($round = 0; $round < 3; $round++) {
    foreach ($runs as $name => $call) {
        $start = cpu();
        $wall = hrtime(true);
        for ($i = 0; $i < $calls; $i++) {
            $call();
        }
        $cpu = (cpu() - $start) / $calls * 1e6;
        $ms = (hrtime(true) - $wall) / $calls / 1e6;
        if (!isset($best[$name]) || $cpu < $best[$name][0]) {
            $best[$name] = [$cpu, $ms];
        }
    }
}
printf("get_status3 over loopback against the sandbox, %d calls x 3 rounds (best round)\n", $calls);
foreach ($best as $name => [$cpu, $ms]) {
    printf("  %-10s %6.1f us client CPU per call  (%.2f ms wall, mostly the server)\n", $name, $cpu, $ms);
}
printf("PHP way / extension: %.2fx the client CPU\n", $best['PHP way'][0] / $best['extension'][0]);
