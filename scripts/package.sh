#!/usr/bin/env bash
# synack's package command: the browser app as a folder any static web host serves as
# is (dist/synack/) and the same as a zip (dist/synack.zip).
#   - every path is relative: the folder works at any URL (a course site's sub-folder)
#   - each file has its .gz and .br beside it, for hosts that serve precompressed files
#   - MIME-TYPES.txt lists the types a host must send; .htaccess says the same to Apache
# usage: scripts/package.sh [--from WEB_BUILD_DIR] [--out DIR]
#   --from: an already built web folder (default: build the wasm-release preset first)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export NODE_PATH=/usr/share/nodejs
from=""; out="$ROOT/dist"
while [ $# -gt 0 ]; do
  case "$1" in
    --from) from="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "usage: scripts/package.sh [--from WEB_BUILD_DIR] [--out DIR]" >&2; exit 2 ;;
  esac
done
if [ -z "$from" ]; then
  bash scripts/bootstrap.sh
  [ -f build/wasm-release/CMakeCache.txt ] || cmake --preset wasm-release >/dev/null
  cmake --build --preset wasm-release
  from=build/wasm-release/web
fi
for f in index.html synack.js synack.wasm cjk_font.ttf; do
  [ -f "$from/$f" ] || { echo "package: $from/$f is missing (build the wasm-release preset)" >&2; exit 1; }
done
dir="$out/synack"
rm -rf "$dir" "$out/synack.zip"
mkdir -p "$dir"
cp "$from/index.html" "$from/synack.js" "$from/synack.wasm" "$from/cjk_font.ttf" "$dir/"
node scripts/package_files.mjs "$dir"
(cd "$out" && rm -f synack.zip && python3 -c '
import os, sys, zipfile
with zipfile.ZipFile("synack.zip", "w", zipfile.ZIP_DEFLATED) as z:
    for base, _, files in sorted(os.walk("synack")):
        for f in sorted(files):
            z.write(os.path.join(base, f))
')
echo "package: $(du -sk "$dir" | cut -f1) KB in $dir, $(( $(stat -c %s "$out/synack.zip") / 1024 )) KB zip at $out/synack.zip"
