// The serve command's static server against bad requests: each request of a corpus gets
// the status it should, and afterwards the page still loads (byte for byte, plain, gzip
// and brotli). Raw sockets, so the requests are exactly the bytes written here.
// usage: node static_server_test.mjs
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { startServer } from '../../scripts/static_server.mjs';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'synack-serve-'));
const page = '<!doctype html><title>synack</title>' + 'x'.repeat(5000);
fs.writeFileSync(path.join(root, 'index.html'), page);
fs.mkdirSync(path.join(root, 'sub'));
fs.writeFileSync(path.join(root, 'sub', 'index.html'), 'sub page');
fs.writeFileSync(path.join(root, 'app.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
// A file beside the served folder that traversal must not reach.
fs.writeFileSync(path.join(root, '..', path.basename(root) + '-secret.txt'), 'secret');

const server = await startServer(root);
const port = server.address().port;

// Sends raw bytes, returns { status, headers, body } (or status 0 if the server closed
// without answering). Ends after the response or when the server closes.
function raw(bytes, { timeoutMs = 5000 } = {}) {
  return new Promise((resolve) => {
    const sock = net.connect(port, '127.0.0.1');
    const chunks = [];
    const done = () => {
      sock.destroy();
      const all = Buffer.concat(chunks);
      const sep = all.indexOf('\r\n\r\n');
      const head = (sep < 0 ? all : all.subarray(0, sep)).toString('latin1');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(head);
      const headers = {};
      for (const line of head.split('\r\n').slice(1)) {
        const i = line.indexOf(':');
        if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
      }
      resolve({ status: m ? Number(m[1]) : 0, headers, body: sep < 0 ? Buffer.alloc(0) : all.subarray(sep + 4) });
    };
    const timer = setTimeout(done, timeoutMs);
    sock.on('data', (d) => {
      chunks.push(d);
      const all = Buffer.concat(chunks);
      const sep = all.indexOf('\r\n\r\n');
      if (sep >= 0) {
        const len = /content-length: *(\d+)/i.exec(all.subarray(0, sep).toString('latin1'));
        const isHead = bytes.toString().startsWith('HEAD');
        if (isHead || (len && all.length >= sep + 4 + Number(len[1]))) {
          clearTimeout(timer);
          done();
        }
      }
    });
    sock.on('close', () => { clearTimeout(timer); done(); });
    sock.on('error', () => {});
    sock.write(bytes);
  });
}
const get = (target, extra = '') => Buffer.from(`GET ${target} HTTP/1.1\r\nHost: x\r\n${extra}connection: close\r\n\r\n`);

const cases = [
  ['malformed percent-escape', get('/%E0%A4%A'), 400],
  ['lone percent', get('/%'), 400],
  ['overlong UTF-8 escape', get('/%C0%AF'), 400],
  ['NUL in the path', get('/index.html%00.png'), 400],
  ['traversal with dots', get('/../' + path.basename(root) + '-secret.txt'), [403, 404]],
  // The URL parser folds escaped dots into a '..' segment at the root: not found.
  ['traversal, escaped dots', get('/%2e%2e/' + path.basename(root) + '-secret.txt'), [403, 404]],
  ['traversal, escaped slash', get('/..%2f' + path.basename(root) + '-secret.txt'), 403],
  ['absolute-form target elsewhere', get('http://evil.example/../../etc/passwd'), [403, 404]],
  // Node's parser refuses a method it does not know (400); one it knows but synack does not serve: 405.
  ['unknown method', Buffer.from('BREW / HTTP/1.1\r\nHost: x\r\nconnection: close\r\n\r\n'), [400, 405]],
  ['DELETE', Buffer.from('DELETE / HTTP/1.1\r\nHost: x\r\nconnection: close\r\n\r\n'), 405],
  ['POST with a body', Buffer.from('POST / HTTP/1.1\r\nHost: x\r\ncontent-length: 3\r\nconnection: close\r\n\r\nabc'), 405],
  ['huge header', get('/', `x-big: ${'a'.repeat(64 * 1024)}\r\n`), [431, 400, 0]],
  ['garbage request line', Buffer.from('\x16\x03\x01\x02\x00 hello\r\n\r\n'), [400, 0]],
  ['missing file', get('/nope.js'), 404],
  ['directory without slash', get('/sub'), 301],
  ['HEAD of the page', Buffer.from('HEAD / HTTP/1.1\r\nHost: x\r\nconnection: close\r\n\r\n'), 200],
];

let passed = 0;
let failed = 0;
const check = (ok, what) => {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
};

for (const [name, bytes, want] of cases) {
  const r = await raw(bytes);
  const allowed = Array.isArray(want) ? want : [want];
  check(allowed.includes(r.status), `${name}: status ${r.status} (want ${allowed.join(' or ')})`);
  if (name.startsWith('traversal') || name.startsWith('absolute')) check(!r.body.toString().includes('secret'), `${name}: the file outside is not served`);
  if (name.startsWith('HEAD')) check(r.body.length === 0 && Number(r.headers['content-length']) === page.length, `${name}: headers only, length ${r.headers['content-length']}`);
}

// A client that connects and says nothing, and one that stops half-way: neither blocks others.
const idle = net.connect(port, '127.0.0.1');
const half = net.connect(port, '127.0.0.1', () => half.write('GET / HTTP/1.1\r\nHo'));
idle.on('error', () => {});
half.on('error', () => {});

// After all of that, the page still loads, in every encoding.
const plainResp = await raw(get('/'));
check(plainResp.status === 200 && plainResp.body.toString() === page, `page after the corpus: ${plainResp.status}, ${plainResp.body.length} bytes`);
const gz = await raw(get('/', 'accept-encoding: gzip, deflate\r\n'));
check(gz.headers['content-encoding'] === 'gzip' && zlib.gunzipSync(gz.body).toString() === page,
      `gzip when asked: ${gz.headers['content-encoding']}, ${gz.body.length} of ${page.length} bytes`);
const br = await raw(get('/', 'accept-encoding: gzip, br\r\n'));
check(br.headers['content-encoding'] === 'br' && zlib.brotliDecompressSync(br.body).toString() === page,
      `brotli preferred when offered: ${br.headers['content-encoding']}`);
const none = await raw(get('/', 'accept-encoding: gzip;q=0\r\n'));
check(!none.headers['content-encoding'] && none.body.toString() === page, 'gzip;q=0 is refused: plain');
const wasm = await raw(get('/app.wasm'));
check(wasm.headers['content-type'] === 'application/wasm', `wasm MIME type: ${wasm.headers['content-type']}`);

idle.destroy();
half.destroy();
server.close();
fs.rmSync(root, { recursive: true, force: true });
fs.rmSync(path.join(root, '..', path.basename(root) + '-secret.txt'), { force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
