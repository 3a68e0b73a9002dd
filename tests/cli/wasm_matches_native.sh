#!/usr/bin/env bash
# Determinism across targets: the engine built for wasm and run under node must give
# the same trace, byte for byte (compared by hash), as the native build, for every scenario.
# usage: wasm_matches_native.sh NATIVE_CLI WASM_CLI_JS SCENARIO...
set -euo pipefail
native="$1"; wasm="$2"; shift 2
if [ ! -f "$wasm" ]; then
  echo "missing $wasm: build the wasm-release preset first" >&2
  exit 1
fi
fail=0
for s in "$@"; do
  a=$("$native" run "$s" --trace none --hash)
  b=$(node --no-experimental-fetch "$wasm" run "$s" --trace none --hash)
  if [ "$a" = "$b" ]; then
    echo "same trace on both targets: $(basename "$s") ($a)"
  else
    echo "DIFFERENT: $(basename "$s"): native $a, wasm $b" >&2
    fail=1
  fi
done
exit $fail
