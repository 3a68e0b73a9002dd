// The pcapng export read back by tshark: for every scenario the capture on the cable
// and the captures as seen at the first two hosts decode with 0 malformed frames, and
// the comments sit on the right frames. On the cable: frame i is the i-th frame sent;
// each frame the engine dropped says "dropped" with the engine's reason, each frame its
// sender annotated carries that note ("retransmission #1 (timeout)"), and a frame that
// nothing happened to carries no comment. At a host: exactly the frames it sent and the
// frames that reached its NIC's ring, in the trace's order.
// usage: node pcapng_check.mjs SYNACK_CLI OUT_DIR SCENARIO...
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const [cli, outDir, ...scenarios] = process.argv.slice(2);
fs.mkdirSync(outDir, { recursive: true });
const SEP = '\u001f';  // between several comments of one frame (a comment may hold commas)

// One pass over a capture: each frame's number, comments and whether tshark found it
// malformed (the _ws.malformed field is set then).
function tshark(file) {
  const args = ['-r', file, '-o', 'tcp.desegment_tcp_streams:FALSE', '-T', 'fields', '-E', 'occurrence=a',
    '-E', `aggregator=${SEP}`, '-e', 'frame.number', '-e', 'frame.comment', '-e', '_ws.malformed'];
  const out = execFileSync('tshark', args, { maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] }).toString();
  return out.split('\n').slice(0, -1).map((l) => l.split('\t'));
}

let failed = false;
const fail = (msg) => { console.error(msg); failed = true; };
const totals = { scenarios: 0, frames: 0, comments: 0, dropped: 0, noted: 0, host_frames: 0 };
for (const scenario of scenarios) {
  const name = path.basename(scenario, '.toml');
  const cable = path.join(outDir, `${name}.pcapng`);
  const json = execFileSync(cli, ['run', scenario, '--trace', 'json', '--pcapng', cable], { maxBuffer: 1 << 30 }).toString();
  const events = json.split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const sent = events.filter((e) => e.ev === 'frame_sent');
  const index = new Map(sent.map((e, i) => [e.frame, i]));
  // What the engine says happened to each frame it sent (copies made by a fault aside).
  const touched = new Set();
  const drops = [];
  for (const e of events) {
    if ((e.ev === 'frame_dropped' || e.ev === 'fault_applied') && index.has(e.frame)) touched.add(e.frame);
    if (e.ev === 'frame_dropped' && index.has(e.frame) && e.reason !== 'NIC MAC filter') drops.push(e);
  }
  const rows = tshark(cable);
  const malformed = rows.filter((r) => r[2]).length;
  if (rows.length !== sent.length || malformed !== 0) {
    fail(`${name}: the engine sent ${sent.length} frames, tshark read ${rows.length}, ${malformed} malformed`);
    continue;
  }
  const comments = rows.map((r) => (r[1] ? r[1].split(SEP) : []));
  let n_comments = 0;
  for (const c of comments) n_comments += c.length;
  for (const d of drops) {
    const c = comments[index.get(d.frame)];
    if (!c.some((x) => x.startsWith('dropped') && x.includes(d.text)))
      fail(`${name}: frame ${index.get(d.frame) + 1} (#${d.frame}) was dropped (${d.text}); its comments: ${JSON.stringify(c)}`);
  }
  let noted = 0;
  sent.forEach((e, i) => {
    if (e.note) {
      ++noted;
      if (!comments[i].includes(e.note)) fail(`${name}: frame ${i + 1} has the note "${e.note}"; its comments: ${JSON.stringify(comments[i])}`);
    } else if (!touched.has(e.frame) && comments[i].length) {
      fail(`${name}: frame ${i + 1} (#${e.frame}): nothing happened to it, yet it says ${JSON.stringify(comments[i])}`);
    }
  });
  // As seen at each of the first two hosts.
  const hosts = [...new Set(sent.map((e) => e.host))].slice(0, 2);
  const seen = [];
  for (const host of hosts) {
    const file = path.join(outDir, `${name}.at-${host}.pcapng`);
    execFileSync(cli, ['run', scenario, '--trace', 'none', '--pcapng', file, '--capture-at', host]);
    const want = events.filter((e) => e.host === host && (e.ev === 'frame_sent' || e.ev === 'frame_received')).length;
    const at = tshark(file);
    const got = at.length;
    const bad = at.filter((r) => r[2]).length;
    if (got !== want || bad !== 0) fail(`${name} at ${host}: ${want} frames sent or received there, tshark read ${got}, ${bad} malformed`);
    seen.push(`${got} at ${host}`);
    totals.host_frames += got;
  }
  totals.scenarios += 1;
  totals.frames += rows.length;
  totals.comments += n_comments;
  totals.dropped += drops.length;
  totals.noted += noted;
  console.log(`${name}: ${rows.length} frames on the cable, 0 malformed, ${n_comments} comments ` +
              `(${drops.length} drops, ${noted} sender's notes); ${seen.join(', ')}`);
}
console.log(`${totals.scenarios} scenarios: ${totals.frames} frames, ${totals.comments} comments ` +
            `(${totals.dropped} drops, ${totals.noted} notes), ${totals.host_frames} frames in the per-host captures`);
process.exit(failed ? 1 : 0);
