#!/usr/bin/env bash
# Regenerates freedompay_arginfo.h from freedompay.stub.php with PHP's own
# gen_stub.php. gen_stub.php downloads nikic/PHP-Parser 4.15.1 from GitHub,
# which is not reachable here: this fetches it from Packagist with Composer
# into a scratch directory instead (never into the repository).
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp "$(php-config --prefix)/lib/php/build/gen_stub.php" "$scratch/" 2>/dev/null ||
  cp /usr/lib/php/*/build/gen_stub.php "$scratch/"
(cd "$scratch" && composer require -q --no-interaction nikic/php-parser:4.15.1)
ln -s "$scratch/vendor/nikic/php-parser" "$scratch/PHP-Parser-4.15.1"
php "$scratch/gen_stub.php" freedompay.stub.php
