// Side by side in the browser, at 1280x720: every step of the lessons that compare a
// counterfactual with real TCP (03 and 10) is opened by its link, its question answered
// by a click, and at its stop the view below the scene must be the side-by-side one:
// published by the page (window.synack.ui.beside: both runs named, the counterfactual
// badged NOT REAL TCP, the ladders' labels clear of one another) and drawn (the pixels
// of the difference colour inside its rectangle where a host's state differs). A step
// without it must not show it. Then the TCP profile switch of a scenario: its label, the
// run under Linux as a branch, and RFC against Linux side by side. Screenshots:
// SCREENSHOT_DIR/web-beside-LESSON-STEP.png, web-profile-{menu,linux,beside}.png.
// usage: node web_beside.mjs WEB_BUILD_DIR SCREENSHOT_DIR
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { openTestPage, testArgs } from './browser.mjs';
import { pngStats, assertNotBlank } from './png_stats.mjs';

const { webDir, shotRoot, problems, fail } = testArgs('web beside');

// What each lesson's two runs are called, and which one is not real TCP.
const LESSONS = [
  { id: '03-two-way-counterfactual', steps: 4, left: 'Two-way handshake', right: 'Real TCP' },
  { id: '10-no-time-wait', steps: 4, left: 'No TIME-WAIT', right: 'Real TCP: TIME-WAIT' },
];
const DIFF = [240, 120, 230];  // palette::kDiff (ui/style.hpp)

// Pixels of exactly the difference colour inside a rectangle of a screenshot.
function diffPixels(file, [x, y, w, h]) {
  const png = PNG.sync.read(fs.readFileSync(file));
  let n = 0;
  for (let j = Math.max(0, Math.floor(y)); j < Math.min(png.height, y + h); ++j)
    for (let i = Math.max(0, Math.floor(x)); i < Math.min(png.width, x + w); ++i) {
      const k = (j * png.width + i) * 4;
      if (png.data[k] === DIFF[0] && png.data[k + 1] === DIFF[1] && png.data[k + 2] === DIFF[2]) ++n;
    }
  return n;
}

const { url, page, close, ui, waitUi, settle, click, openHash } = await openTestPage(webDir, fail);

