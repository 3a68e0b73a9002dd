// The controls a student trips on, in headless Chromium at 1280x720, by real mouse and
// keys: a first click on a side tab selects it (also after the page lost focus), the
// event log scrolls back and stays there while time moves on, a key typed while the
// lesson menu is open does not reach the lesson (a digit would answer its question),
// and Escape closes the menu.
// usage: node web_controls.mjs WEB_BUILD_DIR SCREENSHOT_DIR
import path from 'node:path';
import { openTestPage, testArgs } from './browser.mjs';

const { webDir, shotRoot, problems, fail } = testArgs('web controls');

const { url, page, close, ui, waitUi, settle, click, openHash } = await openTestPage(webDir, fail);
const shot = (name) => page.screenshot({ path: path.join(shotRoot, `web-controls-${name}.png`) });

try {
  await page.goto(url + '#lesson=01-handshake&step=8', { waitUntil: 'load' });
  await waitUi("(u) => u.lesson === '01-handshake' && u.step === 8 && u.phase === 'at_stop'", 60000, 'lesson 1 step 8');
  await settle();

  // A first click on a tab, after the page lost focus (a file picker, another tab).
  await page.evaluate(() => window.dispatchEvent(new FocusEvent('blur')));
  await settle();
  await click('tab_events', 'the event log tab');
  await settle();
  let u = await ui();
  if (u.side_tab !== 2) fail(`one click on "What happened" shows tab ${u.side_tab}, not the event log`);
  await page.evaluate(() => window.dispatchEvent(new FocusEvent('focus')));  // as the click gives it back

  // The log: at its newest line first; the wheel scrolls it back; time moving on adds
  // lines below without pulling it back down.
  u = await ui();
  const log = u.items.log;
  if (!log || u.log_scroll_max <= 0) throw new Error(`the event log has nothing to scroll (max ${u.log_scroll_max})`);
  if (u.log_scroll < u.log_scroll_max - 1) fail('the event log does not start at its newest line');
  await page.mouse.move(log[0] + log[2] / 2, log[1] + log[3] / 2);
  await page.mouse.wheel(0, -300);
  await settle();
  u = await ui();
  const back = u.log_scroll, maxBefore = u.log_scroll_max, tBefore = u.t_ns;
  if (back >= u.log_scroll_max - 1) fail(`the wheel does not scroll the event log back (${back} of ${u.log_scroll_max})`);
  for (let i = 0; i < 4; ++i) { await page.keyboard.press('ArrowRight'); await settle(); }
  u = await ui();
  if (u.t_ns <= tBefore || u.log_scroll_max <= maxBefore) fail(`time did not move on with the arrow key (t ${tBefore} -> ${u.t_ns}, log ${maxBefore} -> ${u.log_scroll_max})`);
  if (Math.abs(u.log_scroll - back) > 1) fail(`the event log moved from where it was scrolled to (${back} -> ${u.log_scroll} of ${u.log_scroll_max})`);
  await shot('log-scrolled-back');
  // Back at the bottom, it follows again.
  for (let i = 0; i < 12; ++i) { await page.mouse.wheel(0, 300); await page.waitForTimeout(20); }
  await settle();
  await page.keyboard.press('ArrowRight');
  await settle();
  u = await ui();
  if (u.log_scroll < u.log_scroll_max - 1) fail('scrolled to the bottom again, the event log does not follow the newest line');

  // A step that asks: with the lesson menu open, a digit must not answer it; Escape closes the menu.
  await openHash('#lesson=01-handshake&step=3', "(u) => u.lesson === '01-handshake' && u.step === 3 && u.phase === 'question'",
                 'lesson 1 step 3 asks');
  await click('lesson_menu', 'the lesson menu');
  await settle();
  u = await ui();
  if (!u.popup_open) fail('a click on the lesson menu does not open it');
  await shot('lesson-menu');
  await page.keyboard.press('2');
  await settle();
  u = await ui();
  if (u.phase !== 'question' || u.chosen) fail(`a key typed in the open menu reached the lesson (phase ${u.phase}, chosen ${u.chosen})`);
  await page.keyboard.press('Escape');
  await settle();
  u = await ui();
  if (u.popup_open) fail('Escape does not close the lesson menu');
  if (u.phase !== 'question') fail(`Escape changed the step (phase ${u.phase})`);
  console.log(`web controls: checked (tab ${u.side_tab}, log scrolled back to ${back.toFixed(0)} of ${maxBefore.toFixed(0)})`);
} catch (e) {
  fail(`run failed: ${e.message}`);
} finally {
  await close();
}
process.exit(problems.length ? 1 : 0);
