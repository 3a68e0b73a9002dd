// The course as a student walks it, in headless Chromium at 1280x720: every lesson from
// step 1 to its end, by real mouse clicks on the canvas only (Next, a choice), at the
// default playback speed. At every step: the question (if any) is asked before the stop,
// the stop is reached (the playhead on the step's stop time) within a bound, the step's
// text is on screen and Next is offered without scrolling. A second pass answers every
// question wrong, each step opened by changing the URL hash in the open tab. Then the
// teachers' sample lessons of the folders given: each file opened as a teacher opens one
// (the lesson menu's "Open lesson file...", the browser's file picker), walked once
// answering every question wrong (skipping to each stop) and, opened again, once right
// at the default speed, a try-it tried. Every kind of question is answered by hand: a
// choice clicked, boxes ticked and checked, digits typed on the keyboard, items moved
// with their arrows; each verdict is read as drawn, with the teacher's feedback for a
// wrong pick. The app publishes what its lesson UI shows each frame (window.synack.ui,
// ui/ui_view.hpp): the test reads where the controls are from it, and clicks them with
// the mouse. Screenshots of every step go to SCREENSHOT_DIR/course/.
// usage: node course_walk.mjs WEB_BUILD_DIR SCREENSHOT_DIR [TEACHER_LESSON_DIR...]
import fs from 'node:fs';
import path from 'node:path';
import { openTestPage } from './browser.mjs';

// --part K/N walks the K-th of N stretches of the course (lessons in the order of
// LESSONS_DIR's files), so that ctest can run the stretches side by side: the first
// starts at the first visit, the others open their first lesson by link, and each ends
// by Next into the next stretch's first lesson. --no-course walks only the teachers'
// sample lessons.
const args = process.argv.slice(2);
const [webDir, shotRoot] = args;
const teacherDirs = [];
let part = null, lessonsDir = null, walkCourse = true;
for (let i = 2; i < args.length; ++i) {
  if (args[i] === '--part') part = args[++i].split('/').map(Number);
  else if (args[i] === '--lessons') lessonsDir = args[++i];
  else if (args[i] === '--no-course') walkCourse = false;
  else teacherDirs.push(args[i]);
}
if (!webDir || !shotRoot || (part && (!lessonsDir || !(part[0] >= 1 && part[0] <= part[1])))) {
  console.error('usage: node course_walk.mjs WEB_BUILD_DIR SCREENSHOT_DIR [--part K/N --lessons LESSONS_DIR] ' +
                '[--no-course] [TEACHER_LESSON_DIR...]');
  process.exit(2);
}
const courseIds = lessonsDir ? fs.readdirSync(lessonsDir).filter((f) => f.endsWith('.toml')).sort()
  .map((f) => f.slice(0, -5)) : [];
// This stretch: lessons [first, end) of the course; the whole course without --part.
const first = part ? Math.floor((part[0] - 1) * courseIds.length / part[1]) : 0;
const end = part ? Math.floor(part[0] * courseIds.length / part[1]) : Infinity;
const tag = part ? `-${part[0]}of${part[1]}` : walkCourse ? '' : '-samples';
for (const f of ['index.html', 'synack.js', 'synack.wasm']) {
  if (!fs.existsSync(path.join(webDir, f))) {
    console.error(`course walk: ${path.join(webDir, f)} is missing: build the wasm-release preset first`);
    process.exit(1);
  }
}
const shotDir = path.join(shotRoot, `course${tag}`);
fs.rmSync(shotDir, { recursive: true, force: true });
fs.mkdirSync(shotDir, { recursive: true });

const STEP_BOUND_MS = 20000;  // a step whose stop has not come by then is stuck
const problems = [];
const fail = (msg) => { problems.push(msg); console.error(`course walk: FAIL ${msg}`); };

const { url, page, close, ui, waitUi, settle, click, openHash } = await openTestPage(webDir, fail);
for (const d of teacherDirs) if (!fs.existsSync(d)) fail(`${d}: no such folder of teachers' lessons`);

const shot = (name) => page.screenshot({ path: path.join(shotDir, `${name}.png`) });
const id2 = (n) => String(n).padStart(2, '0');

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