let checked = 0;
try {
  await page.goto(url + '#lesson=02-stale-syn&step=1', { waitUntil: 'load' });
  await waitUi("(u) => u.lesson === '02-stale-syn' && u.step === 1", 60000, 'lesson 2 step 1');
  await settle();
  // A lesson without a counterfactual: no side by side.
  let u = await ui();
  if (u.beside || u.items.tab_beside) fail('lesson 02 step 1 shows side by side, though it compares nothing');

  for (const l of LESSONS) {
    for (let step = 1; step <= l.steps; ++step) {
      const where = `${l.id} step ${step}`;
      if (!await openHash(`#lesson=${l.id}&step=${step}`, `(u) => u.lesson === '${l.id}' && u.step === ${step}`, where)) continue;
      u = await ui();
      if (u.phase === 'question') {
        await click(`choice${u.answer}`, where);
        await settle();
      }
      if (!await waitUi(`(u) => u.phase === 'at_stop'`, 20000, `${where}: its stop`)) continue;
      await settle();
      await settle();
      u = await ui();
      const b = u.beside;
      const file = path.join(shotRoot, `web-beside-${l.id}-${step}.png`);
      await page.screenshot({ path: file });
      assertNotBlank(file, pngStats(file));
      if (!b) { fail(`${where}: side by side is not on screen (lower tab ${u.lower_tab})`); continue; }
      if (u.lower_tab !== 3) fail(`${where}: the view below the scene is tab ${u.lower_tab}, not side by side`);
      const r = u.items.beside;
      if (!r || !r[4]) fail(`${where}: the side-by-side ladders are not wholly in view`);
      if (b.left !== l.left || b.right !== l.right) fail(`${where}: the runs are called "${b.left}" and "${b.right}", not "${l.left}" and "${l.right}"`);
      if (!b.left_not_real || b.right_not_real) fail(`${where}: NOT REAL TCP is on the ${b.right_not_real ? 'real' : 'wrong'} side (left ${b.left_not_real}, right ${b.right_not_real})`);
      if (b.labels < 6) fail(`${where}: the two ladders show ${b.labels} labels`);
      if (b.overlaps || b.outside) fail(`${where}: ${b.overlaps} label pairs meet, ${b.outside} leave their half`);
      if (b.only_left + b.only_right + b.differ === 0 || b.state_diffs === 0) fail(`${where}: nothing differs between the runs`);
      // Drawn, not only published: from the step where a host's state first differs, the
      // header's state and the host's line are lit (the tab, its header and the ladders).
      const tab = u.items.tab_beside;
      const lit = r && tab ? diffPixels(file, [r[0], tab[1], r[2], r[1] + r[3] - tab[1]]) : 0;
      const litExpected = l.id.startsWith('10') || step >= 2;
      if (litExpected && lit < 40) fail(`${where}: ${lit} pixels of the difference colour in the ladders: nothing lit`);
      console.log(`web beside: ${where}: "${b.left}" | "${b.right}", ${b.only_left}+${b.only_right} in one run only, ` +
                  `${b.differ} differ, ${b.state_diffs} state stretches, ${b.labels} labels, ${lit} lit pixels (${file})`);
      ++checked;
    }
  }
  if (checked !== LESSONS.reduce((n, l) => n + l.steps, 0)) fail(`${checked} side-by-side steps checked`);

  // The TCP profile switch: the top bar names the run's profile; its menu re-runs the
  // same script under Linux as a branch (real TCP: no NOT REAL TCP badge), the playhead
  // where it was, and the link says so; then RFC and Linux side by side, what differs lit.
  {
    const where = 'profile switch (time-wait)';
    if (await openHash('#scenario=time-wait&t=600', "(u) => u.scenario_name !== '' && u.t_ns === 600000000", where)) {
      u = await ui();
      if (u.profile !== 'RFC 9293' || u.profile_switched) fail(`${where}: the top bar says "${u.profile}" (switched ${u.profile_switched}), not RFC 9293`);
      await click('profile_menu', where);
      await settle();
      await page.screenshot({ path: path.join(shotRoot, 'web-profile-menu.png') });
      await click('profile_linux', `${where}: menu`);
      if (await waitUi("(u) => u.profile === 'Linux 6.x' && u.profile_switched", 5000, `${where}: switched to Linux`)) {
        await settle();
        u = await ui();
        if (u.t_ns !== 600000000) fail(`${where}: the playhead moved to ${u.t_ns} ns`);
        const hash = await page.evaluate(() => location.hash);
        if (!hash.includes('profile=linux')) fail(`${where}: the link "${hash}" does not say profile=linux`);
        const file = path.join(shotRoot, 'web-profile-linux.png');
        await page.screenshot({ path: file });
        assertNotBlank(file, pngStats(file));
      }
      await click('profile_menu', where);
      await settle();
      await click('profile_beside', `${where}: menu`);
      if (await waitUi('(u) => !!u.beside && u.lower_tab === 3', 5000, `${where}: side by side`)) {
        await settle();
        u = await ui();
        const b = u.beside;
        const file = path.join(shotRoot, 'web-profile-beside.png');
        await page.screenshot({ path: file });
        assertNotBlank(file, pngStats(file));
        if (b.left !== 'Linux 6.x' || b.right !== 'RFC 9293') fail(`${where}: the runs are called "${b.left}" and "${b.right}"`);
        if (b.left_not_real || b.right_not_real) fail(`${where}: a profile is badged NOT REAL TCP`);
        if (!(b.segments_left > 0 && b.segments_right > 0)) fail(`${where}: ${b.segments_left} and ${b.segments_right} segments`);
        if (b.only_left + b.only_right + b.differ === 0) fail(`${where}: nothing differs between RFC and Linux`);
        if (b.overlaps || b.outside) fail(`${where}: ${b.overlaps} label pairs meet, ${b.outside} leave their half`);
        const r = u.items.beside, tab = u.items.tab_beside;
        const lit = r && tab ? diffPixels(file, [r[0], tab[1], r[2], r[1] + r[3] - tab[1]]) : 0;
        if (lit < 40) fail(`${where}: ${lit} pixels of the difference colour: nothing lit`);
        console.log(`web beside: ${where}: "${b.left}" ${b.segments_left} segments | "${b.right}" ${b.segments_right}, ` +
                    `${b.only_left}+${b.only_right} in one run only, ${b.differ} differ, ${lit} lit pixels (${file})`);
      }
      // The key switches back; the comparison follows the run on screen.
      await page.keyboard.press('r');
      if (await waitUi("(u) => u.profile === 'RFC 9293' && !u.profile_switched && !!u.beside && u.beside.left === 'RFC 9293'",
                       5000, `${where}: r back to RFC`)) {
        u = await ui();
        if (u.t_ns !== 600000000) fail(`${where}: after r the playhead is at ${u.t_ns} ns`);
      }
      // A link opens a run switched.
      if (await openHash('#scenario=handshake&t=5&profile=linux', "(u) => u.profile === 'Linux 6.x' && u.profile_switched",
                         `${where}: a link with profile=linux`))
        ++checked;
    }
  }
} catch (e) {
  fail(`run failed: ${e.message}`);
} finally {
  await close();
}
console.log(`web beside: ${checked} steps and the profile switch checked, ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
