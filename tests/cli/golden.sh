#!/usr/bin/env bash
# Golden trace: the CLI's text trace of a scenario must match the recorded one exactly.
# SYNACK_UPDATE_GOLDEN=1 rewrites the recording (review the diff before committing it).
# usage: golden.sh SYNACK_CLI SCENARIO GOLDEN
set -euo pipefail
cli="$1"; scenario="$2"; golden="$3"
actual="$(mktemp)"
trap 'rm -f "$actual"' EXIT
"$cli" run "$scenario" > "$actual"
if [ "${SYNACK_UPDATE_GOLDEN:-}" = 1 ]; then
  cp "$actual" "$golden"
  echo "updated $golden"
  exit 0
fi
if ! diff -u "$golden" "$actual"; then
  echo "golden trace mismatch for $scenario (SYNACK_UPDATE_GOLDEN=1 rewrites it)" >&2
  exit 1
fi
echo "$(wc -l < "$golden") trace lines match $golden"
