// Reads the bench command's outputs in DIR and prints one table; writes DIR/results.json.
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
const read = (f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
const engine = read('engine.json').benchmarks;
const ui = read('ui_frame.json').benchmarks;
const wn = read('wasm_native.json');
const browser = fs.readFileSync(path.join(dir, 'browser.txt'), 'utf8');
const by = (list, name) => list.find((b) => b.name.startsWith(name)) || {};
const fig = (name) => {
  const m = browser.match(new RegExp(`FIGURE web ${name} ([0-9.]+)`));
  return m ? Number(m[1]) : null;
};
const rows = [];
const add = (what, value, unit, goal = '') => rows.push({ what, value, unit, goal });
const a = by(engine, 'BM_Transfer10MbLossy');
const b = by(engine, 'BM_TenThousandConnections');
const c = by(engine, 'BM_HundredThousandIdle');
add('(a) 10 MB, 1% loss: simulated events/s', Math.round(a.sim_events_per_s), 'events/s');
add('(a) 10 MB, 1% loss: segments/s', Math.round(a.segments_per_s), 'segments/s');
add('(a) wall time per run', +a.real_time.toFixed(1), a.time_unit);
add('(b) 10,000 connections: simulated events/s', Math.round(b.sim_events_per_s), 'events/s');
add('(b) 10,000 connections: segments/s', Math.round(b.segments_per_s), 'segments/s');
add('(b) wall time per run', +b.real_time.toFixed(1), b.time_unit);
add('(c) 100,000 idle connections: heap per connection end', Math.round(c.heap_bytes_per_conn), 'bytes', '<= 1024');
add('event queue: events scheduled and run', Math.round(by(engine, 'BM_EventQueue').items_per_second), 'events/s');
add('wire: encode a SYN frame with options', +by(engine, 'BM_WireEncodeSyn').real_time.toFixed(0), 'ns');
add('wire: decode a frame, checksums verified', +by(engine, 'BM_WireDecodeVerify').real_time.toFixed(0), 'ns');
const engineMs = wn.wasm_ms - wn.wasm_startup_ms;
add('wasm / native, engine work (node start-up taken out)', +(engineMs / wn.native_ms).toFixed(2), 'x', '<= 1.5');
add('wasm / native, whole command', +(wn.wasm_ms / wn.native_ms).toFixed(2), 'x');
add('UI frame, 13,241-event trace at its end (native)', +by(ui, 'BM_FrameBigTrace/100').real_time.toFixed(3), 'ms');
add('UI frame, playing that trace (native)', +by(ui, 'BM_FrameBigTracePlaying').real_time.toFixed(3), 'ms');
add('browser: gzip size of the page', fig('bundle_gzip_kb'), 'KB', '<= 800');
add('browser: navigation to first frame', fig('time_to_first_frame_ms'), 'ms', '<= 1000');
add('browser: frame function, big trace, median', fig('frame_app_ms_median'), 'ms', '<= 4');
add('browser: whole frame on the CPU (events, layout, WebGL calls), median', fig('frame_cpu_ms_median'), 'ms');
add('browser: big trace playing at 1x, frames per second', fig('fps_big_trace'), 'fps', '>= 60');
const ins = read('instructions.json');
add('instructions: 10 MB lossy transfer (callgrind)', ins.transfer_10mb, 'instr');
add('instructions: 100 clients scenario (callgrind)', ins.many_clients, 'instr');
add('instructions: (b) 10,000 connections, bench/scenarios/connections-10k.toml (callgrind)', ins.connections_10k, 'instr');
if (ins.ns3_transfer) {
  add('instructions: (a) synack / ns-3 (callgrind)', +(ins.transfer_10mb / ins.ns3_transfer).toFixed(3), 'x', '<= 0.1');
  add('instructions: (b) synack / ns-3 (callgrind)', +(ins.connections_10k / ins.ns3_connections).toFixed(3), 'x', '<= 0.1');
}
add('instructions: one big-trace frame drawn by llvmpipe (callgrind)', ins.frame_big_trace_llvmpipe, 'instr');
// ns-3 3.37 on the same scenarios (bench/ns3/ns3_bench.cc), when the bench command built it.
if (fs.existsSync(path.join(dir, 'ns3.json'))) {
  const ns3 = read('ns3.json');
  for (const [label, ours, theirs] of [['(a)', a, ns3.transfer], ['(b)', b, ns3.connections]]) {
    const ourMs = ours.real_time;  // per run, in ms
    const ourEvents = ours.sim_events / ours.iterations;
    add(`${label} ns-3: wall time per run`, +theirs.wall_ms.toFixed(1), 'ms');
    add(`${label} ns-3: simulated events (segments)`, `${theirs.events} (${theirs.segments})`, '');
    add(`${label} synack / ns-3: wall time`, +(ourMs / theirs.wall_ms).toFixed(3), 'x');
    add(`${label} synack / ns-3: simulated events`, +(ourEvents / theirs.events).toFixed(3), 'x');
    add(`${label} synack / ns-3: event throughput`, +(ours.sim_events_per_s / (theirs.events / (theirs.wall_ms / 1000))).toFixed(2), 'x', '>= 10');
  }
} else {
  add('ns-3 side by side', 'not built', '', 'libns3-dev missing');
}
const w = Math.max(...rows.map((r) => r.what.length));
for (const r of rows) console.log(`${r.what.padEnd(w)}  ${String(r.value).padStart(12)} ${r.unit.padEnd(10)} ${r.goal}`);
fs.writeFileSync(path.join(dir, 'results.json'), JSON.stringify({ machine: `${process.platform} ${process.arch}`, rows }, null, 2) + '\n');
console.log(`\nwrote ${path.join(dir, 'results.json')}`);
