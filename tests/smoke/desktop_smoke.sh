#!/usr/bin/env bash
# Desktop smoke test: runs the native app in a real window under Xvfb, lets it render
# frames, saves screenshots (the start screen and the teaching moments listed in
# views.json) and checks that none is blank.
# usage: desktop_smoke.sh PATH_TO_synack-desktop SCREENSHOT_DIR
set -euo pipefail
app="$1"; dir="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mkdir -p "$dir"
shoot() {
  local name="$1"; shift
  local shot="$dir/desktop-$name.png"
  rm -f "$shot"
  xvfb-run -a -s "-screen 0 1280x720x24" "$app" --screenshot "$shot" --frames 30 --width 1280 --height 720 "$@"
  node "$here/png_stats.mjs" "$shot"
}
shoot main
while IFS=$'\t' read -r name scenario t_ms; do
  shoot "$name" --scenario "$scenario" --time "$t_ms"
done < <(node -e '
  for (const v of require(process.argv[1])) console.log([v.name, v.scenario, v.t_ms].join("\t"));
' "$here/views.json")
