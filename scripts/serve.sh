#!/usr/bin/env bash
# synack's serve command: bootstrap, build the browser app, serve it on loopback.
# usage: scripts/serve.sh [PORT]   (default 8080; also SYNACK_PORT)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export NODE_PATH=/usr/share/nodejs
port="${1:-${SYNACK_PORT:-8080}}"
bash scripts/bootstrap.sh
[ -f build/wasm-release/CMakeCache.txt ] || cmake --preset wasm-release >/dev/null
cmake --build --preset wasm-release
exec node scripts/static_server.mjs build/wasm-release/web "$port"
