#!/usr/bin/env bash
# Installs what building and testing freedompay needs on Debian, when missing.
# Safe to run again: it only calls apt-get if a package is absent.
set -euo pipefail

packages=(
  php-cli php-dev php-xml php-sqlite3   # PHP, phpize, SimpleXML and PDO SQLite for the sandbox
  libcurl4-openssl-dev libxml2-dev libssl-dev pkg-config
  make gcc autoconf valgrind clang-format openssl php-pear
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
if ! { $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  cat "$log" >&2
  rm -f "$log"
  exit 1
fi
rm -f "$log"
