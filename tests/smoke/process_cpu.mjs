// CPU time used so far by the browsers this test started (every process under this one:
// browser, renderer, GPU process, zygotes), in ms, from /proc (Linux). Headless Chromium draws WebGL on the CPU in its GPU
// process, so a frame's cost is spread over processes; CPU per frame over all of them says
// what a frame costs, where the frame rate alone also says how loaded the machine was.
// Returns null where /proc cannot be read.
import fs from 'node:fs';

function readStat(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { ppid: Number(f[1]), ms: (Number(f[11]) + Number(f[12])) * 10 };  // utime + stime, USER_HZ = 100
}

export function browserCpuMs() {
  const root = process.pid;
  let stats;
  try {
    stats = new Map();
    for (const d of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      try { stats.set(Number(d), readStat(d)); } catch { /* the process ended meanwhile */ }
    }
  } catch { return null; }
  const inTree = (pid) => { for (let p = pid, n = 0; p > 1 && n < 64; p = stats.get(p)?.ppid ?? 0, ++n) if (p === root) return true; return false; };
  let total = 0;
  let found = 0;
  for (const [pid, s] of stats) if (pid !== root && inTree(pid)) { total += s.ms; ++found; }
  return found ? total : null;
}
