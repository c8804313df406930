#!/usr/bin/env bash
# Builds a copy of the extension with AddressSanitizer and UBSan in
# build-asan/, and build-asan/php-asan: the system's PHP with libasan
# preloaded, PHP's allocator off (so ASan sees every allocation), no other
# extension (-n), and a shim that drops the RTLD_DEEPBIND flag Debian's PHP
# passes to dlopen() (ASan refuses it). Prints the wrapper's path.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=build-asan
mkdir -p "$dir"
git ls-files -z -co --exclude-standard -- . ':!sandbox' | tar --null -cf - -T - | tar -xf - -C "$dir"
cd "$dir"
cc -shared -fPIC -O2 -o nodeepbind.so ../tools/nodeepbind.c -ldl
if [ ! -f Makefile ] || [ config.m4 -nt Makefile ]; then
  phpize >/dev/null
  CFLAGS="-g -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
    LDFLAGS="-fsanitize=address,undefined" ./configure --enable-freedompay-developer-flags >/dev/null
fi
make -j"$(nproc)" >/dev/null
cat >php-asan <<WRAPPER
#!/bin/sh
export USE_ZEND_ALLOC=0 ZEND_DONT_UNLOAD_MODULES=1
export LD_PRELOAD="$PWD/nodeepbind.so $(cc -print-file-name=libasan.so)"
export ASAN_OPTIONS=detect_leaks=1:verify_asan_link_order=0:halt_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
exec $(command -v php) -n -d extension=simplexml -d extension=pdo -d extension=pdo_sqlite -d extension=$PWD/modules/freedompay.so "\$@"
WRAPPER
chmod +x php-asan
echo "$PWD/php-asan"
