#!/usr/bin/env bash
# Builds PHP itself with ZTS and --enable-debug (from Debian's source of the
# system's PHP, so the same version), builds freedompay against it, and runs
# the extension's .phpt tests there. A debug build asserts inside the engine
# and reports every request allocation left unfreed; ZTS keeps each thread's
# globals apart. Not part of tools/test.sh: building PHP adds about 5
# minutes on 2 cores.
#
#   bash tools/zts-debug.sh [--fresh] [TEST-PATH...]
#
#     --fresh     rebuild PHP even if a build is cached
#     TEST-PATH   files or folders to test (default: the suite's extension
#                 tests, as the valgrind and ASan passes run them)
#
# PHP is built once into /var/cache/freedompay-php-zts-debug
# (FREEDOMPAY_ZTS_CACHE overrides); the extension is built in a mktemp
# copy of this checkout. The sandbox and the tests' helper servers run on the
# system's PHP (SANDBOX_PHP). Needs root for apt-get (deb-src for php8.x).
# Exits with run-tests' status.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd -P)
cd "$root"

fresh=0
tests=()
for arg in "$@"; do
  case $arg in
    --fresh) fresh=1 ;;
    *) tests+=("$arg") ;;
  esac
done
if [ ${#tests[@]} -eq 0 ]; then
  for d in tests/*/; do
    case $d in tests/stack/ | tests/browser/ | tests/examples/ | tests/sandbox/ | tests/inc/ | tests/core/) ;; *) tests+=("$d") ;; esac
  done
fi

bash tools/setup.sh
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"

version=$(php -r 'echo PHP_MAJOR_VERSION, ".", PHP_MINOR_VERSION;')
cache=${FREEDOMPAY_ZTS_CACHE:-/var/cache/freedompay-php-zts-debug}
prefix=$cache/php$version
php=$prefix/bin/php
scratch=$(mktemp -d "${TMPDIR:-/tmp}/freedompay-zts.XXXXXX")
trap 'rm -rf "$scratch"; $sudo rm -f /etc/apt/sources.list.d/freedompay-php-src.sources' EXIT

build_php() {
  local src=$scratch/src log=$scratch/php-build.log
  echo "zts-debug: building PHP $version (ZTS, debug) into $prefix" >&2
  # Debian's source package of the system's PHP: deb-src for the suites apt already uses.
  sed -n 's/^Suites: *//p' /etc/apt/sources.list.d/debian.sources | head -1 >"$scratch/suites"
  $sudo tee /etc/apt/sources.list.d/freedompay-php-src.sources >/dev/null <<EOF
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: $(cat "$scratch/suites")
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq >"$log" 2>&1
  $sudo apt-get install -y -qq --no-install-recommends dpkg-dev >>"$log" 2>&1
  mkdir "$src"
  (cd "$src" && apt-get source --download-only -qq "php$version" >>"$log" 2>&1)
  tar -C "$src" -xf "$(find "$src" -maxdepth 1 -name "php${version}_*.orig.tar.*" ! -name '*.asc' | head -1)"
  (
    cd "$src"/php-*/
    ./configure --prefix="$prefix" --enable-debug --enable-zts --disable-all --enable-cli --disable-cgi \
      --disable-phpdbg --with-libxml --enable-simplexml --enable-dom --with-openssl --enable-pcntl \
      --enable-posix --with-zlib --enable-session
    make -j"$(nproc)"
    $sudo make install
  ) >>"$log" 2>&1 || {
    tail -40 "$log" >&2
    echo "zts-debug: the PHP build failed" >&2
    exit 3
  }
}

if [ "$fresh" = 1 ] || ! [ -x "$php" ]; then
  $sudo rm -rf "$prefix"
  build_php
fi
"$php" -v | head -1 >&2

# The extension, built against that PHP in a copy of this checkout's tracked files.
mkdir -p "$scratch/ext"
git ls-files -z | xargs -0 cp --parents -t "$scratch/ext"
(
  cd "$scratch/ext"
  "$prefix/bin/phpize" >/dev/null
  ./configure --with-php-config="$prefix/bin/php-config" --enable-freedompay --enable-freedompay-developer-flags >/dev/null
  make -j"$(nproc)" >"$scratch/ext-build.log" 2>&1
) || {
  tail -40 "$scratch/ext-build.log" >&2
  echo "zts-debug: the extension did not build against PHP $version ZTS debug" >&2
  exit 3
}

# From the copy, so run-tests' leftovers stay there.
cd "$scratch/ext"
SANDBOX_PHP=$(command -v php) "$php" run-tests.php -q --show-diff -j"$(nproc)" -p "$php" \
  -d extension="$scratch/ext/modules/freedompay.so" "${tests[@]}"
