// The accessible copy of the lesson panel (web/index.html): in headless Chromium, its
// accessibility tree (playwright's ariaSnapshot) holds the step's title and text, the
// question and its choices as buttons, both hosts' states and a live region saying the
// latest event, and all of it changes as the learner advances by keyboard alone: Tab to
// the copy's Next, Enter; Tab to a choice, Enter. Each move must move the canvas app too
// (window.synack.ui), once (a key in the copy must not also reach the canvas's shortcuts),
// and the focused control must be visible. Prints the tree at one step.
// usage: node web_a11y.mjs WEB_BUILD_DIR SCREENSHOT_DIR
import path from 'node:path';
import { openTestPage, testArgs } from './browser.mjs';

const { webDir, shotRoot, problems, fail } = testArgs('web a11y');

const { url, page, close, ui, waitUi, settle } = await openTestPage(webDir, fail);
const shot = (name) => page.screenshot({ path: path.join(shotRoot, `web-a11y-${name}.png`) });
// The live region is said at most once a second: wait for it to settle first.
const tree = async () => {
  await page.waitForTimeout(1100);
  return page.locator('#a11y').ariaSnapshot();
};
const expectIn = (snap, text, what) => { if (!snap.includes(text)) fail(`${what}: "${text}" is not in the accessibility tree:\n${snap}`); };

// Tab until the focus is on the copy's control with this id (at most 12 presses).
async function tabTo(id, what) {
  for (let i = 0; i < 12; ++i) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement && document.activeElement.id) === id) return true;
  }
  fail(`${what}: Tab never reaches #${id} (focus on ${await page.evaluate(() => document.activeElement.outerHTML.slice(0, 80))})`);
  return false;
}

// The focused control is on screen, inside the copy shown over the canvas, with an outline.
async function focusVisible(what) {
  const f = await page.evaluate(() => {
    const e = document.activeElement, r = e.getBoundingClientRect(), p = document.getElementById('a11y').getBoundingClientRect();
    const s = getComputedStyle(e);
    return { w: r.width, h: r.height, x: r.x, y: r.y, panelW: p.width, panelH: p.height, outline: s.outlineStyle, outlineW: parseFloat(s.outlineWidth) };
  });
  if (f.w < 10 || f.h < 10 || f.panelW < 100 || f.x < 0 || f.y < 0 || f.y + f.h > 720 || f.outline === 'none' || f.outlineW < 2)
    fail(`${what}: the focused control is not visibly focused (${JSON.stringify(f)})`);
}

try {
  await page.goto(url + '#lesson=01-handshake&step=2', { waitUntil: 'load' });
  await waitUi("(u) => u.lesson === '01-handshake' && u.step === 2 && u.phase === 'at_stop' && u.a11y.text.length > 0",
               60000, 'lesson 1 step 2 at its stop');
  await settle();
  let u = await ui();
  let snap = await tree();
  console.log(`web a11y: the accessibility tree at lesson 1, step 2:\n${snap}`);
  expectIn(snap, `Step 2 of ${u.steps}: ${u.title}`, 'step 2');
  expectIn(snap, u.a11y.text[0][1].slice(0, 40), 'step 2\'s text');
  expectIn(snap, 'client: SYN-SENT', 'step 2\'s host states');
  expectIn(snap, 'server: LISTEN', 'step 2\'s host states');
  expectIn(snap, 'status: The client sends SYN, seq 0, and enters SYN-SENT.', 'step 2\'s live region');
  expectIn(snap, `button "${u.a11y.labels.next}"`, 'step 2\'s Next');
  if (await page.evaluate(() => document.getElementById('a11y').getBoundingClientRect().width) > 2)
    fail('the accessible copy is on screen before the keyboard is in it');

  // Keyboard only: Tab to the copy's Next, Enter.
  if (await tabTo('a11y-next', 'step 2')) {
    await focusVisible('Next at step 2');
    await shot('focus-next');
    await page.keyboard.press('Enter');
  }
  await waitUi("(u) => u.step === 3 && u.phase === 'question'", 10000, 'the copy\'s Next: step 3 asks its question');
  await settle();
  u = await ui();
  if (u.step !== 3) fail(`one Enter on Next went to step ${u.step}, not 3 (the key reached the canvas too?)`);
  snap = await tree();
  expectIn(snap, `Step 3 of ${u.steps}: ${u.title}`, 'step 3');
  expectIn(snap, 'What will the server send back?', 'step 3\'s question');
  expectIn(snap, 'button "B: A SYN,ACK: its own SYN and an ACK of the client', 'step 3\'s choices');
  expectIn(snap, 'button "A: Only an ACK"', 'step 3\'s choices');
  if (snap.includes('The SYN arrived.')) fail('step 3\'s text is in the tree before its moment (the canvas does not show it yet)');

  // Answer by keyboard: Tab to choice B (the right one), Enter.
  if (await tabTo(`a11y-choice${u.answer}`, 'step 3\'s question')) {
    await focusVisible('a choice');
    await shot('focus-choice');
    await page.keyboard.press('Enter');
  }
  await waitUi("(u) => u.step === 3 && u.chosen === u.answer", 5000, 'the copy\'s choice answers the canvas\'s question');
  await waitUi("(u) => u.step === 3 && u.phase === 'at_stop' && u.a11y.text.length > 0", 30000, 'step 3 plays to its stop');
  await settle();
  u = await ui();
  snap = await tree();
  console.log(`web a11y: the accessibility tree after answering step 3:\n${snap}`);
  expectIn(snap, 'The SYN arrived.', 'step 3\'s text at its stop');
  expectIn(snap, 'server: SYN-RCVD', 'step 3\'s host states');
  expectIn(snap, 'status: "✓ Right: A SYN,ACK', 'step 3\'s live region: the verdict');
  expectIn(snap, 'The server receives SYN and sends SYN,ACK, seq 0, ack 1, and enters SYN-RCVD.', 'step 3\'s live region: the event');
  if (u.verdict !== 'right') fail(`the canvas says "${u.verdict}" for the right choice`);
  if (!(await page.evaluate(() => document.getElementById('a11y').contains(document.activeElement))))
    fail('after answering, the keyboard focus left the accessible copy');
  await shot('answered');

  // Back, from the copy: the canvas goes back a step.
  if (await tabTo('a11y-back', 'step 3 at its stop')) await page.keyboard.press('Enter');
  await waitUi("(u) => u.step === 2", 10000, 'the copy\'s Back');
  await settle();
  expectIn(await tree(), `Step 2 of ${u.steps}`, 'after Back');

  // Escape gives the keyboard back to the canvas: the copy is out of sight again and the
  // canvas's own keys work (n is Next).
  await page.keyboard.press('Escape');
  if (await page.evaluate(() => document.getElementById('a11y').getBoundingClientRect().width) > 2)
    fail('after Escape the accessible copy is still shown over the canvas');
  await page.keyboard.press('n');
  await waitUi("(u) => u.step === 3", 10000, 'the canvas\'s n after Escape');
} catch (e) {
  fail(`unexpected: ${e.stack || e}`);
} finally {
  await close();
}
if (problems.length) {
  console.error(`web a11y: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log('web a11y: ok');
