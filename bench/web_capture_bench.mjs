// Opening a 100 MB capture in the browser (issue: bring your own capture, item 7): the
// file is made now by capture_file_gen (the bulk-transfer scenario's pcap repeated as new
// connections, not committed), handed to the page as the app's file picker does, and
// timed from the pick to the first frame that draws it. Memory: the app's WebAssembly
// heap before and after, against the goal of at most twice the file's size.
// Goals: <= 5 s, heap growth <= 2x the file. Prints the figures; exit 1 when a goal is missed.
// usage: node web_capture_bench.mjs WEB_BUILD_DIR CAPTURE_FILE_GEN SCENARIO.toml OUT_DIR [SIZE_MB=100]
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { launchChromium } from '../tests/smoke/browser.mjs';
import { startServer } from '../scripts/static_server.mjs';

const [webDir, gen, scenario, outDir, sizeArg] = process.argv.slice(2);
if (!webDir || !gen || !scenario || !outDir) {
  console.error('usage: node web_capture_bench.mjs WEB_BUILD_DIR CAPTURE_FILE_GEN SCENARIO.toml OUT_DIR [SIZE_MB]');
  process.exit(2);
}
const sizeMb = Number(sizeArg || 100);
fs.mkdirSync(outDir, { recursive: true });
const file = path.join(outDir, `capture-${sizeMb}mb.pcap`);
execFileSync(gen, [scenario, file, String(sizeMb)], { stdio: 'inherit' });
const bytes = fs.statSync(file).size;

const server = await startServer(webDir);
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 });
let failed = false;
try {
  await page.goto(`http://127.0.0.1:${server.address().port}/`, { waitUntil: 'load' });
  await page.waitForFunction(() => window.synack && window.synack.ui && window.synack.ui.lesson !== '', null, { timeout: 60000 });
  // A file input handing its file to the page's synackOpenFiles, as the app's picker does.
  await page.evaluate(() => {
    const i = document.createElement('input');
    i.type = 'file';
    i.id = 'bench-file';
    i.style.display = 'none';
    i.onchange = () => window.synackOpenFiles(i.files);
    document.body.appendChild(i);
  });
  const t0 = await page.evaluate(() => performance.now());
  await page.setInputFiles('#bench-file', file);
  const name = path.basename(file);
  await page.waitForFunction((n) => window.synack.ui && window.synack.ui.capture && window.synack.ui.capture.file === n,
                             name, { timeout: 60000, polling: 10 });
  const drawn = await page.evaluate(() => performance.now());
  const o = await page.evaluate(() => window.synack.captureOpened);
  const u = await page.evaluate(() => window.synack.ui.capture);
  const mb = (b) => (b / 1048576).toFixed(1);
  const growth = o.heapAfter - o.heapBefore;
  const total = drawn - t0;
  console.log(`web capture bench: ${name}: ${bytes} bytes (${mb(bytes)} MiB), ${u.streams} connections, connection ${u.stream} shown (${u.segments} segments)`);
  console.log(`web capture bench: read + copy + index + run ${o.ms.toFixed(0)} ms; pick to first frame drawing it ${total.toFixed(0)} ms (goal <= 5000)`);
  console.log(`web capture bench: wasm heap ${mb(o.heapBefore)} -> ${mb(o.heapAfter)} MiB, grew ${mb(growth)} MiB = ${(growth / bytes).toFixed(2)}x the file (goal <= 2x)`);
  if (total > 5000) { failed = true; console.error('web capture bench: FAIL slower than 5 s'); }
  if (o.heapAfter > 2 * bytes + o.heapBefore) { failed = true; console.error('web capture bench: FAIL more than 2x the file in memory'); }
} finally {
  await browser.close();
  server.close();
  fs.rmSync(file, { force: true });
}
process.exit(failed ? 1 : 0);
