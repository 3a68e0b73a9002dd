// Monkey test of the browser app: random input from a recorded seed, for a while, and
// a failure on anything that breaks. Keys, clicks, drags, the wheel, Break-it actions,
// jumps to lessons and scenarios through the menus and through the link (location.hash,
// with some links that lead nowhere), and window resizes. Fails on a page error, a
// console error, a frame loop that stops (no new frame for 2 s), or wasm memory past
// the bound below.
//
// The seed is printed first; SYNACK_MONKEY_SEED=N replays the same input (the same
// actions with the same pauses; the simulation is deterministic, the browser's frame
// timing is not). SYNACK_MONKEY_SECONDS sets the length (60 in the test command, 600
// for the long run, see README). Every action is written to OUT_DIR/monkey-actions.txt.
// usage: node monkey.mjs WEB_BUILD_DIR OUT_DIR
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium } from './browser.mjs';
import { startServer } from '../../scripts/static_server.mjs';

// wasm memory: 16 MB in every run measured (the initial heap; it did not grow, not even
// with bulk-transfer's 13,241-event trace open, nor in 60 s monkey runs). The bound is
// four times that: room for a bigger run, not for a leak that re-simulating a branch
// or reopening a lesson a few hundred times would show.
const MEMORY_BOUND_MB = Number(process.env.SYNACK_MONKEY_MEMORY_MB || 64);
const STUCK_MS = 2000;

const [webDir, outDir] = process.argv.slice(2);
if (!webDir || !outDir) {
  console.error('usage: node monkey.mjs WEB_BUILD_DIR OUT_DIR');
  process.exit(2);
}
for (const f of ['index.html', 'synack.js', 'synack.wasm']) {
  if (!fs.existsSync(path.join(webDir, f))) {
    console.error(`monkey: ${path.join(webDir, f)} is missing: build the wasm-release preset first`);
    process.exit(1);
  }
}
fs.mkdirSync(outDir, { recursive: true });
const seconds = Number(process.env.SYNACK_MONKEY_SECONDS || 60);
const seed = process.env.SYNACK_MONKEY_SEED !== undefined ? Number(process.env.SYNACK_MONKEY_SEED) >>> 0
  : (Date.now() ^ (process.pid << 16)) >>> 0;
console.log(`monkey: seed ${seed} (replay: SYNACK_MONKEY_SEED=${seed}), ${seconds} s, memory bound ${MEMORY_BOUND_MB} MB`);

// mulberry32: small, seedable, the same sequence in every node.
let state = seed;
function random() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
const pick = (a) => a[Math.floor(random() * a.length)];

const root = new URL('../../', import.meta.url);
const stems = (dir) => fs.readdirSync(new URL(dir, root)).filter((f) => f.endsWith('.toml')).map((f) => f.slice(0, -5));
const lessons = stems('lessons/');
const scenarios = stems('scenarios/');
const keys = [' ', ' ', 'ArrowLeft', 'ArrowRight', 'ArrowRight', 'Home', 'End', 'n', 'n', 'n', 'b', '1', '2', '3', '4',
  '5', '6', 'm', 'f', '+', '-', '?', 'Escape', 'Tab', 'Enter', ']', '[', 'a', 'z', 'PageDown', 'PageUp', 'Backspace',
  'Delete', 'p'];

