#!/usr/bin/env bash
# synack's test command: bootstrap, native build, wasm build, then every test through
# ctest (GoogleTest suites, browser smoke test, desktop smoke test), ending with a
# "N passed, N failed" summary line.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export NODE_PATH=/usr/share/nodejs
step() { printf '\n== %s\n' "$*"; }
t0=$(date +%s)

step "bootstrap"
bash scripts/bootstrap.sh

step "native build (native-debug)"
[ -f build/native-debug/CMakeCache.txt ] || cmake --preset native-debug >/dev/null
cmake --build --preset native-debug

step "wasm build (wasm-release)"
[ -f build/wasm-release/CMakeCache.txt ] || cmake --preset wasm-release >/dev/null
cmake --build --preset wasm-release

step "tests (ctest)"
mkdir -p build/screenshots
rm -rf build/figures
set +e
ctest --preset native-debug -j"$(nproc)" 2>&1 | tee build/ctest.log
rc=${PIPESTATUS[0]}
set -e

summary=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' build/ctest.log | tail -1)
total=$(sed -E 's/.* out of ([0-9]+).*/\1/' <<<"$summary")
failed=$(sed -E 's/.*passed, ([0-9]+) tests? failed.*/\1/' <<<"$summary")
if [ -z "$summary" ]; then total=0; failed=1; rc=1; fi
passed=$((total - failed))
echo
cat build/figures/*.txt 2>/dev/null | sed 's/^/  /' || true
echo "  wall time: $(( $(date +%s) - t0 )) s"
echo "${passed} passed, ${failed} failed"
[ "$rc" -eq 0 ] && [ "$total" -gt 0 ]
