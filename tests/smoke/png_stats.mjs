// Decodes a PNG with pngjs and measures how much it varies: a blank or single-colour
// frame has near-zero variance and a handful of distinct colours.
import fs from 'node:fs';
import { PNG } from 'pngjs';

export function pngStats(file) {
  const png = PNG.sync.read(fs.readFileSync(file));
  const { width, height, data } = png;
  let sum = 0, sumSq = 0, panel = 0, background = 0;
  const colours = new Set();
  const n = width * height;
  for (let i = 0; i < n; i++) {
    const r = data[i * 4], g = data[i * 4 + 1], b = data[i * 4 + 2];
    if (r === PANEL[0] && g === PANEL[1] && b === PANEL[2]) ++panel;
    else if (r === BACKGROUND[0] && g === BACKGROUND[1] && b === BACKGROUND[2]) ++background;
    const lum = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    sum += lum;
    sumSq += lum * lum;
    if (colours.size < 4096) colours.add((r << 16) | (g << 8) | b);
  }
  const mean = sum / n;
  return { width, height, variance: sumSq / n - mean * mean, colours: colours.size,
           panelShare: panel / n, backgroundShare: background / n };
}

// palette::kPanel and palette::kBackground (ui/style.hpp). The panels are painted by
// scissored clears run from inside the renderer (ui/panel.hpp): if those broke, the
// screen would show the background colour where the panels should be.
const PANEL = [33, 36, 43];
const BACKGROUND = [24, 26, 31];

export function assertPanelsPainted(file, stats) {
  if (stats.panelShare < 0.4 || stats.backgroundShare > 0.3) {
    throw new Error(`${file}: panels not painted: ${(stats.panelShare * 100).toFixed(1)}% panel colour, ` +
                    `${(stats.backgroundShare * 100).toFixed(1)}% background colour`);
  }
}

// A frame with real content: clearly varying luminance and many colours (text, shapes).
export function assertNotBlank(file, stats) {
  if (stats.variance < 50 || stats.colours < 16) {
    throw new Error(`${file} looks blank: luminance variance ${stats.variance.toFixed(1)}, ` +
                    `${stats.colours} distinct colours`);
  }
}

if (process.argv[1] && process.argv[1].endsWith('png_stats.mjs')) {
  const file = process.argv[2];
  const stats = pngStats(file);
  console.log(`${file}: ${stats.width}x${stats.height}, luminance variance ${stats.variance.toFixed(1)}, ` +
              `${stats.colours} colours`);
  try {
    assertNotBlank(file, stats);
    assertPanelsPainted(file, stats);
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
