// The course as a student walks it, in headless Chromium at 1280x720: every lesson from
// step 1 to its end, by real mouse clicks on the canvas only (Next, a choice), at the
// default playback speed. At every step: the question (if any) is asked before the stop,
// the stop is reached (the playhead on the step's stop time) within a bound, the step's
// text is on screen and Next is offered without scrolling. A second pass answers every
// question wrong, each step opened by changing the URL hash in the open tab. Lesson files
// from an optional folder are opened as a teacher's would be and walked too. The app
// publishes what its lesson UI shows each frame (window.synack.ui, ui/ui_view.hpp): the
// test reads where the buttons are from it, and clicks them with the mouse.
// Screenshots of every step go to SCREENSHOT_DIR/course/.
// usage: node course_walk.mjs WEB_BUILD_DIR SCREENSHOT_DIR [EXTRA_LESSON_DIR]
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/static_server.mjs';
import { driver } from './ui_driver.mjs';

const [webDir, shotRoot, extraDir] = process.argv.slice(2);
if (!webDir || !shotRoot) {
  console.error('usage: node course_walk.mjs WEB_BUILD_DIR SCREENSHOT_DIR [EXTRA_LESSON_DIR]');
  process.exit(2);
}
for (const f of ['index.html', 'synack.js', 'synack.wasm']) {
  if (!fs.existsSync(path.join(webDir, f))) {
    console.error(`course walk: ${path.join(webDir, f)} is missing: build the wasm-release preset first`);
    process.exit(1);
  }
}
const shotDir = path.join(shotRoot, 'course');
fs.rmSync(shotDir, { recursive: true, force: true });
fs.mkdirSync(shotDir, { recursive: true });

const STEP_BOUND_MS = 20000;  // a step whose stop has not come by then is stuck
const problems = [];
const fail = (msg) => { problems.push(msg); console.error(`course walk: FAIL ${msg}`); };

const server = await startServer(webDir);
const url = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--use-angle=gl-egl', '--disable-gpu-compositing', '--enable-unsafe-swiftshader',
         '--ignore-gpu-blocklist', '--disable-background-networking', '--disable-component-update',
         '--disable-sync', '--no-first-run', '--disable-quic'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 });
page.on('console', (msg) => { if (msg.type() === 'error') fail(`console error: ${msg.text()}`); });
page.on('pageerror', (err) => fail(`page error: ${err.message}`));

const { ui, waitUi, settle, click, openHash } = driver(page, fail);

const shot = (name) => page.screenshot({ path: path.join(shotDir, `${name}.png`) });
const id2 = (n) => String(n).padStart(2, '0');

// One step, as the page shows it now: checks the question, answers it (right or not),
// waits for the stop, checks the step there. Returns the real ms the step took.
async function walkStep(lessonId, step, right, tag, skip = false) {
  const where = `${lessonId} step ${step}`;
  let u = await ui();
  const t0 = Date.now();
  if (u.asks) {
    if (u.phase !== 'question' || !u.question_shown) fail(`${where}: its question is not asked (phase ${u.phase})`);
    if (u.narrative_shown || u.verdict) fail(`${where}: the answer or the step's text shows before the question is answered`);
    if (u.t_ns >= u.stop_ns && u.stop_ns > u.start_ns) fail(`${where}: time is at the stop before the question is answered`);
    const choice = right ? u.answer : (u.answer % u.choices) + 1;
    if (right) asked.push([lessonId, step]);
    await click(`choice${choice}`, where);
    stats[right ? 'right' : 'wrong']++;
  }
  if (skip) {
    // "Skip to the moment", clicked as soon as it shows (unless the stop came first).
    await waitUi(`(u) => u.phase !== 'question'`, 10000, `${where}: the answer was not taken`);
    await settle();
    // (The stop may come by itself meanwhile: then there is nothing left to skip.)
    const p = await ui();
    if (p.phase === 'playing') await click('skip', where, p);
  }
  if (!await waitUi(`(u) => u.lesson === ${JSON.stringify(lessonId)} && u.step === ${step} && u.phase === 'at_stop'`,
                    STEP_BOUND_MS, `${where}: its stop (stuck step)`)) return -1;
  const ms = Date.now() - t0;
  await settle();
  u = await ui();
  if (u.t_ns !== u.stop_ns) fail(`${where}: the playhead is at ${u.t_ns} ns, the step stops at ${u.stop_ns} ns`);
  if (!u.narrative_shown || !u.title) fail(`${where}: the step's title or text is not shown`);
  if (u.asks && u.verdict !== (right ? 'right' : 'wrong')) fail(`${where}: verdict "${u.verdict}" after a ${right ? 'right' : 'wrong'} answer`);
  if (u.narrative_overflow > 0.5) fail(`${where}: the lesson text needs scrolling (${u.narrative_overflow.toFixed(0)} px below its box)`);
  for (const name of ['next', 'back', 'try']) if (u.items[name] && !u.items[name][4]) fail(`${where}: "${name}" is not wholly visible`);
  if (!u.items.next && !u.course_done) fail(`${where}: neither Next nor the course's end is offered`);
  await shot(`${tag}-${step}`);
  stats.steps++;
  return ms;
}

