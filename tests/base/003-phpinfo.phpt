--TEST--
phpinfo() shows the version and the linked libraries, compiled and loaded
--EXTENSIONS--
freedompay
--FILE--
<?php
ob_start();
(new ReflectionExtension('freedompay'))->info();
$info = ob_get_clean();
echo $info;
?>
--EXPECTF--
freedompay

freedompay support => enabled
Version => %d.%d.%s

Library => Compiled => Loaded
libcurl => %d.%d.%d => %d.%d.%d
libxml2 => %d.%d.%d => %d
OpenSSL => OpenSSL %s => OpenSSL %s

Directive => Local Value => Master Value
freedompay.max_response_size => 1M => 1M
