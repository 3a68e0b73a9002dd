#!/usr/bin/env bash
# The desktop command with no display (DISPLAY and WAYLAND_DISPLAY unset, as over SSH):
# it must exit at once, non-zero, saying what is missing and pointing to the browser app.
# usage: desktop_no_display.sh PATH_TO_synack-desktop
set -uo pipefail
app="$1"
start=$(date +%s%N)
out=$(env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER timeout 20 "$app" 2>&1 </dev/null)
rc=$?
ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "exit $rc after $ms ms: $out"
fail=0
[ "$rc" -ne 124 ] || { echo "FAIL: still running after 20 s"; fail=1; }
[ "$rc" -ne 0 ] || { echo "FAIL: exit 0 without a display"; fail=1; }
grep -q 'DISPLAY' <<<"$out" || { echo "FAIL: the message does not name DISPLAY"; fail=1; }
grep -q 'scripts/serve.sh' <<<"$out" || { echo "FAIL: the message does not point to scripts/serve.sh"; fail=1; }
exit $fail
