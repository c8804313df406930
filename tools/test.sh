#!/usr/bin/env bash
# Builds freedompay and runs every test: checks on the tree, the core's unit
# tests (ASan + UBSan), a minute of fuzzing per core target, the .phpt suite
# plain, under valgrind, against an ASan build, and again under PHP 8.4 /
# libcurl 8 in a Debian 13 chroot.
# Exits non-zero on any failure, and on any skipped test (run-tests reports
# an extension that fails to load as SKIP). The last line is
# "N passed, N failed, N skipped".
#
#   bash tools/test.sh            everything
#   bash tools/test.sh --quick    the plain pass only (no fuzzing, valgrind, ASan or PHP 8.4)
#
# Every temporary file is made with mktemp, so two checkouts can test at the
# same time on one machine.
set -uo pipefail
cd "$(dirname "$0")/.."

passed=0 failed=0 skipped=0
quick=0
[ "${1:-}" = "--quick" ] && quick=1

scratch=$(mktemp -d "${TMPDIR:-/tmp}/freedompay-test.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

finish() {
  echo "$passed passed, $failed failed, $skipped skipped"
  [ "$failed" -eq 0 ] && [ "$skipped" -eq 0 ]
  exit $?
}

check() { # check NAME COMMAND... : one test that passes when COMMAND succeeds
  local name=$1 log="$scratch/check.log"
  shift
  if "$@" >"$log" 2>&1; then
    passed=$((passed + 1))
    echo "PASS $name"
  else
    failed=$((failed + 1))
    echo "FAIL $name"
    sed 's/^/    /' "$log" | tail -40
  fi
}

if ! bash tools/build.sh; then
  failed=$((failed + 1))
  echo "FAIL build"
  finish
fi
ext="$PWD/modules/freedompay.so"

loads() { php -d extension="$ext" -m | grep -qx freedompay; }
stub_in_sync() { grep -q "Stub hash: $(sha1sum freedompay.stub.php | cut -c1-40)" freedompay_arginfo.h; }
formatted() { clang-format --dry-run --Werror freedompay.c php_freedompay.h src/*.[ch] src/core/*.[ch] tests/core/*.c fuzz/*.[ch]; }
check "extension loads" loads
check "freedompay_arginfo.h matches freedompay.stub.php" stub_in_sync
check "C sources formatted by .clang-format" formatted
check "package.xml lists every file" php tools/package.php --check
check "package.xml is a valid PECL package" pecl package-validate package.xml

# The plain-C core on its own, under AddressSanitizer and UBSan.
core_tests() {
  local bin="$scratch/test-core" log="$scratch/test-core.log"
  # shellcheck disable=SC2046
  if ! cc -std=gnu99 -g -O1 -Wall -Wextra -Werror -fsanitize=address,undefined -fno-omit-frame-pointer \
      src/core/fp_*.c tests/core/test_core.c $(pkg-config --cflags --libs libxml-2.0 libcurl libcrypto) \
      -o "$bin" >"$log" 2>&1; then
    echo "FAIL core unit tests do not build"
    cat "$log"
    failed=$((failed + 1))
    return
  fi
  # An echo server for the HTTP part (several workers: transfers run at once).
  local port pid
  port=$(php -r '$s = stream_socket_server("tcp://127.0.0.1:0"); echo substr(strrchr(stream_socket_get_name($s, false), ":"), 1);')
  PHP_CLI_SERVER_WORKERS=4 setsid php -S "127.0.0.1:$port" tests/core/echo_router.php >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 100); do php -r 'exit(@fsockopen("127.0.0.1", (int) $argv[1]) ? 0 : 1);' "$port" && break; sleep 0.1; done
  FP_TEST_HTTP_URL="http://127.0.0.1:$port" ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 \
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 "$bin" >"$log" 2>&1
  local rc=$? p f
  kill -TERM -- "-$pid" 2>/dev/null
  p=$(grep -c '^PASS ' "$log")
  f=$(grep -c '^FAIL ' "$log")
  passed=$((passed + p))
  failed=$((failed + f))
  echo "core (ASan+UBSan): $p passed, $f failed"
  grep '^FAIL ' "$log"
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    failed=$((failed + 1))
    echo "FAIL core unit tests exited with $rc"
    tail -40 "$log"
  fi
}
core_tests

# The core's parsers and signer under libFuzzer (ASan + UBSan), a minute
# each, side by side: a crash, a leak, undefined behaviour, an input slower
# than 1 s or bigger than 256 MB, or a broken property fails the target.
if [ "$quick" -eq 0 ]; then
  fuzz_log="$scratch/fuzz.log"
  bash tools/fuzz.sh --time 60 >"$fuzz_log" 2>&1
  fuzz_rc=$?
  p=$(grep -c '^PASS ' "$fuzz_log")
  f=$(grep -c '^FAIL ' "$fuzz_log")
  passed=$((passed + p))
  failed=$((failed + f))
  grep -E '^(PASS|FAIL) ' "$fuzz_log"
  if [ "$f" -ne 0 ]; then
    grep -vE '^PASS ' "$fuzz_log" | head -60
  elif [ "$fuzz_rc" -ne 0 ] || [ "$p" -eq 0 ]; then
    failed=$((failed + 1))
    echo "FAIL fuzzing exited with $fuzz_rc"
    tail -30 "$fuzz_log"
  fi
fi

# Adds one run-tests output (in $2) to the totals.
count_phpt() { # count_phpt LABEL LOG
  local label=$1 log=$2 total pass skip
  total=$(sed -n 's/^Number of tests : *\([0-9]*\).*/\1/p' "$log")
  pass=$(sed -n 's/^Tests passed *: *\([0-9]*\).*/\1/p' "$log")
  skip=$(sed -n 's/^Tests skipped *: *\([0-9]*\).*/\1/p' "$log")
  if [ -z "$total" ]; then
    echo "FAIL run-tests ($label) did not finish"
    tail -40 "$log"
    failed=$((failed + 1))
    return
  fi
  pass=${pass:-0} skip=${skip:-0}
  passed=$((passed + pass))
  skipped=$((skipped + skip))
  failed=$((failed + total - pass - skip))
  echo "phpt ($label): $total tests, $pass passed, $skip skipped, $((total - pass - skip)) failed"
  if [ $((total - pass)) -ne 0 ]; then
    # the failing tests, and the diff lines run-tests printed for them
    sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '(FAIL|LEAK|BORK|SKIP|WARN) .*\[tests/|^[0-9]{3}[-+] |^SKIP ' | head -80
  fi
}

run_phpt() { # run_phpt LABEL RUN-TESTS-ARGS... -- TEST-DIRS...
  local label=$1 log="$scratch/phpt-$1.log" args=()
  shift
  while [ "$1" != "--" ]; do args+=("$1"); shift; done
  shift
  php run-tests.php -q --show-diff -j"$(nproc)" "${args[@]}" "$@" >"$log" 2>&1
  count_phpt "$label" "$log"
}

# Tests that drive real servers and a browser (nginx, php-fpm, Chromium),
# and the example integrations served by them, stay out of the valgrind and
# ASan passes: there those programs, not the extension, would be measured.
# So do the sandbox's own tests (plain PHP against the simulator, no
# extension code). The PHP 8.4 pass runs all but the browser's (Chromium in
# the chroot would add some 300 MB of packages for pages the sandbox, not
# the extension, renders): nginx and php-fpm 8.4 serve the extension there.
all_tests=(tests/)
ext_dirs=()
for d in tests/*/; do
  case $d in tests/stack/ | tests/browser/ | tests/examples/ | tests/sandbox/ | tests/inc/ | tests/core/) ;; *) ext_dirs+=("$d") ;; esac
done

run_phpt plain -P -d extension="$ext" -- "${all_tests[@]}"
if [ "$quick" -eq 0 ]; then
  # valgrind memcheck on every test: run-tests sets USE_ZEND_ALLOC=0 itself
  # but runs valgrind without a full leak check, so a leak would pass
  # unseen; VALGRIND_OPTS turns it on. A test with any definite leak or
  # invalid access is then reported as LEAK (a failure).
  # PCRE's JIT reads strings 16 bytes at a time, past their end, which
  # valgrind reports as invalid reads: the pass runs with pcre.jit=0.
  # run-tests traces children; the sandbox and other helper processes a test
  # starts are plain PHP or system tools, not ours, so they are skipped.
  VALGRIND_OPTS="--leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect --num-callers=40 --trace-children-skip=*/setsid,*/openssl,*/kill,*/sh,*/env --trace-children-skip-by-arg=*/tests/inc/*" \
    run_phpt valgrind -P -d extension="$ext" -d pcre.jit=0 -m -- "${ext_dirs[@]}"

  # The extension built with AddressSanitizer and UBSan, loaded into the
  # system's PHP with no other extension. A report or a leak changes a
  # test's output, so the test fails.
  if asan_php=$(bash tools/asan-build.sh 2>"$scratch/asan-build.log"); then
    run_phpt asan -p "$asan_php" -- "${ext_dirs[@]}"
  else
    failed=$((failed + 1))
    echo "FAIL ASan build"
    tail -30 "$scratch/asan-build.log"
  fi

  # PHP 8.4 and libcurl 8: Debian 13 in a chroot tools/php84.sh keeps.
  php84_log="$scratch/phpt-php84.log"
  bash tools/php84.sh "${ext_dirs[@]}" tests/sandbox/ tests/stack/ tests/examples/ >"$php84_log" 2>"$scratch/php84.err"
  case $? in
    0 | 1) count_phpt "PHP 8.4" "$php84_log" ;;
    *)
      failed=$((failed + 1))
      echo "FAIL PHP 8.4 pass: $(tail -1 "$scratch/php84.err")"
      tail -30 "$scratch/php84.err"
      ;;
  esac
fi

finish
