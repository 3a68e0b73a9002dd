// The package command's output on a plain static host: scripts/package.sh makes
// dist/synack.zip from the wasm build; the zip is unpacked into a course site's
// sub-folder and served by Python's http.server (a host that knows nothing of synack:
// no compression, its own MIME table); the app must draw its first frame there with no
// console error, and each precompressed file must decompress to its original.
// usage: node package_test.mjs WEB_BUILD_DIR WORK_DIR
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { launchChromium } from './browser.mjs';

const [webDir, workDir] = process.argv.slice(2);
if (!webDir || !workDir) {
  console.error('usage: node package_test.mjs WEB_BUILD_DIR WORK_DIR');
  process.exit(2);
}
const root = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '../..');
const out = path.resolve(workDir, 'dist');
fs.rmSync(workDir, { recursive: true, force: true });
fs.mkdirSync(workDir, { recursive: true });
console.log(execFileSync('bash', [path.join(root, 'scripts/package.sh'), '--from', webDir, '--out', out], { encoding: 'utf8' }).trim());

let passed = 0;
let failed = 0;
const check = (ok, what) => {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
};

// Every file has its precompressed twins, and they hold the same bytes.
const dist = path.join(out, 'synack');
for (const f of ['index.html', 'synack.js', 'synack.wasm', 'cjk_font.ttf']) {
  const body = fs.readFileSync(path.join(dist, f));
  check(zlib.gunzipSync(fs.readFileSync(path.join(dist, f + '.gz'))).equals(body), `${f}.gz decompresses to ${f}`);
  check(zlib.brotliDecompressSync(fs.readFileSync(path.join(dist, f + '.br'))).equals(body), `${f}.br decompresses to ${f}`);
}
check(/application\/wasm/.test(fs.readFileSync(path.join(dist, 'MIME-TYPES.txt'), 'utf8')), 'MIME-TYPES.txt names application/wasm');

// Unpacked under a sub-folder of a course site.
const site = path.join(workDir, 'site');
const course = path.join(site, 'courses', 'networks');
fs.mkdirSync(course, { recursive: true });
execFileSync('python3', ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', path.join(out, 'synack.zip'), course]);
const host = spawn('python3', ['-m', 'http.server', '--bind', '127.0.0.1', '0'], { cwd: site, stdio: ['ignore', 'pipe', 'pipe'] });
const port = await new Promise((resolve, reject) => {
  const t = setTimeout(() => reject(new Error('http.server did not start')), 10000);
  host.stdout.on('data', (d) => {
    const m = /port (\d+)/.exec(String(d));
    if (m) { clearTimeout(t); resolve(Number(m[1])); }
  });
});
const url = `http://127.0.0.1:${port}/courses/networks/synack/`;
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(url, { waitUntil: 'load' });
  const drew = await page.waitForFunction(() => window.synack && window.synack.firstFrameMs > 0, null, { timeout: 60000 })
    .then(() => true, () => false);
  check(drew, `first frame drawn from ${url}`);
  // Chinese from there: the font is fetched from beside synack.wasm, under the sub-folder.
  await page.goto(url + '#lesson=01-handshake&step=1&lang=zh', { waitUntil: 'load' });
  await page.reload({ waitUntil: 'load' });
  const zh = await page.waitForFunction(() => window.synack && window.synack.ui && window.synack.ui.lang === 'zh' &&
                                          window.synack.ui.glyphs_missing.length === 0, null, { timeout: 60000 })
    .then(() => true, () => false);
  check(zh, 'Chinese drawn there, its font fetched from the folder');
  check(problems.length === 0, `no console or page error${problems.length ? ': ' + problems.join(' | ') : ''}`);
} finally {
  await browser.close();
  host.kill();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