const server = await startServer(webDir);
const url = `http://127.0.0.1:${server.address().port}/`;
const browser = await launchChromium();
const problems = [];
const log = [];
const counts = {};
let frames = 0;
let peakBytes = 0;
let typicalBytes = [];
let viewport = { width: 1280, height: 720 };
try {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, acceptDownloads: true });
  const page = await context.newPage();
  const note = (what) => problems.push(`after action ${log.length} (${log[log.length - 1] || 'start'}): ${what}`);
  page.on('console', (msg) => { if (msg.type() === 'error') note(`console error: ${msg.text()}`); });
  page.on('pageerror', (err) => note(`page error: ${err.message}`));
  page.on('download', (d) => d.cancel().catch(() => {}));
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => window.synack && window.synack.firstFrameMs > 0, null, { timeout: 60000 });

  // Frames drawn since the last look (the page keeps each frame's time in frameMs), and
  // the wasm heap's size.
  const look = () => page.evaluate(() => {
    const s = window.synack || {};
    const n = (s.frameMs || []).length;
    s.frameMs = [];
    s.appMs = [];
    const heap = (typeof Module !== 'undefined' && Module.HEAPU8) ? Module.HEAPU8.length
      : (typeof wasmMemory !== 'undefined' ? wasmMemory.buffer.byteLength : -1);
    return { n, heap };
  });
  await look();
  let lastFrameAt = Date.now();
  const checkHealth = async () => {
    const { n, heap } = await look();
    frames += n;
    if (n > 0) lastFrameAt = Date.now();
    else if (Date.now() - lastFrameAt > STUCK_MS) note(`no new frame for ${Date.now() - lastFrameAt} ms: the frame loop is stuck`);
    if (heap < 0) note('cannot read the wasm memory size');
    peakBytes = Math.max(peakBytes, heap);
    typicalBytes.push(heap);
    if (heap > MEMORY_BOUND_MB * 1024 * 1024) note(`wasm memory ${(heap / 1048576).toFixed(1)} MB, past the bound of ${MEMORY_BOUND_MB} MB`);
  };

  const point = () => ({ x: int(0, viewport.width - 1), y: int(0, viewport.height - 1) });
  const actions = [
    [10, 'key', async () => { const k = pick(keys); await page.keyboard.press(k); return k; }],
    [3, 'typing', async () => { let s = ''; for (let i = int(2, 6); i > 0; --i) s += pick(keys.filter((k) => k.length === 1)); await page.keyboard.type(s); return JSON.stringify(s); }],
    [8, 'click', async () => { const p = point(); await page.mouse.click(p.x, p.y, { button: random() < 0.1 ? 'right' : 'left', clickCount: random() < 0.1 ? 2 : 1 }); return `${p.x},${p.y}`; }],
    [4, 'drag', async () => {
      const a = point(), b = point();
      await page.mouse.move(a.x, a.y);
      await page.mouse.down();
      for (let i = 1; i <= 5; ++i) await page.mouse.move(a.x + ((b.x - a.x) * i) / 5, a.y + ((b.y - a.y) * i) / 5);
      await page.mouse.up();
      return `${a.x},${a.y} -> ${b.x},${b.y}`;
    }],
    [5, 'wheel', async () => { const p = point(); const dy = int(-600, 600); await page.mouse.move(p.x, p.y); await page.mouse.wheel(0, dy); return `${p.x},${p.y} ${dy}`; }],
    // Break it: its tab (f), then clicks where its buttons are, in the side panel.
    [4, 'break-it', async () => {
      await page.keyboard.press('f');
      const clicks = [];
      for (let i = int(1, 3); i > 0; --i) {
        const p = { x: int(10, Math.floor(viewport.width * 0.33)), y: int(80, viewport.height - 60) };
        await page.mouse.click(p.x, p.y);
        clicks.push(`${p.x},${p.y}`);
      }
      return clicks.join(' ');
    }],
    // A menu at the top (the lesson menu at the left, the scenario menu beside it),
    // then a click on whatever it dropped down.
    [4, 'menu', async () => {
      const a = { x: int(5, Math.floor(viewport.width * 0.5)), y: int(8, 30) };
      await page.mouse.click(a.x, a.y);
      await page.waitForTimeout(int(30, 120));
      const b = { x: a.x + int(-20, 200), y: int(35, Math.min(viewport.height - 1, 600)) };
      await page.mouse.click(Math.max(0, Math.min(viewport.width - 1, b.x)), b.y);
      return `${a.x},${a.y} then ${b.x},${b.y}`;
    }],
    [4, 'link', async () => {
      const r = random();
      let h;
      if (r < 0.45) h = `#lesson=${pick(lessons)}&step=${int(1, 9)}`;
      else if (r < 0.85) h = `#scenario=${pick(scenarios)}&t=${(random() * 5000).toFixed(3)}`;
      else h = pick(['#lesson=no-such&step=1', '#scenario=handshake&t=-5', '#lesson=01-handshake&step=0', '#%E0%A4%A',
                     '#scenario=&t=', '#step=2', '#lesson=01-handshake&step=99999999999', '']);
      await page.evaluate((x) => { location.hash = x; }, h);
      return h;
    }],
    [2, 'resize', async () => {
      viewport = { width: int(640, 1920), height: int(400, 1080) };
      await page.setViewportSize(viewport);
      return `${viewport.width}x${viewport.height}`;
    }],
  ];
  const total = actions.reduce((s, a) => s + a[0], 0);
  const started = Date.now();
  let lastCheck = Date.now();
  while (Date.now() - started < seconds * 1000 && problems.length === 0) {
    let r = random() * total;
    const a = actions.find((x) => (r -= x[0]) < 0) || actions[0];
    const what = await a[2]();
    log.push(`${a[1]} ${what}`);
    counts[a[1]] = (counts[a[1]] || 0) + 1;
    await page.waitForTimeout(int(10, 120));
    if (Date.now() - lastCheck >= 500) {
      lastCheck = Date.now();
      await checkHealth();
    }
  }
  await page.waitForTimeout(500);
  await checkHealth();
  await page.screenshot({ path: path.join(outDir, 'monkey-last.png') });
} catch (e) {
  problems.push(`monkey run failed after action ${log.length} (${log[log.length - 1] || 'start'}): ${e.message}`);
} finally {
  await browser.close();
  server.close();
}
fs.writeFileSync(path.join(outDir, 'monkey-actions.txt'), log.map((l, i) => `${i + 1} ${l}`).join('\n') + '\n');
typicalBytes.sort((a, b) => a - b);
const median = typicalBytes.length ? typicalBytes[Math.floor(typicalBytes.length / 2)] : 0;
console.log(`monkey: ${log.length} actions (${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')}), ` +
            `${frames} frames, wasm memory median ${(median / 1048576).toFixed(1)} MB, peak ${(peakBytes / 1048576).toFixed(1)} MB`);
if (problems.length) {
  for (const p of problems.slice(0, 10)) console.error(`monkey: ${p}`);
  console.error(`monkey: the last actions (all in ${path.join(outDir, 'monkey-actions.txt')}):`);
  for (const l of log.slice(-15)) console.error(`  ${l}`);
  console.error(`monkey: FAILED with seed ${seed}: replay with SYNACK_MONKEY_SEED=${seed} SYNACK_MONKEY_SECONDS=${seconds}`);
  process.exit(1);
}
console.log(`monkey: passed, seed ${seed}`);
