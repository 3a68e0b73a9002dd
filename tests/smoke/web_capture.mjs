// Bring your own capture, in headless Chromium at 1280x720: a kernel's capture opened by
// the file picker ("Open capture file..." in the lesson menu) plays to its end with both
// hosts' states inferred, Break it says it is off; another dropped on the page lists its
// connections and a click on a row plays that one; then broken files dropped one by one
// (truncated, wrong magic, an absurd record length, no TCP at all, beyond the size limit)
// each give a message naming the file and the byte offset, and change nothing else.
// usage: node web_capture.mjs WEB_BUILD_DIR SCREENSHOT_DIR CAPTURES_DIR (tests/oracle/kernel)
import fs from 'node:fs';
import path from 'node:path';
import { openTestPage } from './browser.mjs';

const [webDir, shotRoot, capDir] = process.argv.slice(2);
if (!webDir || !shotRoot || !capDir || !fs.existsSync(path.join(webDir, 'synack.wasm'))) {
  console.error('usage: node web_capture.mjs WEB_BUILD_DIR SCREENSHOT_DIR CAPTURES_DIR (after building the wasm-release preset)');
  process.exit(2);
}
fs.mkdirSync(shotRoot, { recursive: true });
const problems = [];
const fail = (msg) => { problems.push(msg); console.error(`web capture: FAIL ${msg}`); };

const { url, page, close, ui, waitUi, settle, click } = await openTestPage(webDir, fail);
// A key held for two frames: pressed and released within one frame, ImGui never sees it down.
const key = async (k) => { await page.keyboard.down(k); await settle(); await page.keyboard.up(k); await settle(); };
const shot = (name) => page.screenshot({ path: path.join(shotRoot, `web-capture-${name}.png`) });

// Drops files on the page as a file manager does: name and bytes.
const drop = (named) => page.evaluate((list) => {
  const dt = new DataTransfer();
  for (const [n, bytes] of list) dt.items.add(new File([new Uint8Array(bytes)], n));
  document.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
}, named.map(([n, b]) => [n, Array.from(b)]));

const first = path.join(capDir, 'handshake-data-close.pcap');
const second = path.join(capDir, 'many-clients.pcap');
const firstBytes = fs.readFileSync(first);

