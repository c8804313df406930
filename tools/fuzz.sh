#!/usr/bin/env bash
# Builds the libFuzzer targets in fuzz/ (clang, AddressSanitizer, UBSan) and
# runs each from its seeds in fuzz/corpus/TARGET, all at once, one process
# per target. Per input: at most 1 s and 256 MB (a slower or bigger input is
# a failure, as a crash, a leak or undefined behaviour is).
#
#   bash tools/fuzz.sh [--time SECONDS] [--corpus DIR] [TARGET...]
#
#     --time SECONDS   how long each target runs (default 60)
#     --corpus DIR     keep what each target finds in DIR/TARGET and start
#                      from it next time (default: a mktemp directory, removed)
#     TARGET           reply, answer, signer (default: all three)
#
# Prints "PASS fuzz TARGET: N inputs in S s, ..." or "FAIL fuzz TARGET: ..."
# with libFuzzer's report and the failing input (kept, its path printed).
# Exits 0 when every target passed.
set -uo pipefail
cd "$(dirname "$0")/.."

time_per_target=60
corpus_root=""
targets=()
while [ $# -gt 0 ]; do
  case $1 in
    --time) time_per_target=$2; shift ;;
    --corpus) corpus_root=$2; shift ;;
    -h | --help) sed -n '2,/^set -uo/{/^set -uo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    -*) echo "fuzz: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) targets+=("$1") ;;
  esac
  shift
done
[ ${#targets[@]} -gt 0 ] || targets=(reply answer signer)

cc=$(command -v clang-14 || command -v clang) || { echo "FAIL fuzz: no clang (Debian: clang-14 libclang-rt-14-dev)"; exit 1; }
scratch=$(mktemp -d "${TMPDIR:-/tmp}/freedompay-fuzz.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
[ -n "$corpus_root" ] || corpus_root="$scratch/corpus"

build() { # build TARGET: the fuzzer binary in $scratch
  # shellcheck disable=SC2046
  "$cc" -std=gnu99 -g -O1 -Wall -Wextra -Werror -fno-omit-frame-pointer \
    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    src/core/fp_*.c "fuzz/fuzz_$1.c" $(pkg-config --cflags --libs libxml-2.0 libcurl libcrypto) \
    -o "$scratch/fuzz_$1" >"$scratch/$1.build.log" 2>&1
}

run() { # run TARGET: libFuzzer's output in $scratch/TARGET.log
  local t=$1
  mkdir -p "$corpus_root/$t" "$scratch/$t.found"
  # A small ASan quarantine, so the RSS limit measures the input, not the
  # freed memory ASan holds back (256 MB by default).
  ASAN_OPTIONS=detect_leaks=1:quarantine_size_mb=32:allocator_may_return_null=0 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$scratch/fuzz_$t" -max_total_time="$time_per_target" -timeout=1 -rss_limit_mb=256 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="$scratch/$t.found/" \
    "$corpus_root/$t" "fuzz/corpus/$t" >"$scratch/$t.log" 2>&1
}

status=0
pids=()
for t in "${targets[@]}"; do
  if [ ! -f "fuzz/fuzz_$t.c" ]; then
    echo "FAIL fuzz $t: no fuzz/fuzz_$t.c"
    status=1
    continue
  fi
  if ! build "$t"; then
    echo "FAIL fuzz $t: does not build"
    tail -30 "$scratch/$t.build.log"
    status=1
    continue
  fi
  run "$t" &
  pids+=("$!:$t")
done

for entry in "${pids[@]}"; do
  pid=${entry%%:*} t=${entry#*:}
  wait "$pid"
  rc=$?
  log="$scratch/$t.log"
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log")
  slowest=$(sed -n 's/^stat::slowest_unit_time_sec: *//p' "$log")
  if [ "$rc" -eq 0 ] && [ -n "$runs" ]; then
    echo "PASS fuzz $t: $runs inputs in $time_per_target s, slowest ${slowest:-0} s, peak RSS ${rss:-?} MB"
  else
    status=1
    kept=$(mktemp -d "${TMPDIR:-/tmp}/freedompay-fuzz-failure.XXXXXX")
    cp "$scratch/$t.found/"* "$log" "$kept/" 2>/dev/null
    echo "FAIL fuzz $t (libFuzzer exited $rc); the input and the log are kept in $kept"
    grep -E '^(==[0-9]+==|SUMMARY|    #[0-9]+ |Base64:|.*runtime error)' "$log" | head -40
  fi
done
exit $status
