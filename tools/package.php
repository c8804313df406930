<?php
/*
 * Writes package.xml (PECL 2.0) listing every file a PECL tarball needs:
 * the sources, stubs, build files, tests and documents tracked by git.
 *
 *   php tools/package.php          rewrite package.xml
 *   php tools/package.php --check  exit 1 if package.xml is out of date
 */
chdir(dirname(__DIR__));

$version = null;
if (preg_match('/#define PHP_FREEDOMPAY_VERSION "([^"]+)"/', file_get_contents('php_freedompay.h'), $m)) {
    $version = $m[1];
}
exec('git ls-files -co --exclude-standard', $files, $rc);
if ($rc !== 0 || $version === null) {
    fwrite(STDERR, "needs a git checkout and PHP_FREEDOMPAY_VERSION\n");
    exit(2);
}

function role(string $file): ?string
{
    if (preg_match('~^(\.|package\.xml$)~', $file)) {
        return null; // CI and editor settings
    }
    if (preg_match('~^(tests|fuzz)/~', $file)) {
        return 'test';
    }
    if (preg_match('~\.(c|h|m4|w32)$|\.stub\.php$|^freedompay_arginfo\.h$~', $file)) {
        return 'src';
    }
    return 'doc'; // README, LICENSE, examples, sandbox
}

// PECL's layout: nested <dir> elements, each <file> named by its base name.
$tree = [];
foreach ($files as $file) {
    $role = role($file);
    if ($role !== null) {
        $node = &$tree;
        foreach (array_slice(explode('/', $file), 0, -1) as $dir) {
            $node = &$node['dirs'][$dir];
        }
        $node['files'][basename($file)] = $role;
        unset($node);
    }
}

function render(array $node, int $depth): string
{
    $pad = str_repeat('  ', $depth);
    $out = '';
    $dirs = $node['dirs'] ?? [];
    ksort($dirs);
    foreach ($dirs as $name => $child) {
        $out .= sprintf("%s<dir name=\"%s\">\n%s%s</dir>\n", $pad, htmlspecialchars($name, ENT_XML1), render($child, $depth + 1), $pad);
    }
    $files = $node['files'] ?? [];
    ksort($files);
    foreach ($files as $name => $role) {
        $out .= sprintf("%s<file name=\"%s\" role=\"%s\"/>\n", $pad, htmlspecialchars($name, ENT_XML1), $role);
    }
    return $out;
}

$count = count(array_filter($files, fn($f) => role($f) !== null));

$date = date('Y-m-d');
$xml = <<<XML
<?xml version="1.0" encoding="UTF-8"?>
<package packagerversion="1.10.13" version="2.0" xmlns="http://pear.php.net/dtd/package-2.0" xmlns:tasks="http://pear.php.net/dtd/tasks-1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://pear.php.net/dtd/tasks-1.0 http://pear.php.net/dtd/tasks-1.0.xsd http://pear.php.net/dtd/package-2.0 http://pear.php.net/dtd/package-2.0.xsd">
  <name>freedompay</name>
  <channel>pecl.php.net</channel>
  <summary>FreedomPay payment gateway client</summary>
  <description>The FreedomPay payment gateway (Kazakhstan, Kyrgyzstan, Uzbekistan; formerly PayBox.money) for PHP: requests signed exactly as the gateway documents, every reply and callback signature verified, typed exceptions.</description>
  <lead>
    <name>freedompay maintainers</name>
    <user>freedompay</user>
    <email>maintainers@freedompay-php.invalid</email>
    <active>yes</active>
  </lead>
  <date>$date</date>
  <version>
    <release>$version</release>
    <api>$version</api>
  </version>
  <stability>
    <release>alpha</release>
    <api>alpha</api>
  </stability>
  <license uri="https://opensource.org/license/mit">MIT</license>
  <notes>
- See README.md.
  </notes>
  <contents>
    <dir name="/">

XML;
$xml .= render($tree, 3);
$xml .= <<<XML
    </dir>
  </contents>
  <dependencies>
    <required>
      <php>
        <min>8.1.0</min>
      </php>
      <pearinstaller>
        <min>1.10.0</min>
      </pearinstaller>
      <extension>
        <name>libxml</name>
      </extension>
    </required>
  </dependencies>
  <providesextension>freedompay</providesextension>
  <extsrcrelease>
    <configureoption name="enable-freedompay-developer-flags" default="no" prompt="Treat compiler warnings as errors?"/>
  </extsrcrelease>
</package>

XML;

if (in_array('--check', $argv, true)) {
    $current = @file_get_contents('package.xml');
    // The date line may differ; every file must be listed.
    $strip = fn($s) => preg_replace('~<date>[^<]*</date>~', '', (string) $s);
    if ($strip($current) !== $strip($xml)) {
        fwrite(STDERR, "package.xml is out of date: run php tools/package.php\n");
        exit(1);
    }
    exit(0);
}
file_put_contents('package.xml', $xml);
echo "package.xml: $count files\n";
