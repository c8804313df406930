--TEST--
Client: replies become arrays keyed like the XML; only signed content reaches PHP; ambiguous or odd replies are refused
--EXTENSIONS--
freedompay
--FILE--
<?php
require dirname(__DIR__) . '/inc/sandbox.inc';
use FreedomPaySandbox\Signature;

// A php -S serving hand-made replies; each fixture is reached as base_url http://127.0.0.1:PORT/NAME.
$dir = sys_get_temp_dir() . '/fp-fixtures-' . getmypid();
@mkdir($dir);
$port = (function () { $s = stream_socket_server('tcp://127.0.0.1:0'); $p = (int) substr(strrchr(stream_socket_get_name($s, false), ':'), 1); fclose($s); return $p; })();
$server = proc_open(['setsid', PHP_BINARY, '-n', '-S', "127.0.0.1:$port", dirname(__DIR__) . '/inc/fixture_router.php'],
    [1 => ['file', '/dev/null', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes, null, ['FIXTURE_DIR' => $dir]);
for ($i = 0; $i < 100 && !@fsockopen('127.0.0.1', $port); $i++) { usleep(20000); }

/** The reply's XML with pg_sig computed by the docs' checkXML rule (the sandbox's PHP). */
function signed(string $inner, string $script = 'get_status3.php', string $secret = SANDBOX_SECRET): string
{
    $xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<response>$inner</response>";
    return str_replace('</response>', '<pg_sig>' . Signature::forXml($script, $xml, $secret) . '</pg_sig></response>', $xml);
}
function call(string $name, string $xml, array $query = ['pg_payment_id' => 7]): void
{
    global $dir, $port;
    file_put_contents("$dir/$name.xml", $xml);
    $client = new FreedomPay\Client(SANDBOX_MERCHANT, SANDBOX_SECRET, ['base_url' => "http://127.0.0.1:$port/$name", 'retries' => 0]);
    echo "$name: ";
    try {
        echo json_encode($client->status($query), JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES), "\n";
    } catch (FreedomPay\ApiException $e) {
        echo 'ApiException ', $e->getErrorCode(), ': ', $e->getMessage(), ' ', json_encode($e->getResponse()), "\n";
    } catch (FreedomPay\Exception $e) {
        echo get_class($e), ': ', preg_replace('~http://\S+~', 'URL', $e->getMessage()), "\n";
    }
}

echo "-- shapes\n";
call('refunds', signed('<pg_status>ok</pg_status><pg_payment_id>7</pg_payment_id><pg_order_id/>'
    . '<pg_refund_payments><pg_refund_payment><pg_payment_id>8</pg_payment_id><pg_amount>-5</pg_amount></pg_refund_payment>'
    . '<pg_refund_payment><pg_payment_id>9</pg_payment_id><pg_amount>-7</pg_amount></pg_refund_payment></pg_refund_payments>'
    . '<pg_salt>s</pg_salt>'));
call('one-refund-is-a-list', signed('<pg_status>ok</pg_status><pg_refund_payments><pg_refund_payment><pg_amount>-5</pg_amount>'
    . '</pg_refund_payment></pg_refund_payments><pg_salt>s</pg_salt>'));
call('cards', signed('<card><pg_card_id>1</pg_card_id></card><pg_salt>s</pg_salt>'));
call('repeated-unknown', signed('<pg_status>ok</pg_status><x>1</x><x>2</x><pg_salt>s</pg_salt>'));
call('text-and-entities', signed("<pg_status>ok</pg_status><pg_description><![CDATA[<b>]]> &amp; &lt;ok&gt; тест</pg_description><pg_salt>s</pg_salt>"));
call('unsigned-extras-dropped', str_replace('<pg_status>ok</pg_status>', '<pg_status kind="fake">ok</pg_status><!-- c -->',
    signed('<pg_status>ok</pg_status><pg_amount>10</pg_amount><pg_salt>s</pg_salt>')));
call('parent-text-dropped', str_replace('<pg_card>', '<pg_card>unsigned text', signed('<pg_status>ok</pg_status><pg_card><a>1</a></pg_card><pg_salt>s</pg_salt>')));
call('signed-error', signed('<pg_status>error</pg_status><pg_error_code>340</pg_error_code><pg_error_description>Transaction not found</pg_error_description><pg_salt>s</pg_salt>'));
call('signed-error-no-code', signed('<pg_status>error</pg_status><pg_salt>s</pg_salt>'));

echo "-- about what was asked\n";
call('same-payment-leading-zero', signed('<pg_status>ok</pg_status><pg_payment_id>0007</pg_payment_id><pg_salt>s</pg_salt>'));
call('other-payment', signed('<pg_status>ok</pg_status><pg_payment_id>8</pg_payment_id><pg_payment_status>success</pg_payment_status><pg_salt>s</pg_salt>'));
call('other-order', signed('<pg_status>ok</pg_status><pg_payment_id>9</pg_payment_id><pg_order_id>B-2</pg_order_id><pg_salt>s</pg_salt>'), ['pg_order_id' => 'A-1']);
call('same-order', signed('<pg_status>ok</pg_status><pg_payment_id>9</pg_payment_id><pg_order_id>A-1</pg_order_id><pg_salt>s</pg_salt>'), ['pg_order_id' => 'A-1']);
call('two-payment-ids', signed('<pg_status>ok</pg_status><pg_payment_id>7</pg_payment_id><pg_payment_id>8</pg_payment_id><pg_salt>s</pg_salt>'));
call('signed-error-about-another', signed('<pg_status>error</pg_status><pg_payment_id>8</pg_payment_id><pg_error_code>340</pg_error_code><pg_salt>s</pg_salt>'));

echo "-- unsigned\n";
call('unsigned-101', '<response><pg_status>error</pg_status><pg_error_code>101</pg_error_code><pg_error_description>Empty merchant</pg_error_description></response>');
call('unsigned-9998', '<response><pg_status>error</pg_status><pg_error_code>9998</pg_error_code><pg_error_description>Incorrect signature</pg_error_description></response>');
call('unsigned-other-error', '<response><pg_status>error</pg_status><pg_error_code>340</pg_error_code></response>');
call('unsigned-ok', '<response><pg_status>ok</pg_status><pg_payment_status>success</pg_payment_status></response>');

echo "-- refused\n";
call('other-secret', signed('<pg_status>ok</pg_status><pg_salt>s</pg_salt>', 'get_status3.php', 'another-secret'));
call('other-script', signed('<pg_status>ok</pg_status><pg_salt>s</pg_salt>', 'init_payment.php'));
call('added-element', str_replace('<pg_salt>', '<pg_payment_status>success</pg_payment_status><pg_salt>', signed('<pg_status>ok</pg_status><pg_salt>s</pg_salt>')));
call('nested-pg_sig', str_replace('<pg_salt>s</pg_salt>', '<pg_salt>s</pg_salt><x><pg_sig>hidden</pg_sig></x>', signed('<pg_status>ok</pg_status><pg_salt>s</pg_salt>')));
call('two-pg_sig', str_replace('</response>', '<pg_sig>0</pg_sig></response>', signed('<pg_status>ok</pg_status><pg_salt>s</pg_salt>')));
call('two-pg_status', signed('<pg_status>ok</pg_status><pg_status>error</pg_status><pg_salt>s</pg_salt>'));
call('wrong-root', '<result><pg_status>ok</pg_status></result>');
call('namespaced', '<response xmlns="urn:x"><pg_status>ok</pg_status></response>');
call('html-200', '<html><body>502 Bad Gateway</body></html>');
call('json', '{"pg_status":"ok"}');
// UTF-16LE with a byte order mark (the text is ASCII: one NUL after each byte).
call('utf16', "\xFF\xFE" . preg_replace('/(.)/s', "\$1\0", '<?xml version="1.0" encoding="UTF-16"?><response><pg_status>ok</pg_status></response>'));
call('nul-byte', "<response><pg_status>o\0k</pg_status></response>");

proc_close(proc_open(['kill', '-TERM', '--', '-' . proc_get_status($server)['pid']], [], $p));
proc_close($server);
array_map('unlink', glob("$dir/*"));
rmdir($dir);
?>
--EXPECTF--
-- shapes
refunds: {"pg_status":"ok","pg_payment_id":"7","pg_order_id":"","pg_refund_payments":{"pg_refund_payment":[{"pg_payment_id":"8","pg_amount":"-5"},{"pg_payment_id":"9","pg_amount":"-7"}]},"pg_salt":"s","pg_sig":"8d55d64a01f53a597f48f39da1ff0f39"}
one-refund-is-a-list: {"pg_status":"ok","pg_refund_payments":{"pg_refund_payment":[{"pg_amount":"-5"}]},"pg_salt":"s","pg_sig":"bdfcc7b4c65de95ce3ed063c406d0776"}
cards: {"card":[{"pg_card_id":"1"}],"pg_salt":"s","pg_sig":"8b67e5ab9872599f430eedbd89aef492"}
repeated-unknown: {"pg_status":"ok","x":["1","2"],"pg_salt":"s","pg_sig":"1821c5566740d51da6d4ded9ff358c7b"}
text-and-entities: {"pg_status":"ok","pg_description":"<b> & <ok> тест","pg_salt":"s","pg_sig":"502b640cb38ecba5f63cc625eaff3b93"}
unsigned-extras-dropped: {"pg_status":"ok","pg_amount":"10","pg_salt":"s","pg_sig":"5f629c5a28976459109f7f9ca3f18fc8"}
parent-text-dropped: {"pg_status":"ok","pg_card":{"a":"1"},"pg_salt":"s","pg_sig":"be83d36b6c064b12d7ed45e4a4a18330"}
signed-error: ApiException 340: Transaction not found {"pg_status":"error","pg_error_code":"340","pg_error_description":"Transaction not found","pg_salt":"s","pg_sig":"85f929cefcac19416542a5549f40c1c7"}
signed-error-no-code: ApiException 0: The gateway answered pg_status=error {"pg_status":"error","pg_salt":"s","pg_sig":"0b6a044d0e75824c76841f17006a42d6"}
-- about what was asked
same-payment-leading-zero: {"pg_status":"ok","pg_payment_id":"0007","pg_salt":"s","pg_sig":"%s"}
other-payment: FreedomPay\TransportException: The reply from URL is about pg_payment_id 8, not about 7 as asked
other-order: FreedomPay\TransportException: The reply from URL is about pg_order_id B-2, not about A-1 as asked
same-order: {"pg_status":"ok","pg_payment_id":"9","pg_order_id":"A-1","pg_salt":"s","pg_sig":"%s"}
two-payment-ids: FreedomPay\TransportException: The reply from URL is about pg_payment_id (several), not about 7 as asked
signed-error-about-another: ApiException 340: The gateway answered pg_status=error %s
-- unsigned
unsigned-101: ApiException 101: Empty merchant {"pg_status":"error","pg_error_code":"101","pg_error_description":"Empty merchant"}
unsigned-9998: ApiException 9998: Incorrect signature {"pg_status":"error","pg_error_code":"9998","pg_error_description":"Incorrect signature"}
unsigned-other-error: FreedomPay\SignatureException: The reply from URL is not signed (no pg_sig)
unsigned-ok: FreedomPay\SignatureException: The reply from URL is not signed (no pg_sig)
-- refused
other-secret: FreedomPay\SignatureException: The reply from URL failed signature verification (wrong pg_sig): it was altered or not signed with this client's secret key
other-script: FreedomPay\SignatureException: The reply from URL failed signature verification (wrong pg_sig): it was altered or not signed with this client's secret key
added-element: FreedomPay\SignatureException: The reply from URL failed signature verification (wrong pg_sig): it was altered or not signed with this client's secret key
nested-pg_sig: FreedomPay\SignatureException: The reply from URL failed signature verification (pg_sig is ambiguous): it was altered or not signed with this client's secret key
two-pg_sig: FreedomPay\SignatureException: The reply from URL failed signature verification (pg_sig is ambiguous): it was altered or not signed with this client's secret key
two-pg_status: FreedomPay\TransportException: The reply from URL is not a gateway reply: pg_status is not a single value
wrong-root: FreedomPay\TransportException: The reply from URL is not a gateway reply: the root element is <result>
namespaced: FreedomPay\TransportException: The reply from URL is not a gateway reply: namespaced element <response> is not allowed
html-200: FreedomPay\TransportException: The reply from URL is not a gateway reply: the root element is <html>
json: FreedomPay\TransportException: The reply from URL is not a gateway reply: not well-formed XML (line 1: Document is empty)
utf16: FreedomPay\SignatureException: The reply from URL is not signed (no pg_sig)
nul-byte: FreedomPay\TransportException: The reply from URL is not a gateway reply: not well-formed XML (line 1: Char 0x0 out of allowed range)