// Answers the question on screen by hand, right or wrong, as its kind asks: returns what
// the verdict must then say beyond right or wrong (the teacher's feedback for what was
// picked, the learner's own answer).
async function answerQuestion(u, right, where, tag) {
  const expect = [];
  const kind = u.kind;
  stats.kinds[kind] = stats.kinds[kind] || { right: 0, wrong: 0 };
  stats.kinds[kind][right ? 'right' : 'wrong']++;
  if (kind === 'one') {
    // A wrong pick the teacher explains, if there is one.
    let choice = u.answer;
    if (!right) {
      const explained = u.feedback.findIndex((f, i) => f && i + 1 !== u.answer);
      choice = explained >= 0 ? explained + 1 : (u.answer % u.choices) + 1;
      if (u.feedback[choice - 1]) expect.push(u.feedback[choice - 1]);
    }
    await click(`choice${choice}`, where, u);
  } else if (kind === 'several') {
    // Wrong: every right box but the first, and the first wrong one.
    const want = Array.from({ length: u.choices }, (_, i) => u.answers.includes(i + 1));
    if (!right) {
      const missed = u.answers[0] - 1, extra = want.indexOf(false);
      want[missed] = false;
      if (extra >= 0) want[extra] = true;
      for (const i of [missed, extra].sort((x, y) => x - y)) if (i >= 0 && u.feedback[i]) expect.push(u.feedback[i]);
    }
    for (let i = 0; i < u.choices; ++i) {
      const v = await ui();
      if (v.ticked[i] !== want[i]) { await click(`choice${i + 1}`, where, v); await settle(); }
    }
    const v = await ui();
    if (!same(v.ticked, want)) fail(`${where}: ticked ${JSON.stringify(v.ticked)} after clicking for ${JSON.stringify(want)}`);
    await shot(`${tag}-answer`);
    await click('check', where, v);
  } else if (kind === 'number') {
    // Digits typed on the keyboard into the field; Enter checks a wrong one, the button a right one.
    const n = String(right ? u.number : u.number + 1);
    if (u.typed !== '') fail(`${where}: the number field starts with "${u.typed}", not empty`);
    await click('number', where, u);
    await settle();
    await page.keyboard.type(n, { delay: 40 });
    await settle();
    const v = await ui();
    if (v.typed !== n) fail(`${where}: typed ${n}, the field shows "${v.typed}"`);
    await shot(`${tag}-answer`);
    if (right) await click('check', where, v);
    // (Held a tenth of a second, as a finger does: the app reads keys once a frame, and a
    // press and release within one frame would not be seen.)
    else { await page.keyboard.press('Enter', { delay: 100 }); expect.push(n); }
  } else if (kind === 'order') {
    // Right: each item moved up with its arrow until it is in its place. Wrong: the
    // shuffled order with its first item moved down once (checked to be still wrong).
    let v = u;
    if (same(v.order_shown, v.order)) fail(`${where}: the items are first shown in the right order`);
    if (right) {
      for (let place = 0; place < v.order.length; ++place) {
        for (let guard = 0; guard < v.order.length && v.order_shown[place] !== v.order[place]; ++guard) {
          const at = v.order_shown.indexOf(v.order[place]);
          await click(`up${at + 1}`, where, v);
          await settle();
          v = await ui();
        }
      }
      if (!same(v.order_shown, v.order)) fail(`${where}: moved the items to ${v.order_shown.join(', ')}, not ${v.order.join(', ')}`);
    } else {
      const before = v.order_shown;
      await click('down1', where, v);
      await settle();
      v = await ui();
      if (!same(v.order_shown, [before[1], before[0], ...before.slice(2)])) fail(`${where}: the first item's down arrow gave ${v.order_shown.join(', ')}`);
      if (same(v.order_shown, v.order)) { await click('down1', where, v); await settle(); v = await ui(); }
      expect.push(v.order_shown.join(', '));
    }
    await shot(`${tag}-answer`);
    await click('check', where, v);
  } else {
    fail(`${where}: a question of unknown kind "${kind}"`);
  }
  return expect;
}

