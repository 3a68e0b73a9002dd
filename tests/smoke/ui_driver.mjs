// Drives the app in a page through what it publishes of its lesson UI (window.synack.ui,
// ui/ui_view.hpp): waits for states of it and clicks its controls with the real mouse.
export function driver(page, fail) {
  const ui = () => page.evaluate(() => window.synack && window.synack.ui);
  const frames = () => page.evaluate(() => (window.synack && window.synack.frames) || 0);

  // Waits until the published view meets `pred` (a function of the view, run in the page).
  async function waitUi(pred, timeout, what) {
    try {
      await page.waitForFunction(`(() => { const u = window.synack && window.synack.ui; return !!u && (${pred})(u); })()`,
                                 null, { timeout, polling: 50 });
      return true;
    } catch (e) {
      const u = await ui();
      fail(`${what}: not within ${timeout} ms (now: lesson ${u && u.lesson} step ${u && u.step} phase ${u && u.phase} ` +
           `t ${u && u.t_ns} stop ${u && u.stop_ns})`);
      return false;
    }
  }

  // Waits for two more frames, so that what a click or key did is drawn and published.
  async function settle() {
    const f = await frames();
    await page.waitForFunction((n) => window.synack.frames >= n + 2, f, { timeout: 10000, polling: 16 });
  }

  // A real click: the mouse moves to the middle of the control's published rectangle,
  // presses and releases (through SDL and ImGui, as a student's click).
  async function click(name, where, seen = null) {
    const u = seen || await ui();
    const r = u.items[name];
    if (!r) { fail(`${where}: no "${name}" on screen`); return false; }
    if (!r[4]) { fail(`${where}: "${name}" is not wholly visible (needs scrolling) at [${r.slice(0, 4).join(', ')}]`); }
    await page.mouse.move(r[0] + r[2] / 2, r[1] + r[3] / 2);
    await page.mouse.down();
    await page.waitForTimeout(30);
    await page.mouse.up();
    return true;
  }

  async function openHash(hash, pred, what) {
    await page.evaluate((x) => { location.hash = x; }, hash);
    const ok = await waitUi(pred, 10000, what);
    await settle();
    return ok;
  }

  return { ui, frames, waitUi, settle, click, openHash };
}
