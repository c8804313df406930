#!/usr/bin/env bash
# Builds modules/freedompay.so the way PECL does (phpize, configure, make),
# with every compiler warning an error. Rebuilds only what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

bash tools/setup.sh

if [ ! -f Makefile ] || [ config.m4 -nt Makefile ]; then
  phpize >/dev/null
  ./configure --enable-freedompay --enable-freedompay-developer-flags >/dev/null
fi
make -j"$(nproc)" >/dev/null
test -f modules/freedompay.so