// One step, as the page shows it now: checks the question, answers it (right or not),
// waits for the stop, checks the step there. Returns the real ms the step took.
async function walkStep(lessonId, step, right, tag, skip = false) {
  const where = `${lessonId} step ${step}`;
  // The view of a step just entered is published by its first frame, before that frame
  // has laid the question out: two more frames, so that its choices' rectangles are in
  // it (on a loaded machine the walk otherwise read a view without them, and clicked
  // nothing).
  await settle();
  let u = await ui();
  const t0 = Date.now();
  let expect = [];
  if (u.asks) {
    if (u.phase !== 'question' || !u.question_shown) fail(`${where}: its question is not asked (phase ${u.phase})`);
    if (u.narrative_shown || u.verdict) fail(`${where}: the answer or the step's text shows before the question is answered`);
    if (u.t_ns >= u.stop_ns && u.stop_ns > u.start_ns) fail(`${where}: time is at the stop before the question is answered`);
    if (right) asked.push([lessonId, step]);
    expect = await answerQuestion(u, right, where, `${tag}-${step}`);
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
  if (!u.narrative_shown) fail(`${where}: the step's text is not shown`);
  if (u.asks) {
    if (u.verdict !== (right ? 'right' : 'wrong')) fail(`${where}: verdict "${u.verdict}" after a ${right ? 'right' : 'wrong'} ${u.kind} answer`);
    const said = u.verdict_lines.join('\n');
    const answerText = { number: String(u.number), order: u.order.join(', ') }[u.kind];
    if (answerText && !(u.verdict_lines[0] || '').endsWith(answerText)) fail(`${where}: the verdict "${u.verdict_lines[0]}" does not give the answer ${answerText}`);
    for (const e of expect) if (!said.includes(e)) fail(`${where}: the verdict after a wrong ${u.kind} answer does not say "${e}" (it says: ${said})`);
  }
  if (u.narrative_overflow > 0.5) fail(`${where}: the lesson text needs scrolling (${u.narrative_overflow.toFixed(0)} px below its box)`);
  for (const name of ['next', 'back', 'try']) if (u.items[name] && !u.items[name][4]) fail(`${where}: "${name}" is not wholly visible`);
  if (!u.items.next && !u.course_done) fail(`${where}: neither Next nor the course's end is offered`);
  await shot(`${tag}-${step}`);
  stats.steps++;
  return ms;
}

// Opens a lesson file as a teacher does: the lesson menu, its "Open lesson file..." (the
// list scrolled with the wheel when that is below its end), the browser's file picker.
async function openFile(files, where) {
  if (!Array.isArray(files)) files = [files];
  await click('lesson_menu', where);
  if (!await waitUi(`(u) => !!u.items.open_file`, 5000, `${where}: the lesson menu's "Open lesson file..."`)) return false;
  await settle();
  let u = await ui();
  for (let i = 0; i < 10 && !u.items.open_file[4]; ++i) {
    // The wheel over an entry of the list that is in view.
    const r = Object.entries(u.items).find(([k, v]) => k.startsWith('lesson_item') && v[4]);
    if (!r) break;
    await page.mouse.move(r[1][0] + r[1][2] / 2, r[1][1] + r[1][3] / 2);
    await settle();
    await page.mouse.wheel(0, 120);
    await settle();
    u = await ui();
  }
  // The picker is the browser's: if the app asked for it (window.synack.filePickers) and
  // none came, the file is dropped on the page instead, the other way the app takes one,
  // and that is said; if the app did not ask, the click did nothing: that fails.
  const asked = await page.evaluate(() => window.synack.filePickers || 0);
  let chooser;
  try {
    [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 5000 }), click('open_file', where, u)]);
  } catch (e) {
    const now = await page.evaluate(() => window.synack.filePickers || 0);
    if (now === asked) {
      await shot(`file-picker-not-asked`);
      fail(`${where}: clicking "Open lesson file..." at [${u.items.open_file.join(', ')}] did not ask for a file picker`);
      return false;
    }
    console.log(`course walk: ${where}: the app asked for a file picker and the browser showed none in 5 s; dropping the file on the page instead`);
    samples.dropped++;
    await page.evaluate((named) => {
      const dt = new DataTransfer();
      for (const [n, t] of named) dt.items.add(new File([t], n));
      document.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, files.map((f) => [path.basename(f), fs.readFileSync(f, 'utf8')]));
    return true;
  }
  if (files.length > 1 && !chooser.isMultiple()) {
    fail(`${where}: the file picker takes one file, and ${files.length} are needed (${files.map((f) => path.basename(f)).join(', ')})`);
    return false;
  }
  await chooser.setFiles(files);
  return true;
}

