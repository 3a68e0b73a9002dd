// The app in Chinese, in the browser: a first visit from a zh-CN browser opens in
// Chinese; every glyph of the words on screen is in the font atlas (the app publishes
// the characters it lacks, window.synack.ui.glyphs_missing: a box or '?' would be one);
// a lesson's question and its verdict in Chinese; the top bar's switch to English keeps
// the lesson, step and playhead, and the link says the language; a teacher's Chinese-only
// lesson opened at run time. Screenshots for a reader to look at, and the first frame's
// time in each language.
// usage: node web_zh.mjs WEB_BUILD_DIR SCREENSHOT_DIR
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { launchChromium } from './browser.mjs';
import { startServer } from '../../scripts/static_server.mjs';
import { pngStats, assertNotBlank } from './png_stats.mjs';
import { driver } from './ui_driver.mjs';

const [webDir, shotDir] = process.argv.slice(2);
if (!webDir || !shotDir) {
  console.error('usage: node web_zh.mjs WEB_BUILD_DIR SCREENSHOT_DIR');
  process.exit(2);
}
fs.mkdirSync(shotDir, { recursive: true });
const problems = [];
const fail = (m) => problems.push(m);
const figures = [];
const server = await startServer(webDir);
const url = `http://127.0.0.1:${server.address().port}/`;
const browser = await launchChromium();

async function open(locale, hash) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1, locale });
  const page = await context.newPage();
  page.on('console', (msg) => { if (msg.type() === 'error') fail(`console error: ${msg.text()}`); });
  page.on('pageerror', (err) => fail(`page error: ${err.message}`));
  await page.goto(url + hash, { waitUntil: 'load' });
  await page.waitForFunction(() => window.synack && window.synack.firstFrameMs > 0 && window.synack.ui, null, { timeout: 60000 });
  return { context, page, d: driver(page, fail), firstFrameMs: await page.evaluate(() => window.synack.firstFrameMs) };
}

async function shot(page, name) {
  const file = path.join(shotDir, `web-zh-${name}.png`);
  await page.screenshot({ path: file });
  assertNotBlank(file, pngStats(file));
  const u = await page.evaluate(() => window.synack.ui);
  if (u.glyphs_missing.length) fail(`${name}: the font atlas lacks ${u.glyphs_missing.join(' ')} of the words on screen`);
  console.log(`web zh: ${file} (lang ${u.lang}, lesson ${u.lesson} step ${u.step} ${u.phase}, glyphs missing: ${u.glyphs_missing.length})`);
  return u;
}

