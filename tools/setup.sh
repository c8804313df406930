#!/usr/bin/env bash
# Installs what building and testing freedompay needs on Debian, when missing.
# Safe to run again: it only calls apt-get if a package is absent. Another
# apt-get running at the same time is waited for, not failed on.
set -euo pipefail

required=(
  php-cli php-dev php-xml php-sqlite3   # PHP, phpize, SimpleXML and PDO SQLite for the sandbox
  libcurl4-openssl-dev libxml2-dev libssl-dev pkg-config
  make gcc autoconf valgrind clang-format openssl php-pear
  debootstrap                           # the PHP 8.4 pass (tools/php84.sh)
  clang-14 libclang-rt-14-dev           # libFuzzer (tools/fuzz.sh)
)
# The real web stack and the browser for the tests that use them; where they
# cannot be installed those tests skip and say why.
optional=(nginx-light php-fpm chromium chromium-driver)

missing() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
  done
}

install() { # install PACKAGE...: quiet apt-get, its log shown on failure
  local sudo="" log
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  log=$(mktemp)
  echo "Installing: $*" >&2
  if ! { $sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -qq &&
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
      --no-install-recommends "$@"; } >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
}

mapfile -t need < <(missing "${required[@]}")
[ ${#need[@]} -eq 0 ] || install "${need[@]}"
mapfile -t want < <(missing "${optional[@]}")
[ ${#want[@]} -eq 0 ] || install "${want[@]}" || echo "setup: could not install ${want[*]}" >&2
