// Wireshark's TCP analysis against the engine's own annotations, frame by frame: for
// every scenario, each frame tshark flags as a retransmission, duplicate ACK, zero
// window, keep-alive, zero-window probe or reset must be one the engine annotated the
// same way when it sent it (the frame's note, or RST for a reset), and the other way
// round. Prints the counts per scenario and every disagreement; exits 1 on any.
// usage: node wireshark_analysis.mjs SYNACK_CLI OUT_DIR SCENARIO...
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const [cli, outDir, ...scenarios] = process.argv.slice(2);
fs.mkdirSync(outDir, { recursive: true });

// Each kind: how tshark says it, and how the engine says it.
const kinds = [
  // The capture is taken at each sender, so a segment below the highest sequence number
  // already sent is a retransmission; Wireshark calls one that follows its predecessor
  // closely "out-of-order", as it cannot tell from the capture alone.
  { name: 'retransmission', fields: ['tcp.analysis.retransmission', 'tcp.analysis.fast_retransmission',
                                      'tcp.analysis.spurious_retransmission', 'tcp.analysis.out_of_order'],
    engine: (f) => /retransmission/.test(f.note) },
  { name: 'duplicate ACK', fields: ['tcp.analysis.duplicate_ack'], engine: (f) => f.note === 'duplicate ACK' },
  { name: 'zero window', fields: ['tcp.analysis.zero_window'], engine: (f) => f.note === 'zero window' },
  { name: 'keep-alive', fields: ['tcp.analysis.keep_alive'], engine: (f) => /^keepalive probe/.test(f.note) },
  { name: 'keep-alive ACK', fields: ['tcp.analysis.keep_alive_ack'], engine: (f) => f.note === 'keep-alive ACK' },
  { name: 'zero-window probe', fields: ['tcp.analysis.zero_window_probe'], engine: (f) => f.note === 'zero-window probe' },
  { name: 'reset', fields: ['tcp.flags.reset'], engine: (f) => (f.flags || '').includes('RST'), value: '1' },
];
// Where the two may differ and why: each is printed when it applies, never silent.
const explained = [
  { scenario: 'simultaneous-open', kind: 'retransmission', note: 'simultaneous open',
    why: "a SYN,ACK repeats the sequence number of the SYN sent before it, which Wireshark's analysis calls a retransmission" },
  { note: 'zero-window probe',
    why: 'synack, like Linux, probes a closed window with a segment one below SND.UNA and no data, which Wireshark names a keep-alive; its "zero-window probe" carries one new byte' },
  { kind: 'keep-alive ACK', field: 'tcp.analysis.window_update',
    why: 'Wireshark names the first answer to a probe a window update: its window differs from the unscaled one in the SYN' },
  { scenario: 'no-time-wait', note: 'keep-alive ACK',
    why: 'in this counterfactual run (not real TCP) an old connection\'s ACK lands one below RCV.NXT, the shape of a probe; Wireshark calls the answer a duplicate ACK' },
];
const fields = [...new Set([...kinds.flatMap((k) => k.fields), 'tcp.analysis.window_update'])];

let failed = false;
for (const scenario of scenarios) {
  const name = path.basename(scenario, '.toml');
  const pcap = path.join(outDir, `${name}.pcap`);
  const json = execFileSync(cli, ['run', scenario, '--trace', 'json', '--pcap', pcap], { maxBuffer: 1 << 30 }).toString();
  // The pcap holds the FrameSent events in trace order: frame i is the i-th of them.
  const frames = json.split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((e) => e.ev === 'frame_sent')
    .map((e) => ({ note: e.note || '', flags: e.flags }));
  const tshark = execFileSync('tshark', ['-r', pcap, '-o', 'tcp.desegment_tcp_streams:FALSE', '-o',
    'tcp.relative_sequence_numbers:TRUE', '-T', 'fields', '-E', 'occurrence=f', ...fields.flatMap((f) => ['-e', f])],
    { maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] }).toString().split('\n');
  if (frames.length === 0 || tshark.length - 1 !== frames.length) {
    console.error(`${name}: the engine sent ${frames.length} frames, tshark read ${tshark.length - 1}`);
    failed = true;
    continue;
  }
  const counts = [];
  for (const k of kinds) {
    let agree = 0;
    const wrong = [];
    frames.forEach((f, i) => {
      const cols = tshark[i].split('\t');
      const ws = k.fields.some((fl) => { const v = cols[fields.indexOf(fl)]; return k.value ? v === k.value : v !== ''; });
      const en = k.engine(f);
      if (ws && en) agree++;
      const why = ws !== en && explained.find((x) => (!x.scenario || x.scenario === name) &&
        (!x.kind || x.kind === k.name) && (!x.note || x.note === f.note) && (!x.field || cols[fields.indexOf(x.field)] !== ''));
      if (why) console.log(`${name}: frame ${i + 1}: ${k.name}: explained: ${why.why}`);
      else if (ws !== en) wrong.push(`frame ${i + 1} (${f.flags || 'ARP'}${f.note ? `, "${f.note}"` : ''}): ` +
                                 `tshark ${ws ? 'says' : 'does not say'} ${k.name}`);
    });
    counts.push(`${k.name} ${agree}`);
    if (wrong.length) {
      failed = true;
      console.error(`${name}: ${k.name}: ${wrong.length} disagreements\n  ${wrong.slice(0, 8).join('\n  ')}`);
    }
  }
  console.log(`${name}: ${frames.length} frames; agreeing: ${counts.join(', ')}`);
}
process.exit(failed ? 1 : 0);