try {
  // English first, for the first frame's time to compare with.
  const en = await open('en-US', '');
  figures.push(`FIGURE web first_frame_ms_en ${en.firstFrameMs.toFixed(0)}`);
  if ((await en.d.ui()).lang !== 'en') fail('an en-US browser does not open in English');
  await en.context.close();

  // A zh-CN browser's first visit: Chinese, and the link says so.
  const zh = await open('zh-CN', '');
  figures.push(`FIGURE web first_frame_ms_zh ${zh.firstFrameMs.toFixed(0)}`);
  const { page, d } = zh;
  await d.settle();
  let u = await shot(page, 'first-visit');
  if (u.lang !== 'zh') fail(`a zh-CN browser's first visit is in "${u.lang}", not zh`);
  const hash = await page.evaluate(() => location.hash);
  if (!hash.endsWith('&lang=zh')) fail(`the first visit's link "${hash}" does not keep the language`);

  // Lesson 1's third step: its question, then a wrong answer's verdict, in Chinese.
  if (await d.openHash('#lesson=01-handshake&step=3&lang=zh', "(u) => u.step === 3 && u.phase === 'question'", 'lesson 1 step 3')) {
    u = await shot(page, 'question');
    await page.keyboard.press('1');
    await d.waitUi("(u) => u.verdict !== ''", 10000, 'the verdict');
    await page.waitForTimeout(300);
    u = await shot(page, 'verdict');
    await d.waitUi("(u) => u.phase === 'at_stop'", 20000, 'the stop');
    await d.settle();
    u = await shot(page, 'at-stop');
  }
  // The switch keeps the moment: lesson, step, playhead.
  const before = await d.ui();
  await d.click('lang_toggle', 'the language switch');
  await d.waitUi("(u) => u.lang === 'en'", 5000, 'switched to English');
  await d.settle();
  const after = await shot(page, 'switched-to-english');
  for (const k of ['lesson', 'step', 't_ns', 'phase'])
    if (after[k] !== before[k]) fail(`the switch to English changed ${k}: ${before[k]} -> ${after[k]}`);
  const hashEn = await page.evaluate(() => location.hash);
  if (!hashEn.endsWith('&lang=en')) fail(`after the switch the link is "${hashEn}"`);
  const progress = await page.evaluate(() => localStorage.getItem('synack.progress') || '');
  if (!/(^|\n)lang:en 1\n/.test(progress)) fail(`the language chosen is not kept with the progress: ${JSON.stringify(progress)}`);
  await d.click('lang_toggle', 'the language switch back');
  await d.waitUi("(u) => u.lang === 'zh'", 5000, 'switched back to Chinese');

  // The state machines and the inspector, in Chinese.
  await d.openHash('#lesson=08-simultaneous-close&step=2&lang=zh', "(u) => u.lesson === '08-simultaneous-close' && u.step === 2", 'lesson 8');
  await page.keyboard.press('2');
  await d.waitUi("(u) => u.phase === 'at_stop'", 20000, 'lesson 8 step 2 stop (CLOSING)');
  await page.keyboard.press('m');
  await page.waitForTimeout(500);
  await shot(page, 'closing');
  await page.keyboard.press('n');
  await d.waitUi("(u) => u.step === 3 && u.phase === 'at_stop'", 20000, 'lesson 8 step 3 stop (TIME-WAIT)');
  await page.waitForTimeout(400);
  await shot(page, 'time-wait');
  await d.openHash('#lesson=01-handshake&step=1&lang=zh', "(u) => u.lesson === '01-handshake' && u.step === 1", 'lesson 1');
  await d.waitUi("(u) => u.phase === 'at_stop'", 20000, 'lesson 1 step 1 stop');
  await page.keyboard.press('i');
  await page.waitForTimeout(400);
  await shot(page, 'inspector');

  // A teacher's lesson in Chinese only, handed to the page at run time (no rebuild).
  const teacher = fs.readFileSync(new URL('../lessons/good/zh-only.toml', import.meta.url), 'utf8');
  await page.evaluate((t) => Module.ccall('synack_open_lesson_text', null, ['string', 'string'], ['zh-only.toml', t]), teacher);
  await d.waitUi("(u) => u.lesson === 'zh-only'", 10000, 'the teacher lesson');
  await d.settle();
  await shot(page, 'teacher-lesson');
  const broken = 'lang = "zh"\ntitle = "坏的课程"\nscenario = "handshake"\n[[step]]\ntext = "第一次握手"\nstop = { segment = "rst" }\n';
  await page.evaluate((t) => Module.ccall('synack_open_lesson_text', null, ['string', 'string'], ['broken-zh.toml', t]), broken);
  await page.waitForTimeout(600);
  await shot(page, 'broken-teacher-lesson');
  await zh.context.close();

  let wasm = 0, gz = 0;
  for (const f of fs.readdirSync(webDir).filter((f) => /\.(wasm|js|data|html)$/.test(f))) {
    const b = fs.readFileSync(path.join(webDir, f));
    wasm += b.length;
    gz += zlib.gzipSync(b, { level: 9 }).length;
  }
  figures.push(`FIGURE web bundle_bytes ${wasm} gzip ${gz}`);
} catch (e) {
  fail(`run failed: ${e.stack || e.message}`);
} finally {
  await browser.close();
  server.close();
}
for (const f of figures) console.log(f);
for (const p of problems) console.error(`web zh: ${p}`);
process.exit(problems.length ? 1 : 0);
