// The page when WebGL2 cannot be created: the canvas's getContext is made to fail (as it
// does in a browser without working GPU support), and the page must say in words what
// failed and what to try, not stay dark. The message comes from a table keyed by the
// page's language: English, and Chinese when <html lang="zh">.
// usage: node webgl_fail.mjs WEB_BUILD_DIR SCREENSHOT_DIR
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium } from './browser.mjs';
import { startServer } from '../../scripts/static_server.mjs';
import { pngStats, assertNotBlank } from './png_stats.mjs';

const [webDir, shotDir] = process.argv.slice(2);
if (!webDir || !shotDir) {
  console.error('usage: node webgl_fail.mjs WEB_BUILD_DIR SCREENSHOT_DIR');
  process.exit(2);
}
if (!fs.existsSync(path.join(webDir, 'synack.wasm'))) {
  console.error(`webgl fail: ${path.join(webDir, 'synack.wasm')} is missing: build the wasm-release preset first`);
  process.exit(1);
}
fs.mkdirSync(shotDir, { recursive: true });

const server = await startServer(webDir);
const url = `http://127.0.0.1:${server.address().port}/`;
const browser = await launchChromium();
const problems = [];
try {
  for (const lang of ['en', 'zh']) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 });
    page.on('pageerror', (err) => problems.push(`${lang}: page error: ${err.message}`));
    // Before any script of the page: no WebGL of either version.
    await page.addInitScript(() => {
      const real = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (kind, ...rest) {
        if (/webgl/i.test(kind)) return null;
        return real.call(this, kind, ...rest);
      };
    });
    // The page as a translation would ship it: the same file with another <html lang>.
    await page.route(url, async (route) => {
      const res = await route.fetch();
      const html = (await res.text()).replace('<html lang="en">', `<html lang="${lang}">`);
      await route.fulfill({ response: res, body: html });
    });
    await page.goto(url, { waitUntil: 'load' });
    const box = page.locator('#startup-error');
    await box.waitFor({ state: 'visible', timeout: 60000 });
    const text = await box.innerText();
    const want = lang === 'en'
      ? ['WebGL2', 'another browser', 'hardware acceleration', 'desktop']
      : ['无法创建 WebGL2', '浏览器', '硬件加速', '桌面版'];
    for (const w of want) if (!text.includes(w)) problems.push(`${lang}: the message lacks "${w}": ${JSON.stringify(text)}`);
    if (!/SDL_GL_CreateContext|SDL_CreateWindow/.test(text)) problems.push(`${lang}: the message does not say what failed: ${JSON.stringify(text)}`);
    const loading = await page.locator('#status').isVisible();
    if (loading) problems.push(`${lang}: "loading" is still shown beside the message`);
    const shot = path.join(shotDir, `web-no-webgl-${lang}.png`);
    await page.screenshot({ path: shot });
    assertNotBlank(shot, pngStats(shot));
    console.log(`webgl fail (${lang}): ${shot}: ${text.split('\n')[0]}`);
    await page.close();
  }
} catch (e) {
  problems.push(`run failed: ${e.message}`);
} finally {
  await browser.close();
  server.close();
}
for (const p of problems) console.error(`webgl fail: ${p}`);
process.exit(problems.length ? 1 : 0);
