// How every browser test starts Debian's Chromium: WebGL through ANGLE on Mesa's
// llvmpipe (EGL, no display needed) with the software compositor. On 2 cores this draws
// synack's big-trace frame 1.5x as fast as Chromium's SwiftShader (docs/PERFORMANCE.md);
// should Mesa's EGL be missing, Chromium falls back to SwiftShader (web_smoke prints the
// renderer in use). No network of its own: nothing it fetches comes from outside.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/static_server.mjs';
import { driver } from './ui_driver.mjs';

export function launchChromium(options = {}) {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--use-angle=gl-egl', '--disable-gpu-compositing', '--enable-unsafe-swiftshader',
           '--ignore-gpu-blocklist', '--disable-background-networking', '--disable-component-update',
           '--disable-sync', '--no-first-run', '--disable-quic'],
    ...options,
  });
}

// A browser test's start: WEB_BUILD_DIR and SCREENSHOT_DIR from the command line (the
// build must hold synack.wasm; the folder is made), and its problems, each printed under
// the test's name as it is found.
export function testArgs(name) {
  const [webDir, shotRoot] = process.argv.slice(2);
  if (!webDir || !shotRoot || !fs.existsSync(path.join(webDir, 'synack.wasm'))) {
    console.error(`usage: node ${path.basename(process.argv[1])} WEB_BUILD_DIR SCREENSHOT_DIR (after building the wasm-release preset)`);
    process.exit(2);
  }
  fs.mkdirSync(shotRoot, { recursive: true });
  const problems = [];
  const fail = (msg) => { problems.push(msg); console.error(`${name}: FAIL ${msg}`); };
  return { webDir, shotRoot, problems, fail };
}

// The page every lesson test drives: the web build served on a free local port, one
// 1280x720 page at scale 1 in which a console error or an uncaught exception is a
// problem, the ui driver over it (ui_driver.mjs), and close() for the finally.
export async function openTestPage(webDir, fail) {
  const server = await startServer(webDir);
  const url = `http://127.0.0.1:${server.address().port}/`;
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 });
  page.on('console', (msg) => { if (msg.type() === 'error') fail(`console error: ${msg.text()}`); });
  page.on('pageerror', (err) => fail(`page error: ${err.message}`));
  const close = async () => {
    await browser.close();
    server.close();
  };
  return { url, browser, page, close, ...driver(page, fail) };
}
