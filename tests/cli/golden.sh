#!/usr/bin/env bash
# Golden trace: the CLI's text trace of a scenario must match the recorded one exactly.
# Big runs record only the trace's fingerprint (a golden file holding one
# "trace-hash ..." line); a mismatch then shows the first lines of the new trace.
# SYNACK_UPDATE_GOLDEN=1 rewrites the recording (review the diff before committing it).
# usage: golden.sh SYNACK_CLI SCENARIO GOLDEN
set -euo pipefail
cli="$1"; scenario="$2"; golden="$3"
actual="$(mktemp)"
trap 'rm -f "$actual"' EXIT
hash_only=0
if [ -f "$golden" ] && [ "$(wc -l < "$golden")" -eq 1 ] && grep -q '^trace-hash ' "$golden"; then hash_only=1; fi
if [ "$hash_only" = 1 ]; then
  "$cli" run "$scenario" --trace none --hash > "$actual"
else
  "$cli" run "$scenario" > "$actual"
fi
if [ "${SYNACK_UPDATE_GOLDEN:-}" = 1 ]; then
  cp "$actual" "$golden"
  echo "updated $golden"
  exit 0
fi
if ! diff -u "$golden" "$actual"; then
  [ "$hash_only" = 1 ] && "$cli" run "$scenario" | head -40
  echo "golden trace mismatch for $scenario (SYNACK_UPDATE_GOLDEN=1 rewrites it)" >&2
  exit 1
fi
echo "$(wc -l < "$golden") trace lines match $golden"
