#!/usr/bin/env bash
# Builds freedompay and runs the .phpt suite under PHP 8.4 and libcurl 8, in
# a Debian 13 (trixie) chroot kept for this checkout under
# /var/cache/freedompay-php84 (FREEDOMPAY_PHP84_CACHE overrides).
#
#   bash tools/php84.sh [--fresh] [TEST-PATH...]
#
#     --fresh      throw the cached chroot away and make a new one
#     --upgrade    bring the cached chroot's packages up to date first
#     TEST-PATH    files or folders to test, relative to the checkout
#                  (default: tests/)
#
# Needs root (debootstrap, chroot, mount); re-runs itself with sudo if not.
# The first run makes the chroot (debootstrap + apt-get, a few minutes); later
# runs reuse it. Each run copies the checkout's files (tracked, plus untracked
# ones that are not ignored) into a fresh directory in the chroot, builds
# there with the developer flags, checks that the extension loads, and runs
# run-tests.php. run-tests' whole output goes to stdout, so its summary
# ("Number of tests", "Tests passed", "Tests skipped") can be parsed as for
# the host's own pass. Everything else (apt, debootstrap, compiler) goes to
# temporary logs, shown on stderr only when that step fails.
#
# Exit status:
#   0  every test passed
#   1  run-tests finished, but some test did not pass (failed, skipped, ...)
#   2  bad usage
#   3  the chroot could not be made or set up (debootstrap, apt, mounts)
#   4  the extension did not build
#   5  the extension built but PHP 8.4 does not load it
#   6  run-tests did not finish (no summary)
#   130/143  interrupted (Ctrl-C / SIGTERM); mounts are undone all the same
set -euo pipefail

suite=trixie
mirror=http://deb.debian.org/debian
# What the build and the tests need inside the chroot. minbase lacks procps
# (kill, used to stop test servers); setsid comes with util-linux, which is
# essential and so already there. Changing this list makes the next run
# install the difference into the cached chroot.
packages=(
  php8.4-dev php8.4-cli php8.4-sqlite3 php8.4-xml php8.4-mbstring
  libcurl4-openssl-dev libxml2-dev libssl-dev pkg-config gcc make
  openssl ca-certificates procps
  php8.4-fpm nginx
)

usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; }

args=("$@")
fresh=0
upgrade=0
tests=()
while [ $# -gt 0 ]; do
  case $1 in
    --fresh) fresh=1 ;;
    --upgrade) upgrade=1 ;;
    -h | --help) usage; exit 0 ;;
    -*) echo "php84: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) tests+=("$1") ;;
  esac
  shift
done
[ ${#tests[@]} -gt 0 ] || tests=(tests/)

if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "php84: needs root (debootstrap, chroot, mount)" >&2; exit 3; }
  exec sudo -- bash "$0" "${args[@]}"
fi

# pwd -P: the kernel shows a chrooted process's root (/proc/PID/root) with
# symlinks resolved, and the cleanup compares against that.
root=$(cd "$(dirname "$0")/.." && pwd -P)
# Outside the checkout, one per checkout (two CI runs side by side each have
# their own): PHP's `make clean` deletes every *.so, *.a and *.o below the
# build directory, and took a chroot's own libraries with it when it was kept
# in .ci/cache.
cache=${FREEDOMPAY_PHP84_CACHE:-/var/cache/freedompay-php84/$(printf '%s' "$root" | sha256sum | cut -c1-16)}
chroot=$cache/$suite
marker=$chroot/.freedompay-chroot-complete
jobs=$(nproc)
case $root in *[[:space:]]*) echo "php84: the checkout's path must not contain spaces: $root" >&2; exit 3 ;; esac

die() { # die STATUS MESSAGE [LOG]: the log's tail, then one line on stderr
  local status=$1 msg=$2 log=${3:-}
  if [ -n "$log" ] && [ -s "$log" ]; then
    keeplogs=1
    msg="$msg (log: $log)"
    echo "---- last lines of $log ----" >&2
    tail -n 100 "$log" >&2
    echo "----" >&2
  fi
  echo "php84: $msg" >&2
  exit "$status"
}

# ---- cleanup: always runs, on success, failure or interruption ----------

child=""    # a background step we wait for (see run_bg)
src=""      # this run's copy of the sources, inside the chroot
logdir=""   # temporary logs, removed at the end unless a failure kept them
keeplogs=0
locked=0    # the chroot is ours to clean only once we hold the lock

mounts_under() { # every mount point inside the chroot, deepest first
  awk -v d="$chroot/" 'index($5, d) == 1 { print $5 }' /proc/self/mountinfo | sort -r
}

chrooted_pids() { # every process whose root directory is the chroot
  local p r
  for p in /proc/[0-9]*; do
    r=$(readlink "$p/root" 2>/dev/null) || continue
    if [ "$r" = "$chroot" ]; then echo "${p#/proc/}"; fi
  done
}