try {
  await page.goto(url, { waitUntil: 'load' });
  await waitUi("(u) => u.lesson !== ''", 60000, 'the course opens');
  await settle();

  // 1. The file picker.
  await click('lesson_menu', 'the lesson menu');
  if (!await waitUi('(u) => !!u.items.open_capture', 5000, 'the lesson menu\'s "Open capture file..."')) throw new Error('no menu item');
  await settle();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 10000 }), click('open_capture', 'Open capture file...')]);
  await chooser.setFiles(first);
  await waitUi("(u) => u.capture && u.capture.file === 'handshake-data-close.pcap'", 10000, 'the picked capture opens');
  await settle();
  let u = await ui();
  if (u.lesson !== '') fail(`a capture open, the lesson ${u.lesson} is still on`);
  if (!/handshake-data-close\.pcap, connection \d+: [\d.]+:\d+ \u2192 [\d.]+:\d+/.test(u.scenario_name))
    fail(`the run's name does not say file, connection and four-tuple: "${u.scenario_name}"`);
  const names = u.a11y.hosts.map((h) => h.name);
  if (!names.every((n) => /^[\d.]+:\d+$/.test(n))) fail(`hosts are not named address:port: ${names.join(', ')}`);
  if (!['near the client', 'near the server', 'unknown'].includes(u.capture.where)) fail(`where the capture was taken: "${u.capture.where}"`);
  if (!u.items.capture_inferred || !u.items.capture_where) fail('the side panel does not say the states are inferred and where the capture was taken');
  await shot('opened');

  // Played event by event (the arrow key) to its end: each end's states as drawn.
  const seen = [[], []];
  let inferredAfterHandshake = null;
  for (let i = 0; i < 200; ++i) {
    u = await ui();
    u.a11y.hosts.forEach((h, side) => { if (seen[side][seen[side].length - 1] !== h.state) seen[side].push(h.state); });
    if (inferredAfterHandshake === null && u.a11y.hosts.every((h) => h.state === 'ESTABLISHED')) inferredAfterHandshake = u.capture.inferred;
    if (u.t_ns >= u.run_end_ns) break;
    await page.keyboard.press('ArrowRight');
    await settle();
  }
  u = await ui();
  if (u.t_ns < u.run_end_ns) fail(`the capture did not play to its end (t ${u.t_ns} of ${u.run_end_ns})`);
  console.log(`web capture: client ${seen[0].join(' > ')}; server ${seen[1].join(' > ')}`);
  if (!seen[0].includes('SYN-SENT') || !seen[0].includes('ESTABLISHED')) fail(`the client's states as played: ${seen[0].join(' > ')}`);
  if (!seen[1].includes('ESTABLISHED')) fail(`the server's states as played: ${seen[1].join(' > ')}`);
  if (!seen[0].concat(seen[1]).some((s) => s === 'FIN-WAIT-1' || s === 'CLOSE-WAIT' || s === 'LAST-ACK')) fail('no end of the close was drawn');
  if (!inferredAfterHandshake || !inferredAfterHandshake.every(Boolean)) fail(`after the handshake, the states are not marked inferred: ${JSON.stringify(inferredAfterHandshake)}`);
  await click('tab_break', 'the Break it tab');
  await settle();
  u = await ui();
  if (!u.items.break_off) fail('Break it does not say it is off for a capture');
  await shot('played-break-off');

  // 2. A drop on the page: several connections, the list, a row chosen.
  await drop([['many-clients.pcap', fs.readFileSync(second)]]);
  await waitUi("(u) => u.capture && u.capture.file === 'many-clients.pcap'", 10000, 'the dropped capture opens');
  await settle();
  u = await ui();
  if (u.capture.streams < 2) fail(`many-clients.pcap lists ${u.capture.streams} connections`);
  if (!u.capture.listing || !u.items.capture_row1) fail('a capture of several connections does not show their list');
  if (u.capture.stream !== u.capture.default) fail(`connection ${u.capture.stream} plays, not the default ${u.capture.default}`);
  await shot('connection-list');
  const pick = u.capture.default === 1 ? 2 : 1;
  // The row's first cell (the table clips each cell, so the row counts as cut off).
  const row = u.items[`capture_row${pick}`];
  if (!row) fail(`no row for connection ${pick}`);
  else {
    await page.mouse.move(row[0] + 10, row[1] + row[3] / 2);
    await page.mouse.down();
    await page.waitForTimeout(30);
    await page.mouse.up();
  }
  await waitUi(`(u) => u.capture && u.capture.stream === ${pick} && !u.capture.listing`, 5000, `connection ${pick} plays`);
  await settle();

  // 3. Broken files: a message with the file and the offset; nothing else changes.
  const state = (v) => JSON.stringify([v.capture, v.scenario_name, v.a11y.hosts, v.t_ns]);
  const recordLength = Buffer.from(firstBytes);
  recordLength.writeUInt32LE(0xffffff00, 24 + 8);
  const noTcp = Buffer.alloc(24 + 16 + 60);
  firstBytes.copy(noTcp, 0, 0, 24);
  noTcp.writeUInt32LE(60, 24 + 8);
  noTcp.writeUInt32LE(60, 24 + 12);
  noTcp[24 + 16 + 12] = 0x08, noTcp[24 + 16 + 13] = 0x06;  // ARP
  const cases = [
    ['truncated.pcap', firstBytes.subarray(0, firstBytes.length - 7), /at byte (\d+)/, (n) => n > 24 && n < firstBytes.length],
    ['wrong-magic.pcap', Buffer.concat([Buffer.from('XXXX'), firstBytes.subarray(4)]), /at byte (\d+)/, (n) => n === 0],
    ['absurd-length.pcap', recordLength, /at byte (\d+)/, (n) => n === 32],
    ['no-tcp.pcap', noTcp, /at byte (\d+).*none of them TCP/, (n) => n === 0],
  ];
  for (const [name, bytes, re, offsetOk] of cases) {
    const before = await ui();
    await drop([[name, bytes]]);
    await waitUi(`(u) => u.file_message.startsWith(${JSON.stringify(name)})`, 10000, `${name}: a message`);
    await settle();
    const after = await ui();
    const m = re.exec(after.file_message);
    if (!after.file_message.startsWith(name + ': ') || !m || !offsetOk(Number(m[1]))) fail(`${name}: the message "${after.file_message}"`);
    else console.log(`web capture: ${after.file_message}`);
    if (state(after) !== state(before)) fail(`${name}: something else changed: ${state(before)} -> ${state(after)}`);
    if (name === 'absurd-length.pcap') await shot('bad-input');
    await key('Escape');
    await waitUi('(u) => u.file_message === ""', 5000, `${name}: the message closes`);
    await settle();
  }
  // Beyond the size limit (a blob of one chunk many times over: nothing is read).
  const before = await ui();
  await page.evaluate(() => {
    const chunk = new Uint8Array(1 << 20);
    const dt = new DataTransfer();
    dt.items.add(new File(Array(600).fill(chunk), 'huge.pcap'));
    document.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await waitUi('(u) => u.file_message.startsWith("huge.pcap")', 10000, 'huge.pcap: a message');
  const huge = await ui();
  if (!/^huge\.pcap: at byte 536870912: file has 629145600 bytes, at most 536870912 \(512 MiB\)/.test(huge.file_message))
    fail(`huge.pcap: the message "${huge.file_message}"`);
  if (state(huge) !== state(before)) fail('huge.pcap: something else changed');
  await key('Escape');
  // Still running: frames go on, and the capture on screen still plays.
  await page.keyboard.press('ArrowRight');
  await settle();
  u = await ui();
  if (u.t_ns <= before.t_ns && before.t_ns < before.run_end_ns) fail('after the broken files, time no longer moves');
} catch (e) {
  fail(`stopped: ${e.message}`);
  await shot('stopped').catch(() => {});
} finally {
  await close();
}
if (problems.length) {
  console.error(`web capture: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log('web capture: OK');