// A step's try-it: the variant opens and plays to its end, then back to the step's stop.
async function tryIt(id, step) {
  const where = `${id} step ${step}: try it`;
  const before = await ui();
  await click('try', where, before);
  if (!await waitUi(`(u) => u.phase === 'trying' && !!u.items.back_to_lesson`, 10000, `${where}: the variant`)) return;
  const v = await ui();
  if (v.scenario_name === before.scenario_name) fail(`${where}: the world shown is still "${v.scenario_name}"`);
  await waitUi(`(u) => u.phase === 'trying' && u.t_ns >= u.run_end_ns && u.run_end_ns > 0`, STEP_BOUND_MS, `${where}: the variant's end`);
  await settle();
  await shot(`file-${id}-${step}-try`);
  await click('back_to_lesson', where);
  if (await waitUi(`(u) => u.lesson === ${JSON.stringify(id)} && u.step === ${step} && u.phase === 'at_stop'`, 10000, `${where}: back to the step`)) {
    const u = await ui();
    if (u.t_ns !== u.stop_ns) fail(`${where}: back at ${u.t_ns} ns, the step stops at ${u.stop_ns} ns`);
  }
  samples.tried++;
}

// One sample file, opened twice: every question answered wrong (each stop skipped to),
// then right at the default speed, its try-its tried. What the file's "# expect: " lines
// say the checker reports is what the open-file window must say. A page reads no folder,
// so a lesson whose try-it names a scenario file beside it is first opened alone, which
// must be refused with that reason and leave what was on screen as it was, and then
// walked opened together with that file (the picker takes several).
async function walkFile(file) {
  const name = path.basename(file), id = name.replace(/\.toml$/, '');
  const text = fs.readFileSync(file, 'utf8');
  // A page reads no folder: a lesson's translation (zh/NAME.toml) is picked with it, under
  // the same name, and the app tells the two apart by content (a translation has no
  // scenario). What the file expects of the pair (a gap in the translation) is said then.
  const translation = path.join(path.dirname(file), 'zh', name);
  const says = [...text.matchAll(/^# expect: \S+?:(\d+): (.*)$/gm)].map((m) => `${name}:${m[1]}: ${m[2]}`);
  const besideFile = /^\s*scenario_file\s*=\s*"([^"]*)"/m.exec(text);
  const rec = { name, steps: 0, ms: 0, refused: false, t0: Date.now() };
  samples.files.push(rec);
  try {
    await walkFileTwice(file, name, id, says, besideFile, rec, fs.existsSync(translation) ? translation : null);
  } finally {
    rec.wallMs = Date.now() - rec.t0;
  }
}

async function walkFileTwice(file, name, id, says, besideFile, rec, translation) {
  const files = [file];
  if (translation) files.push(translation);
  if (besideFile) {
    const where = `${name} (opened alone)`;
    const before = await ui();
    if (!await openFile(file, where)) return;
    const reason = `scenario_file "${besideFile[1]}" cannot be read: it was not opened with the lesson, and a lesson ` +
                   `opened in the browser has no folder beside it; open "${path.basename(besideFile[1])}" together with the lesson`;
    if (!await waitUi(`(u) => u.file_message !== ''`, 10000, `${where}: the reason it is refused`)) return;
    const u = await ui();
    if (!u.file_message.includes(reason)) fail(`${where}: refused with "${u.file_message}", not "${reason}"`);
    if (u.lesson !== before.lesson || u.step !== before.step) fail(`${where}: refused, yet ${before.lesson} step ${before.step} became ${u.lesson} step ${u.step}`);
    await shot(`file-${id}-refused`);
    await click('file_ok', where, u);
    await waitUi(`(u) => u.file_message === ''`, 5000, `${where}: the refusal's OK`);
    rec.refused = true;
    files.push(path.join(path.dirname(file), besideFile[1]));
  }
  for (const right of [false, true]) {
    const where = `${name} (${right ? 'right' : 'wrong'} answers${files.length > 1 ? `, opened with ${files.slice(1).map((f) => path.basename(f)).join(', ')}` : ''})`;
    if (!await openFile(files, where)) return;
    if (!await waitUi(`(u) => u.lesson === ${JSON.stringify(id)} && u.step === 1`, 10000, `${where}: opened from the file picker`)) return;
    await settle();
    let u = await ui();
    for (const s of says) if (!u.file_message.includes(s)) fail(`${where}: the app does not say "${s}" (it says "${u.file_message}")`);
    if (!says.length && u.file_message) fail(`${where}: an unexpected message: ${u.file_message}`);
    if (u.file_message) {
      await shot(`file-${id}-warning`);
      await click('file_ok', where, u);
      await waitUi(`(u) => u.file_message === ''`, 5000, `${where}: the warning's OK`);
    }
    const n = u.steps;
    for (let step = 1; step <= n; ++step) {
      if (!await waitUi(`(u) => u.lesson === ${JSON.stringify(id)} && u.step === ${step}`, 10000, `${where}: step ${step}`)) break;
      const ms = await walkStep(id, step, right, `file-${right ? '' : 'wrong-'}${id}`, !right);
      if (ms < 0) break;
      if (right) { rec.ms += ms; rec.steps++; }
      u = await ui();
      if (right && u.items.try) await tryIt(id, step);
      if (step < n) await click('next', `${where} step ${step}`);
    }
  }
}

