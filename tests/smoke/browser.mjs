// How every browser test starts Debian's Chromium: WebGL through ANGLE on Mesa's
// llvmpipe (EGL, no display needed) with the software compositor. On 2 cores this draws
// synack's big-trace frame 1.5x as fast as Chromium's SwiftShader (docs/PERFORMANCE.md);
// should Mesa's EGL be missing, Chromium falls back to SwiftShader (web_smoke prints the
// renderer in use). No network of its own: nothing it fetches comes from outside.
import { chromium } from 'playwright-core';

export function launchChromium(options = {}) {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--use-angle=gl-egl', '--disable-gpu-compositing', '--enable-unsafe-swiftshader',
           '--ignore-gpu-blocklist', '--disable-background-networking', '--disable-component-update',
           '--disable-sync', '--no-first-run', '--disable-quic'],
    ...options,
  });
}
