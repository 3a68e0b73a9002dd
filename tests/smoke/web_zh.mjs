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

// font: how the page's request for the Chinese font is answered ('delay': 1.5 s late,
// '404': not there); expectedError: a console error this page is meant to print.
async function open(locale, hash, { font = 'serve', expectedError = null } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1, locale });
  const page = await context.newPage();
  const requests = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !(expectedError && expectedError.test(msg.text()))) fail(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => fail(`page error: ${err.message}`));
  // Nothing beyond the page's own origin, and the font only when Chinese is on.
  page.on('request', (req) => {
    requests.push(req.url());
    if (!req.url().startsWith(url)) fail(`a request beyond the page's origin: ${req.url()}`);
  });
  if (font === 'delay') await page.route('**/cjk_font.ttf', async (r) => { await new Promise((ok) => setTimeout(ok, 8000)); await r.continue(); });
  if (font === '404') await page.route('**/cjk_font.ttf', (r) => r.fulfill({ status: 404, body: 'not here' }));
  await page.goto(url + hash, { waitUntil: 'load' });
  await page.waitForFunction(() => window.synack && window.synack.firstFrameMs > 0 && window.synack.ui, null, { timeout: 60000 });
  const fontFetches = () => requests.filter((u) => /cjk_font\.ttf$/.test(u)).length;
  return { context, page, d: driver(page, fail), fontFetches, firstFrameMs: await page.evaluate(() => window.synack.firstFrameMs) };
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
  await en.d.settle();
  if ((await en.d.ui()).glyphs_missing.length) fail(`the English page lacks glyphs: ${(await en.d.ui()).glyphs_missing.join(' ')}`);
  if (en.fontFetches()) fail(`the English page fetched the Chinese font ${en.fontFetches()} times`);
  figures.push(`FIGURE web atlas_dpr1_en ${(await en.d.ui()).atlas.join('x')}`);
  // The switch from there: the font is fetched, then the first frame in Chinese.
  const t0 = await en.page.evaluate(() => performance.now());
  await en.d.click('lang_toggle', 'the switch to Chinese');
  await en.page.waitForFunction(() => window.synack.ui.lang === 'zh', null, { timeout: 20000, polling: 'raf' });
  const switchMs = (await en.page.evaluate(() => performance.now())) - t0;
  figures.push(`FIGURE web switch_to_zh_ms ${switchMs.toFixed(0)} (click to the first frame in Chinese, the font fetched)`);
  await en.d.settle();
  await shot(en.page, 'switched-from-english');
  if (en.fontFetches() !== 1) fail(`the switch fetched the Chinese font ${en.fontFetches()} times, not once`);
  await en.context.close();

  // A slow font (8 s late): until it is here the screen stays English, the switch says it
  // is loading, and nothing is drawn as a box.
  const slow = await open('en-US', '', { font: 'delay' });
  await slow.d.settle();
  await slow.d.click('lang_toggle', 'the switch, with a slow font');
  if (await slow.d.waitUi('(u) => u.font_loading', 5000, 'the switch says the font is loading')) {
    const u = await shot(slow.page, 'font-loading');
    if (u.lang !== 'en' || !u.font_loading) fail(`while the font loads: lang "${u.lang}", loading ${u.font_loading}; expected English, loading`);
  }
  await slow.d.waitUi("(u) => u.lang === 'zh' && !u.font_loading", 20000, 'Chinese once the slow font is here');
  await slow.d.settle();
  await shot(slow.page, 'after-slow-font');
  await slow.context.close();

  // No font file: the app stays in English and says why (on the console too).
  const none = await open('en-US', '', { font: '404', expectedError: /Chinese is not available|status of 404/ });
  await none.d.settle();
  await none.d.click('lang_toggle', 'the switch, with no font file');
  await none.page.waitForTimeout(1000);
  await none.d.settle();
  const un = await shot(none.page, 'no-font-file');
  if (un.lang !== 'en' || un.font_loading) fail(`with no font file: lang ${un.lang}, loading ${un.font_loading}; expected English, not loading`);
  await none.context.close();

  // A zh-CN browser's first visit: Chinese, and the link says so.
  const zh = await open('zh-CN', '');
  figures.push(`FIGURE web first_frame_ms_zh ${zh.firstFrameMs.toFixed(0)}`);
  const { page, d } = zh;
  await d.settle();
  let u = await shot(page, 'first-visit');
  if (zh.fontFetches() !== 1) fail(`the Chinese first visit fetched the font ${zh.fontFetches()} times, not once`);
  figures.push(`FIGURE web atlas_dpr1_zh ${u.atlas.join('x')}`);
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

  // A phone's screen (2 device pixels a point): the atlas in both languages, within the
  // 4096 texels a side that WebGL2 on a phone takes.
  for (const [locale, lang] of [['en-US', 'en'], ['zh-CN', 'zh']]) {
    const context = await browser.newContext({ viewport: { width: 412, height: 915 }, deviceScaleFactor: 2, locale, isMobile: true });
    const p = await context.newPage();
    p.on('pageerror', (err) => fail(`page error (2x): ${err.message}`));
    await p.goto(url, { waitUntil: 'load' });
    await p.waitForFunction(() => window.synack && window.synack.firstFrameMs > 0 && window.synack.ui, null, { timeout: 60000 });
    const u = await p.evaluate(() => window.synack.ui);
    figures.push(`FIGURE web atlas_dpr2_${lang} ${u.atlas[0]}x${u.atlas[1]} (first frame ${(await p.evaluate(() => window.synack.firstFrameMs)).toFixed(0)} ms)`);
    if (u.lang !== lang) fail(`at 2x a ${locale} browser opens in "${u.lang}"`);
    if (u.atlas[0] > 4096 || u.atlas[1] > 4096 || u.atlas[0] < 256) fail(`at 2x the ${lang} atlas is ${u.atlas.join('x')}`);
    if (u.glyphs_missing.length) fail(`at 2x in ${lang} the atlas lacks ${u.glyphs_missing.join(' ')}`);
    await p.screenshot({ path: path.join(shotDir, `web-zh-dpr2-${lang}.png`) });
    await context.close();
  }

  let wasm = 0, gz = 0;
  for (const f of fs.readdirSync(webDir).filter((f) => /\.(wasm|js|data|html|ttf)$/.test(f))) {
    const b = fs.readFileSync(path.join(webDir, f));
    wasm += b.length;
    gz += zlib.gzipSync(b, { level: 9 }).length;
  }
  figures.push(`FIGURE web bundle_bytes ${wasm} gzip ${gz} (with cjk_font.ttf: the Chinese page's weight)`);
} catch (e) {
  fail(`run failed: ${e.stack || e.message}`);
} finally {
  await browser.close();
  server.close();
}
for (const f of figures) console.log(f);
for (const p of problems) console.error(`web zh: ${p}`);
process.exit(problems.length ? 1 : 0);