const stats = { steps: 0, right: 0, wrong: 0, lessons: 0 };
const asked = [];  // [lesson, step] of every question met in pass 1
const perLesson = [];
const t_start = Date.now();
try {
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => window.synack && window.synack.ui && window.synack.frames > 2, null, { timeout: 60000 });
  // Pass 1: the whole course from the first visit, by Next alone, every answer right.
  const tPass1 = Date.now();
  let u = await ui();
  const course = [];
  for (;;) {
    const lessonId = u.lesson;
    const index = u.lesson_index + 1;
    course.push(lessonId);
    const lt0 = Date.now();
    let walkMs = 0;
    const n = u.steps;
    for (let step = 1; step <= n; ++step) {
      if (!await waitUi(`(u) => u.lesson === ${JSON.stringify(lessonId)} && u.step === ${step}`, 10000,
                        `${lessonId}: step ${step} after Next`)) break;
      const ms = await walkStep(lessonId, step, true, `${id2(index)}-${lessonId}`);
      if (ms < 0) break;
      walkMs += ms;
      u = await ui();
      if (step === n && u.course_done) break;
      await click('next', `${lessonId} step ${step}`);
    }
    perLesson.push({ lessonId, steps: n, ms: walkMs, wallMs: Date.now() - lt0 });
    console.log(`course walk: ${lessonId}: ${n} steps, ${(walkMs / 1000).toFixed(1)} s playing at the default speed`);
    stats.lessons++;
    u = await ui();
    if (u.course_done || u.lesson === lessonId) break;  // the end, or stuck (reported above)
  }

  console.log(`course walk: the course by Next alone in ${((Date.now() - tPass1) / 1000).toFixed(0)} s`);

  // Pass 2: every question answered wrong, each step opened by a new URL hash in this tab
  // (no reload): the question must be asked again first.
  const tPass2 = Date.now();
  for (const [lessonId, step] of asked) {
    if (!await openHash(`#lesson=${lessonId}&step=${step}`,
                        `(u) => u.lesson === ${JSON.stringify(lessonId)} && u.step === ${step}`,
                        `${lessonId} step ${step}: opened by a hash change`)) continue;
    const v = await ui();
    if (v.phase !== 'question') { fail(`${lessonId} step ${step}: a link opens it with the answer shown (phase ${v.phase})`); continue; }
    await walkStep(lessonId, step, false, `wrong-${lessonId}`, true);
  }
  console.log(`course walk: every question answered wrong, opened by a hash change: ${((Date.now() - tPass2) / 1000).toFixed(0)} s`);

  // A teacher's lessons (a folder of .toml files), opened as a dropped file is and walked.
  if (extraDir && fs.existsSync(extraDir)) {
    for (const name of fs.readdirSync(extraDir).filter((f) => f.endsWith('.toml')).sort()) {
      const text = fs.readFileSync(path.join(extraDir, name), 'utf8');
      const lessonId = name.replace(/\.toml$/, '');
      await page.evaluate(([n, t]) => Module.ccall('synack_open_lesson_text', null, ['string', 'string'], [n, t]), [name, text]);
      if (!await waitUi(`(u) => u.lesson === ${JSON.stringify(lessonId)} && u.step === 1`, 10000, `${name}: opened as a file`)) continue;
      const n = (await ui()).steps;
      let walkMs = 0;
      for (let step = 1; step <= n; ++step) {
        if (step > 1 && !await waitUi(`(u) => u.lesson === ${JSON.stringify(lessonId)} && u.step === ${step}`, 10000,
                                      `${name}: step ${step} after Next`)) break;
        const ms = await walkStep(lessonId, step, true, `file-${lessonId}`);
        if (ms < 0) break;
        walkMs += ms;
        if (step < n) await click('next', `${name} step ${step}`);
      }
      perLesson.push({ lessonId: `${name} (file)`, steps: n, ms: walkMs });
      stats.lessons++;
    }
  }
} catch (e) {
  fail(`walk failed: ${e.stack || e.message}`);
} finally {
  await browser.close();
  server.close();
}

const figures = [
  `FIGURE course_walk lessons ${stats.lessons} steps_walked ${stats.steps} questions_right ${stats.right} questions_wrong ${stats.wrong}`,
  ...perLesson.map((l) => `FIGURE course_walk lesson_seconds ${l.lessonId} ${(l.ms / 1000).toFixed(1)} (${l.steps} steps, default speed)`),
  `FIGURE course_walk seconds_total ${((Date.now() - t_start) / 1000).toFixed(0)}`,
];
for (const f of figures) console.log(f);
const figDir = path.join(shotRoot, '..', 'figures');
fs.mkdirSync(figDir, { recursive: true });
fs.writeFileSync(path.join(figDir, 'course-walk.txt'), figures.join('\n') + '\n');
if (problems.length) console.error(`course walk: ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
