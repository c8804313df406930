--TEST--
The extension loads (no EXTENSIONS section: a load failure must FAIL, not SKIP)
--FILE--
<?php
var_dump(extension_loaded('freedompay'));
var_dump(phpversion('freedompay') === (new ReflectionExtension('freedompay'))->getVersion());
var_dump(class_exists('FreedomPay\Signature'));
echo "done\n";
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
done
