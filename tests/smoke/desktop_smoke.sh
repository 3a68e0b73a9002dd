#!/usr/bin/env bash
# Desktop smoke test: runs the native app in a real window under Xvfb, lets it render
# frames, saves a screenshot and checks that it is not blank.
# usage: desktop_smoke.sh PATH_TO_synack-desktop SCREENSHOT_DIR
set -euo pipefail
app="$1"; dir="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mkdir -p "$dir"
shot="$dir/desktop-main.png"
rm -f "$shot"
xvfb-run -a -s "-screen 0 1280x720x24" "$app" --screenshot "$shot" --frames 30 --width 1280 --height 720
node "$here/png_stats.mjs" "$shot"
