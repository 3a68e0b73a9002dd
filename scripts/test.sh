#!/usr/bin/env bash
# synack's test command: bootstrap, native, wasm and sanitizer builds, then every test
# through ctest (GoogleTest suites, CLI and lesson checks, browser and desktop smoke
# tests), then the suite again under ASan+UBSan, then every fuzz harness for 60 s,
# ending with "N passed, N failed, N skipped" (a skip prints its reason).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export NODE_PATH=/usr/share/nodejs
t0=$(date +%s)
# Each step says when it starts, so a slow CI run shows where its time went.
step() { printf '\n== %s (at %d s)\n' "$*" "$(( $(date +%s) - t0 ))"; }

step "bootstrap"
bash scripts/bootstrap.sh

step "native build (native-debug)"
[ -f build/native-debug/CMakeCache.txt ] || cmake --preset native-debug >/dev/null
cmake --build --preset native-debug

step "wasm build (wasm-release)"
[ -f build/wasm-release/CMakeCache.txt ] || cmake --preset wasm-release >/dev/null
cmake --build --preset wasm-release

step "sanitizer build (asan-ubsan)"
[ -f build/asan-ubsan/CMakeCache.txt ] || cmake --preset asan-ubsan >/dev/null
cmake --build --preset asan-ubsan

mkdir -p build/screenshots
rm -rf build/figures
total=0; failed=0; skipped=0; rc=0
# One ctest run per preset; the summary adds them up.
run_ctest() {
  local preset="$1"; shift
  step "tests (ctest --preset $preset $*)"
  set +e
  ctest --preset "$preset" -j"$(nproc)" "$@" 2>&1 | tee "build/ctest-$preset.log"
  local r=${PIPESTATUS[0]}
  set -e
  local summary
  summary=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "build/ctest-$preset.log" | tail -1)
  if [ -z "$summary" ]; then failed=$((failed + 1)); rc=1; return; fi
  total=$((total + $(sed -E 's/.* out of ([0-9]+).*/\1/' <<<"$summary")))
  failed=$((failed + $(sed -E 's/.*passed, ([0-9]+) tests? failed.*/\1/' <<<"$summary")))
  # ctest counts a skipped test (exit 77: the machine does not allow it) as passed;
  # here it is reported apart, with its reason.
  skipped=$((skipped + $(grep -c '\*\*\*Skipped' "build/ctest-$preset.log" || true)))
  [ "$r" -eq 0 ] || rc=1
}
run_ctest native-debug
# Everything again under AddressSanitizer + UBSan, except the smoke tests (a GL driver
# under LeakSanitizer reports the driver's leaks, not ours).
# The interop cases, the kernel recordings (oracle.kernel, capture.kernel: the kernel's
# side again, synack's side is oracle.compare and capture.corpus) and tshark's reading
# of the exports and of the capture corpus (capture.analysis_agrees_with_tshark; the
# engine's analysis of every corpus file runs under ASan in capture.corpus) run once, in
# the native build: under ASan they would only repeat the same engine code at a slower
# clock (about 5 minutes of a 2-core machine).
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  run_ctest asan-ubsan -E '^(smoke\.|interop\.|wireshark\.|oracle\.kernel$|capture\.kernel$|capture\.analysis_agrees_with_tshark$)'

# Every fuzz harness for a minute (issue-level goal: 0 crashes, 0 sanitizer reports).
step "fuzzing (scripts/fuzz.sh 60)"
set +e
bash scripts/fuzz.sh "${SYNACK_FUZZ_SECONDS:-60}" 2>&1 | tee build/fuzz.log
set -e
fuzz_line=$(grep -E '^fuzz: [0-9]+ passed, [0-9]+ failed' build/fuzz.log | tail -1)
if [ -z "$fuzz_line" ]; then
  total=$((total + 1)); failed=$((failed + 1)); rc=1
else
  fp=$(sed -E 's/fuzz: ([0-9]+) passed.*/\1/' <<<"$fuzz_line"); ff=$(sed -E 's/.*passed, ([0-9]+) failed/\1/' <<<"$fuzz_line")
  total=$((total + fp + ff)); failed=$((failed + ff))
  [ "$ff" -eq 0 ] || rc=1
fi

passed=$((total - failed - skipped))
echo
if [ "$skipped" -gt 0 ]; then
  echo "  skipped:"
  grep -h '^SKIPPED:' build/native-debug/Testing/Temporary/LastTest.log 2>/dev/null | sort | uniq -c | sed 's/^/  /'
fi
cat build/figures/*.txt 2>/dev/null | sed 's/^/  /' || true
echo "  wall time: $(( $(date +%s) - t0 )) s"
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
[ "$rc" -eq 0 ] && [ "$total" -gt 0 ]
