#!/usr/bin/env bash
# synack's bench command: release builds, then every benchmark; prints a table and
# writes build/bench/results.json. See docs/PERFORMANCE.md for the figures and how to
# read them.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export NODE_PATH=/usr/share/nodejs
step() { printf '\n== %s\n' "$*"; }

step "bootstrap (with ns-3 for the side-by-side runs)"
bash scripts/bootstrap.sh --with-ns3

step "release builds (native-release, wasm-release)"
# Configured every time, forgetting an earlier search for ns-3 (it may have been installed since).
cmake --preset native-release -U 'NS3*' -U '__pkg_config_checked_NS3' >/dev/null
cmake --build --preset native-release --target engine_bench ui_frame_bench synack_cli ns3_bench synack-desktop
[ -f build/wasm-release/CMakeCache.txt ] || cmake --preset wasm-release >/dev/null
cmake --build --preset wasm-release

out=build/bench
mkdir -p "$out"
step "engine benchmarks (Google Benchmark)"
build/native-release/bench/engine_bench --benchmark_out="$out/engine.json" --benchmark_out_format=json
step "UI frame without a window (Google Benchmark)"
build/native-release/bench/ui_frame_bench --benchmark_out="$out/ui_frame.json" --benchmark_out_format=json

step "ns-3 3.37 on the same scenarios (bench/ns3/ns3_bench.cc)"
{
  printf '{"transfer": '; build/native-release/bench/ns3_bench --scenario=transfer
  printf ', "connections": '; build/native-release/bench/ns3_bench --scenario=connections
  printf '}\n'
} | tee "$out/ns3.json"

step "wasm (node) versus native: the same 10 MB lossy transfer"
# Best of 5 wall times each; the wasm run's node start-up and compile (a run that stops
# at 0 s) is measured too, so the engine's own ratio can be told apart.
best() {
  local b=""
  for _ in 1 2 3 4 5; do
    local s e
    s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N)
    local ms=$(( (e - s) / 1000000 ))
    if [ -z "$b" ] || [ "$ms" -lt "$b" ]; then b=$ms; fi
  done
  echo "$b"
}
scen=bench/scenarios/transfer-10mb.toml
native_ms=$(best build/native-release/cli/synack run "$scen" --trace none)
wasm_ms=$(best node --no-experimental-fetch build/wasm-release/cli/synack-cli.js run "$scen" --trace none)
wasm_start_ms=$(best node --no-experimental-fetch build/wasm-release/cli/synack-cli.js run "$scen" --trace none --until 0s)
printf '{"native_ms": %d, "wasm_ms": %d, "wasm_startup_ms": %d}\n' "$native_ms" "$wasm_ms" "$wasm_start_ms" > "$out/wasm_native.json"
cat "$out/wasm_native.json"

step "instruction counts (valgrind --tool=callgrind): stable on a noisy machine"
cg() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
i_transfer=$(cg build/native-release/cli/synack run "$scen" --trace none)
i_many=$(cg build/native-release/cli/synack run scenarios/many-clients.toml --trace none)
# (b) as a scenario file, and ns-3 doing (a) and (b): the side-by-side ratio in
# instructions, which a shared machine's load does not move.
i_conns=$(cg build/native-release/cli/synack run bench/scenarios/connections-10k.toml --trace none)
i_ns3_transfer=$(cg build/native-release/bench/ns3_bench --scenario=transfer)
i_ns3_conns=$(cg build/native-release/bench/ns3_bench --scenario=connections)
# One frame of the big trace drawn by Mesa's llvmpipe (the software rasterizer the web
# smoke test's Chromium uses), single-threaded, counted inside the frame, render and swap:
# 32 frames minus 12 frames, over 20 (the first frames compile shaders).
frame_cg() {
  LP_NUM_THREADS=0 xvfb-run -a -s "-screen 0 1280x720x24" valgrind --tool=callgrind --callgrind-out-file=/dev/null \
    --collect-atstart=no --toggle-collect='synack::ui::frame*' --toggle-collect='synack::ui::platform_end_frame*' \
    --toggle-collect='SDL_GL_SwapWindow' build/native-release/ui/synack-desktop --scenario bulk-transfer --time 1500 \
    --frames "$1" --screenshot "$out/frame-cg.png" 2>&1 >/dev/null | sed -n 's/.*Collected : \([0-9]*\).*/\1/p' | sort -n | tail -1
}
i_frame=$(( ($(frame_cg 32) - $(frame_cg 12)) / 20 ))
printf '{"transfer_10mb": %s, "many_clients": %s, "connections_10k": %s, "ns3_transfer": %s, "ns3_connections": %s, "frame_big_trace_llvmpipe": %s}\n' \
  "$i_transfer" "$i_many" "$i_conns" "$i_ns3_transfer" "$i_ns3_conns" "$i_frame" > "$out/instructions.json"
cat "$out/instructions.json"

step "browser budget (headless Chromium)"
node tests/smoke/web_smoke.mjs build/wasm-release/web build/screenshots | tee "$out/browser.txt"

step "summary"
node bench/summarize.mjs "$out"
