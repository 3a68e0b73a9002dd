#!/usr/bin/env bash
# Desktop smoke test: runs the native app in a real window under Xvfb, lets it render
# frames, saves screenshots (the start screen and the teaching moments listed in
# views.json) and checks that none is blank.
# usage: desktop_smoke.sh PATH_TO_synack-desktop SCREENSHOT_DIR
set -euo pipefail
app="$(realpath "$1")"; dir="$(realpath -m "$2")"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mkdir -p "$dir"
shoot() {
  local name="$1"; shift
  local shot="$dir/desktop-$name.png"
  rm -f "$shot"
  xvfb-run -a -s "-screen 0 1280x720x24" "$app" --screenshot "$shot" --frames 30 --width 1280 --height 720 "$@"
  node "$here/png_stats.mjs" "$shot"
}
# Progress goes to a file in the build tree, never the user's home.
export SYNACK_PROGRESS_FILE="$dir/desktop-progress.txt"
rm -f "$SYNACK_PROGRESS_FILE"
shoot main
# Each view: a scenario at a moment, or a lesson step, optionally with keys typed one per
# frame (n: next step, 2: answer B) and time played at a fixed 16.7 ms per frame.
while IFS=$'\t' read -r name args; do
  # shellcheck disable=SC2086
  shoot "$name" $args
done < <(node -e '
  for (const v of require(process.argv[1])) {
    const a = v.scenario ? ["--scenario", v.scenario, "--time", v.t_ms] : ["--lesson", v.lesson, "--step", v.step];
    if (v.keys) a.push("--keys", ...v.keys, "--dt-ms", "16.7", "--frames", "90");
    console.log([v.name, a.join(" ")].join("\t"));
  }
' "$here/views.json")
# A teacher's own lesson opened at run time, and a broken one (its error in a window).
shoot teacher-lesson --lesson-file "$here/lessons/teacher-lesson.toml"
shoot broken-lesson --lesson-file "$here/lessons/broken-lesson.toml"
# Export from the desktop: the p key writes the run as pcapng (each frame marked with what
# became of it) into the working directory.
(cd "$dir" && rm -f synack-handshake.pcapng && xvfb-run -a -s "-screen 0 1280x720x24" "$app" --screenshot "$dir/desktop-export.png" \
  --frames 5 --scenario handshake --keys p >/dev/null)
magic="$(head -c4 "$dir/synack-handshake.pcapng" 2>/dev/null | od -An -tx1 | tr -d ' ')"
[[ "$magic" == "0a0d0d0a" ]] || { echo "desktop smoke: pcapng export missing or not a pcapng"; exit 1; }
echo "desktop smoke: pcapng export $(stat -c %s "$dir/synack-handshake.pcapng") bytes"
# The answered question was recorded: lesson 1, step 3 reached.
grep -qx "01-handshake 3" "$SYNACK_PROGRESS_FILE" || { echo "desktop smoke: progress not saved: $(cat "$SYNACK_PROGRESS_FILE")"; exit 1; }
echo "desktop smoke: progress saved ($(tr '\n' ' ' < "$SYNACK_PROGRESS_FILE"))"
# Chinese: its font is read from beside the app (ui/cjk_font.hpp), and the app says
# nothing about it when it is there.
err="$(shoot zh-handshake --lang zh --lesson 01-handshake --step 3 2>&1 >/dev/null)" || { echo "$err"; exit 1; }
if grep -q "Chinese is not available" <<<"$err"; then echo "desktop smoke: --lang zh: $err"; exit 1; fi
grep -qx "lang:zh 1" "$SYNACK_PROGRESS_FILE" || { echo "desktop smoke: --lang zh did not switch: $(cat "$SYNACK_PROGRESS_FILE")"; exit 1; }
# The app copied away from its font: a clear message, and it draws in English.
lonely="$dir/desktop-without-font"
rm -rf "$lonely" && mkdir -p "$lonely" && cp "$app" "$lonely/"
err="$(xvfb-run -a -s "-screen 0 1280x720x24" "$lonely/$(basename "$app")" --screenshot "$dir/desktop-zh-without-font.png" \
  --frames 10 --lang zh 2>&1 >/dev/null)" || { echo "desktop smoke: without its font the app failed: $err"; exit 1; }
grep -q "Chinese is not available, the app stays in English: .*cjk_font.ttf: No such file" <<<"$err" ||
  { echo "desktop smoke: without its font the app did not say so: $err"; exit 1; }
node "$here/png_stats.mjs" "$dir/desktop-zh-without-font.png"
echo "desktop smoke: without its font: $err"