kill_chrooted() { # e.g. a test's `php -S` that outlived it, which keeps mounts busy
  local sig pids
  for sig in TERM KILL; do
    pids=$(chrooted_pids)
    [ -n "$pids" ] || return 0
    # shellcheck disable=SC2086
    kill -"$sig" $pids 2>/dev/null || true
    # give them up to 3 s to go before the next signal
    for _ in $(seq 30); do
      [ -n "$(chrooted_pids)" ] || return 0
      sleep 0.1
    done
  done
}

unmount_all() {
  local m
  for m in $(mounts_under); do
    # lazy as a last resort, so a busy mount never survives the run
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || echo "php84: could not unmount $m" >&2
  done
}

cleanup() {
  local status=$?
  set +e
  # a second Ctrl-C must not cut the cleanup short and leave mounts behind
  trap '' INT TERM HUP
  trap - EXIT
  if [ -n "$child" ]; then
    kill -TERM "$child" 2>/dev/null || true
    wait "$child" 2>/dev/null || true
  fi
  if [ "$locked" -eq 1 ] && [ -d "$chroot" ]; then
    kill_chrooted
    unmount_all
  fi
  # --one-file-system: never follows a mount that somehow stayed
  [ -n "$src" ] && rm -rf --one-file-system "$src"
  [ -n "$logdir" ] && [ "$keeplogs" -eq 0 ] && rm -rf "$logdir"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

logdir=$(mktemp -d -t freedompay-php84.XXXXXX)

# Long steps run in the background: bash only runs a trap once the
# foreground command ends, so Ctrl-C or SIGTERM during a build or test run
# would otherwise wait for it. `wait` returns at once on a signal.
run_bg() {
  "$@" &
  child=$!
  local rc=0
  wait "$child" || rc=$?
  child=""
  return "$rc"
}

in_chroot() { # in_chroot COMMAND...: as root in the chroot, with a clean environment
  # 9<&-: the lock stays with this script, never with a stray test server
  chroot "$chroot" /usr/bin/env -i \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@" 9<&-
}

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.0f", b - a }'; }

# ---- lock ------------------------------------------------------------------

mkdir -p "$cache"
exec 9<"$cache"
if ! flock -n 9; then
  echo "php84: another run from this checkout holds $cache; waiting for it" >&2
  flock 9
fi
locked=1
# We hold the lock: any mount, process or source copy left in the chroot is
# from a run that was killed outright. Clear it away.
if [ -d "$chroot" ]; then
  kill_chrooted
  unmount_all
  [ -d "$chroot/build" ] && rm -rf --one-file-system "${chroot:?}/build"
fi

# ---- the chroot ------------------------------------------------------------

mount_dev() {
  # A small /dev of our own rather than a bind of the host's: the tests need
  # null, urandom and the like, not the host's disks, and nothing written
  # there outlives the run.
  local d=$chroot/dev n name major minor
  mount -t tmpfs -o mode=0755,size=1m,nosuid devtmp "$d" || return 1
  for n in null:1:3 zero:1:5 full:1:7 random:1:8 urandom:1:9 tty:5:0; do
    IFS=: read -r name major minor <<<"$n"
    if ! mknod -m 0666 "$d/$name" c "$major" "$minor" 2>/dev/null; then
      # no CAP_MKNOD (some containers): borrow the host's node
      touch "$d/$name" && mount --bind "/dev/$name" "$d/$name" || return 1
    fi
  done
  ln -s /proc/self/fd "$d/fd" &&
    ln -s /proc/self/fd/0 "$d/stdin" &&
    ln -s /proc/self/fd/1 "$d/stdout" &&
    ln -s /proc/self/fd/2 "$d/stderr" &&
    mkdir -m 1777 "$d/shm"
}

mounted=0
mount_all() { # proc and a /dev, for this run only (the cleanup undoes them)
  [ "$mounted" -eq 1 ] && return 0
  mounted=1
  if ! { mount -t proc proc "$chroot/proc" && mount_dev; }; then
    die 3 "could not mount proc and /dev in $chroot"
  fi
}

host_debootstrap() {
  command -v debootstrap >/dev/null && return 0
  # other jobs may be running apt-get on this host: wait for their lock
  local apt=(apt-get -o DPkg::Lock::Timeout=600 -y -q --no-install-recommends)
  DEBIAN_FRONTEND=noninteractive "${apt[@]}" install debootstrap ||
    { DEBIAN_FRONTEND=noninteractive "${apt[@]}" update &&
      DEBIAN_FRONTEND=noninteractive "${apt[@]}" install debootstrap; }
}

chroot_packages() {
  in_chroot apt-get -o DPkg::Lock::Timeout=600 -q update &&
    in_chroot apt-get -o DPkg::Lock::Timeout=600 -q -y upgrade &&
    in_chroot apt-get -o DPkg::Lock::Timeout=600 -q -y --no-install-recommends install "${packages[@]}" &&
    in_chroot apt-get clean
}

setup_chroot() {
  local want have
  want="${packages[*]}"
  have=$(cat "$marker" 2>/dev/null || true)
  [ "$fresh" -eq 0 ] && [ "$upgrade" -eq 0 ] && [ -n "$have" ] && [ "$have" = "$want" ] && return 0

  local log=$logdir/chroot.log t0 boot="" t_apt
  t0=$(now)
  if [ "$fresh" -eq 1 ] || [ -z "$have" ]; then
    # No marker: never made, or made by a run that did not finish. Start over.
    echo "php84: making a $suite chroot in $chroot (a few minutes, once)" >&2
    # the marker goes first: a removal cut short must not leave it behind
    rm -f "$marker"
    rm -rf --one-file-system "$chroot"
    run_bg host_debootstrap >>"$log" 2>&1 ||
      die 3 "could not install debootstrap on the host" "$log"
    mkdir -p "$chroot"
    run_bg debootstrap --variant=minbase "$suite" "$chroot" "$mirror" >>"$log" 2>&1 ||
      die 3 "debootstrap $suite failed" "$log"
    boot="debootstrap $(elapsed "$t0") s, "
  else
    # --upgrade, or the package list changed since the chroot was made:
    # install in place. Without the marker until it is done, so a run cut
    # short here leads to a whole new chroot next time.
    echo "php84: updating the packages of the $suite chroot" >&2
    rm -f "$marker"
  fi
  cp -L --remove-destination /etc/resolv.conf "$chroot/etc/resolv.conf"
  mount_all
  t_apt=$(now)
  run_bg chroot_packages >>"$log" 2>&1 ||
    die 3 "apt-get in the $suite chroot failed" "$log"
  # Written last: its presence means everything above went through.
  printf '%s\n' "$want" >"$marker"
  echo "php84: chroot ready in $(elapsed "$t0") s (${boot}apt-get $(elapsed "$t_apt") s)" >&2
}

t_setup=$(now)
setup_chroot
mount_all
t_setup=$(elapsed "$t_setup")

# ---- copy, build, load -------------------------------------------------------

mkdir -p "$chroot/build"
src=$(mktemp -d "$chroot/build/freedompay.XXXXXX")
csrc=${src#"$chroot"}   # the same directory, as seen from inside
# Tracked files plus new ones git does not ignore; a tracked file deleted in
# the work tree is skipped (tar would stop on it).
(
  cd "$root"
  # safe.directory: run through sudo, root reads a checkout it does not own
  git -c safe.directory="$root" ls-files -z -co --exclude-standard --deduplicate |
    while IFS= read -r -d '' f; do
      if [ -e "$f" ] || [ -L "$f" ]; then printf '%s\0' "$f"; fi
    done |
    tar --null -T - -cf - | tar -xf - -C "$src"
) || die 3 "could not copy the checkout into $src"

build() {
  # shellcheck disable=SC2016 # $1 and $2 expand inside the chroot
  in_chroot sh -c 'cd "$1" && phpize && ./configure --enable-freedompay --enable-freedompay-developer-flags && make -j"$2"' \
    build "$csrc" "$jobs"
}
buildlog=$logdir/build.log
t_build=$(now)
run_bg build >"$buildlog" 2>&1 || die 4 "the build under PHP 8.4 failed" "$buildlog"
t_build=$(elapsed "$t_build")
# -Werror turns compiler warnings into failures; anything still called a
# warning (autoconf, libtool, the linker) is worth seeing. Two are known and
# not ours: autoconf 2.72 calls AC_PROG_LIBTOOL, used by PHP's own
# phpize.m4, obsolete; shtool wants a TERM for bold text.
grep -i 'warning' "$buildlog" | grep -v -e "macro 'AC_PROG_LIBTOOL' is obsolete" -e '^shtool:echo:Warning' |
  sed 's/^/php84: build: /' >&2 || true

so=$csrc/modules/freedompay.so
loadlog=$logdir/load.log
# run-tests reports an extension that fails to load as SKIP, not FAIL
if ! in_chroot php -n -d extension="$so" -m >"$loadlog" 2>&1 || ! grep -qx freedompay "$loadlog"; then
  die 5 "PHP 8.4 does not load the extension it built" "$loadlog"
fi

# ---- the tests ------------------------------------------------------------

out=$logdir/run-tests.out
phpt() {
  # shellcheck disable=SC2016 # $1 and $@ expand inside the chroot
  in_chroot sh -c 'cd "$1" && shift && exec php run-tests.php "$@"' phpt "$csrc" \
    -q --show-diff -j"$jobs" -P -d extension="$so" "${tests[@]}" 2>&1 | tee "$out"
}
t_tests=$(now)
run_bg phpt || true # its status is read from the summary below
t_tests=$(elapsed "$t_tests")
echo "php84: chroot ${t_setup} s, build ${t_build} s, tests ${t_tests} s" >&2

total=$(sed -n 's/^Number of tests : *\([0-9]*\).*/\1/p' "$out")
pass=$(sed -n 's/^Tests passed *: *\([0-9]*\).*/\1/p' "$out")
[ -n "$total" ] || die 6 "run-tests.php under PHP 8.4 did not finish"
if [ "${pass:-0}" -ne "$total" ]; then
  echo "php84: $((total - ${pass:-0})) of $total tests did not pass under PHP 8.4" >&2
  exit 1
fi
