#!/usr/bin/env bash
# synack's desktop command: bootstrap, build the native app in release mode, start it.
# Extra arguments go to the app (try --help).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/bootstrap.sh
[ -f build/native-release/CMakeCache.txt ] || cmake --preset native-release >/dev/null
cmake --build --preset native-release --target synack-desktop
exec build/native-release/ui/synack-desktop "$@"
