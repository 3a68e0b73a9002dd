#!/usr/bin/env bash
# Runs every libFuzzer harness for SECONDS each (default 60; the long run documented in
# README is 600), two at a time, starting from the committed seeds in fuzz/corpus/NAME
# plus what earlier runs found (build/fuzz-corpus/NAME). A crash or sanitizer report
# fails the run and leaves the input in build/fuzz-artifacts/: commit it to
# fuzz/corpus/NAME as a regression case once fixed.
# Prints "fuzz: N passed, N failed" at the end.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
secs="${1:-60}"
# The harnesses are built by the sanitizer preset (clang-14, ASan+UBSan, the engine
# coverage-instrumented): one build serves the ASan test pass and the fuzzers.
[ -f build/asan-ubsan/CMakeCache.txt ] || cmake --preset asan-ubsan >/dev/null
cmake --build --preset asan-ubsan
mkdir -p build/fuzz-artifacts build/figures
# Every harness fuzz/NAME_fuzz.cpp, so that a new one is run without being listed here.
names=()
for f in fuzz/*_fuzz.cpp; do names+=("$(basename "$f" _fuzz.cpp)"); done
run_one() {
  local n="$1" work="build/fuzz-corpus/$1" log="build/fuzz-artifacts/$1.log"
  mkdir -p "$work"
  # The harness' working corpus grows; the committed seeds are read-only input.
  if build/asan-ubsan/fuzz/"${n}"_fuzz "$work" "fuzz/corpus/$n" -max_total_time="$secs" -timeout=10 \
       -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="build/fuzz-artifacts/$n-" >"$log" 2>&1; then
    local execs
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    echo "FIGURE fuzz $n ${execs:-?} runs in ${secs} s, 0 crashes" | tee -a build/figures/fuzz.txt
    return 0
  fi
  echo "FUZZ FAILURE $n: see $log and build/fuzz-artifacts/$n-*" >&2
  grep -E "ERROR|SUMMARY|runtime error" "$log" | head -5 >&2 || true
  return 1
}
rm -f build/figures/fuzz.txt
passed=0; failed=0
pids=(); started=()
for n in "${names[@]}"; do
  run_one "$n" & pids+=($!); started+=("$n")
  if [ "${#pids[@]}" -ge 2 ]; then
    if wait "${pids[0]}"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
    pids=("${pids[@]:1}"); started=("${started[@]:1}")
  fi
done
for p in "${pids[@]}"; do
  if wait "$p"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "fuzz: ${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
