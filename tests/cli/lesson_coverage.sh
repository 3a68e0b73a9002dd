#!/usr/bin/env bash
# The coverage table in lessons/README.md must be what `synack coverage` prints for the
# lessons as they are, and every teaching point must be covered (synack exits 1 if not).
set -euo pipefail
cli="$1"; readme="$2"; shift 2
want=$("$cli" coverage "$@") || { echo "$want"; echo "FAIL: a teaching point is not covered"; exit 1; }
have=$(sed -n '/<!-- coverage:begin -->/,/<!-- coverage:end -->/p' "$readme" | sed '1d;$d')
if [[ "$want" != "$have" ]]; then
  diff <(echo "$have") <(echo "$want") || true
  echo "FAIL: $readme's coverage table is stale; paste the output of: synack coverage lessons/*.toml"
  exit 1
fi
echo "coverage table current: $(grep -c '^| T' <<<"$want") teaching points covered"