const stats = { steps: 0, right: 0, wrong: 0, lessons: 0, kinds: {} };
const asked = [];  // [lesson, step] of every question met in pass 1
const perLesson = [];
const samples = { files: [], tried: 0, ms: 0, dropped: 0 };  // the teachers' sample lessons
const t_start = Date.now();
try {
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => window.synack && window.synack.ui && window.synack.frames > 2, null, { timeout: 60000 });
  // Pass 1: the course (or this stretch of it) by Next alone, every answer right: from
  // the first visit, or from this stretch's first lesson opened by a link.
  const tPass1 = Date.now();
  if (first > 0 && !await openHash(`#lesson=${courseIds[first]}&step=1`,
                                   `(u) => u.lesson === ${JSON.stringify(courseIds[first])} && u.step === 1`,
                                   `${courseIds[first]}: opened by a link`)) throw new Error('the stretch did not open');
  let u = await ui();
  if (part && u.lesson !== courseIds[first]) fail(`the stretch should start at ${courseIds[first]}, the page shows ${u.lesson}`);
  const course = [];
  for (; walkCourse;) {
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
    if (first + course.length >= end && end < courseIds.length) {
      // The stretch ends here: Next has to have led into the next stretch's first lesson.
      if (!await waitUi(`(u) => u.lesson === ${JSON.stringify(courseIds[end])} && u.step === 1`, 10000,
                        `${lessonId}: Next into ${courseIds[end]}`)) fail(`${lessonId}: Next did not lead to ${courseIds[end]}`);
      break;
    }
  }
  if (part && course.length !== end - first) fail(`walked ${course.length} lessons, the stretch has ${end - first}`);

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

  // The teachers' sample lessons, each opened as a file twice: every question answered
  // wrong, then right.
  const tSamples = Date.now();
  for (const dir of teacherDirs) {
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.toml')).sort()) await walkFile(path.join(dir, name));
  }
  samples.ms = Date.now() - tSamples;
} catch (e) {
  fail(`walk failed: ${e.stack || e.message}`);
} finally {
  await close();
}

const figures = [
  `FIGURE course_walk${tag} lessons ${stats.lessons} steps_walked ${stats.steps} questions_right ${stats.right} questions_wrong ${stats.wrong}`,
  ...perLesson.map((l) => `FIGURE course_walk${tag} lesson_seconds ${l.lessonId} ${(l.ms / 1000).toFixed(1)} (${l.steps} steps, default speed)`),
  `FIGURE course_walk${tag} samples files ${samples.files.length} steps_walked ${samples.files.reduce((a, f) => a + f.steps, 0)} ` +
    `refused_opened_alone ${samples.files.filter((f) => f.refused).length} tried ${samples.tried} dropped_for_want_of_a_picker ${samples.dropped} seconds ${(samples.ms / 1000).toFixed(0)}`,
  ...samples.files.map((f) => `FIGURE course_walk${tag} sample_seconds ${f.name} ${((f.wallMs || 0) / 1000).toFixed(1)} ` +
    `(${f.steps} steps; ${(f.ms / 1000).toFixed(1)} s of it playing at the default speed${f.refused ? '; refused opened alone, walked opened with its scenario file' : ''})`),
  ...Object.entries(stats.kinds).map(([k, n]) => `FIGURE course_walk${tag} question_kind ${k} right ${n.right} wrong ${n.wrong}`),
  `FIGURE course_walk${tag} seconds_total ${((Date.now() - t_start) / 1000).toFixed(0)}`,
];
for (const f of figures) console.log(f);
const figDir = path.join(shotRoot, '..', 'figures');
fs.mkdirSync(figDir, { recursive: true });
fs.writeFileSync(path.join(figDir, `course-walk${tag}.txt`), figures.join('\n') + '\n');
if (problems.length) console.error(`course walk: ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
