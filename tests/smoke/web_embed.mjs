// Embedding: docs/embed.html, served from one origin, holds synack from another in an
// iframe (#lesson=...&embed=1), as a course site does with a hosted copy. The compact
// view must show no top bar, and the page must receive synack's messages: each step
// reached, a question answered (wrong here, and said so), and the lesson finished.
// usage: node web_embed.mjs WEB_BUILD_DIR DOCS_DIR SCREENSHOT_DIR
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium } from './browser.mjs';
import { startServer } from '../../scripts/static_server.mjs';

const [webDir, docsDir, shotRoot] = process.argv.slice(2);
if (!webDir || !docsDir || !shotRoot || !fs.existsSync(path.join(webDir, 'synack.wasm')) ||
    !fs.existsSync(path.join(docsDir, 'embed.html'))) {
  console.error('usage: node web_embed.mjs WEB_BUILD_DIR DOCS_DIR SCREENSHOT_DIR (after building the wasm-release preset)');
  process.exit(2);
}
fs.mkdirSync(shotRoot, { recursive: true });
const problems = [];
const fail = (msg) => { problems.push(msg); console.error(`web embed: FAIL ${msg}`); };

const app = await startServer(webDir);
const course = await startServer(docsDir);
const appUrl = `http://127.0.0.1:${app.address().port}/`;
// Another origin: "localhost" against the app's "127.0.0.1".
const courseUrl = `http://localhost:${course.address().port}/embed.html?synack=${encodeURIComponent(appUrl)}`;
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1100, height: 900 }, deviceScaleFactor: 1 });
page.on('console', (msg) => { if (msg.type() === 'error') fail(`console error: ${msg.text()}`); });
page.on('pageerror', (err) => fail(`page error: ${err.message}`));

const messages = () => page.evaluate(() => window.synackMessages.slice());
async function waitMessage(pred, what, timeout = 30000) {
  try {
    await page.waitForFunction(`window.synackMessages.some(${pred})`, null, { timeout, polling: 50 });
    return true;
  } catch {
    fail(`${what}: no such message within ${timeout} ms (got ${JSON.stringify(await messages())})`);
    return false;
  }
}

try {
  await page.goto(courseUrl, { waitUntil: 'load' });
  const frame = page.frameLocator('#synack');
  const inFrame = () => page.frames().find((f) => f.url().startsWith(appUrl));
  await waitMessage("(m) => m.type === 'step' && m.lesson === '01-handshake' && m.step === 1", 'step 1 reached', 60000);
  const f = inFrame();
  if (!f) throw new Error('synack\'s frame is not there');
  const u = await f.evaluate(() => window.synack.ui);
  for (const menu of ['lesson_menu', 'scenario_menu', 'open_file'])
    if (u.items[menu]) fail(`the embedded view shows the top bar's ${menu}`);
  if (!/embed=1/.test(await f.evaluate(() => location.hash))) fail('the link on screen lost embed=1');

  // Through the page's accessible copy inside the frame: Next to step 2, Next to step 3's
  // question, a wrong answer.
  const act = async (id) => {
    await frame.locator(`#${id}`).focus();
    await page.keyboard.press('Enter');
  };
  await act('a11y-next');
  await waitMessage("(m) => m.type === 'step' && m.step === 2", 'step 2 reached');
  await act('a11y-next');
  await f.waitForFunction(() => window.synack.ui.phase === 'question' && window.synack.ui.step === 3, null, { timeout: 10000 });
  const q = await f.evaluate(() => window.synack.ui);
  const wrong = q.answer === 1 ? 2 : 1;
  await act(`a11y-choice${wrong}`);
  await waitMessage("(m) => m.type === 'answer' && m.step === 3 && m.right === false", 'step 3 answered wrong');
  await waitMessage("(m) => m.type === 'step' && m.step === 3", 'step 3 reached');
  if ((await messages()).some((m) => m.type === 'lesson-finished')) fail('"lesson-finished" before the last step');

  // The last step, by a link in the frame: reached, and the lesson finished.
  const steps = q.steps;
  await f.evaluate((n) => { location.hash = `lesson=01-handshake&step=${n}&embed=1`; }, steps);
  await waitMessage(`(m) => m.type === 'step' && m.step === ${steps}`, `step ${steps} reached`);
  await waitMessage("(m) => m.type === 'lesson-finished' && m.lesson === '01-handshake'", 'the lesson finished');
  if (await page.locator('#done').isHidden()) fail('the course page does not say the lesson is finished');
  // The compact view as the course page shows it (the keyboard out of the accessible copy).
  await f.evaluate(() => document.activeElement && document.activeElement.blur());
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(shotRoot, 'web-embed.png') });
  console.log(`web embed: messages ${JSON.stringify(await messages())}`);
} catch (e) {
  fail(`unexpected: ${e.stack || e}`);
} finally {
  await browser.close();
  app.close();
  course.close();
}
if (problems.length) {
  console.error(`web embed: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log('web embed: ok');
