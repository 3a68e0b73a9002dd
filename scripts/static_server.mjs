// A small static file server for the built web app, bound to loopback only.
// Used by `scripts/serve.sh` (the README's serve command) and by the browser tests.
// Whatever a client sends, the server answers with a status and keeps serving: a
// malformed request is the client's problem, never the server's end
// (tests/cli/static_server_test.mjs sends a corpus of bad requests).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { pathToFileURL } from 'node:url';

export const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.data': 'application/octet-stream',
  '.json': 'application/json',
  '.toml': 'text/plain; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

// Compressing costs more than reading: each file is compressed once per version.
const compressed = new Map();  // "file\0encoding" -> { mtimeMs, body }
function encodedBody(file, stat, body, encoding) {
  const key = `${file}\0${encoding}`;
  const hit = compressed.get(key);
  if (hit && hit.mtimeMs === stat.mtimeMs && hit.size === stat.size) return hit.body;
  const out = encoding === 'br'
    ? zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9 } })
    : zlib.gzipSync(body, { level: 9 });
  compressed.set(key, { mtimeMs: stat.mtimeMs, size: stat.size, body: out });
  return out;
}

// The encodings the client accepts, best first (q=0 means "not this one").
function pickEncoding(header) {
  const accepted = new Set();
  for (const part of String(header || '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) accepted.add(name);
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return null;
}

function plain(res, status, text, extra = {}) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...extra });
  res.end(res.req.method === 'HEAD' ? undefined : `${text}\n`);
}

// Maps a request path to a file under base, or says why not.
export function resolvePath(base, rawUrl) {
  let urlPath;
  try {
    urlPath = decodeURIComponent(new URL(rawUrl, 'http://localhost').pathname);
  } catch {
    return { status: 400, why: 'bad request: the path is not valid percent-encoded UTF-8' };
  }
  if (urlPath.includes('\0')) return { status: 400, why: 'bad request: NUL in the path' };
  const file = path.resolve(base, '.' + (urlPath.endsWith('/') ? urlPath + 'index.html' : urlPath));
  if (!file.startsWith(base + path.sep)) return { status: 403, why: 'forbidden: outside the served folder' };
  return { file };
}

function handle(base, req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    plain(res, 405, `method ${req.method} not allowed`, { allow: 'GET, HEAD' });
    return;
  }
  const where = resolvePath(base, req.url);
  if (!where.file) {
    plain(res, where.status, where.why);
    return;
  }
  fs.stat(where.file, (statErr, stat) => {
    if (!statErr && stat.isDirectory()) {
      plain(res, 301, 'moved', { location: new URL(req.url, 'http://localhost').pathname + '/' });
      return;
    }
    if (statErr || !stat.isFile()) {
      plain(res, 404, 'not found');
      return;
    }
    fs.readFile(where.file, (err, body) => {
      if (err) {
        plain(res, 404, 'not found');
        return;
      }
      const type = TYPES[path.extname(where.file)] || 'application/octet-stream';
      // PNG is compressed already.
      const encoding = type !== 'image/png' ? pickEncoding(req.headers['accept-encoding']) : null;
      const out = encoding ? encodedBody(where.file, stat, body, encoding) : body;
      const headers = { 'content-type': type, 'cache-control': 'no-cache', 'content-length': out.length, vary: 'accept-encoding' };
      if (encoding) headers['content-encoding'] = encoding;
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : out);
    });
  });
}

export function startServer(root, { host = '127.0.0.1', port = 0 } = {}) {
  const base = path.resolve(root);
  const server = http.createServer({ maxHeaderSize: 16384 }, (req, res) => {
    try {
      handle(base, req, res);
    } catch (err) {
      // A bug here must cost one request, not the server.
      console.error(`synack server: ${req.method} ${req.url}: ${err.message}`);
      if (!res.headersSent) plain(res, 500, 'internal error');
      else res.destroy();
    }
  });
  // Headers too large, a broken request line, a client that hangs up: answer what can
  // still be answered and drop the connection.
  server.on('clientError', (err, socket) => {
    if (!socket.writable) return socket.destroy();
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
  });
  server.headersTimeout = 10000;
  server.requestTimeout = 30000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      server.on('error', (err) => console.error(`synack server: ${err.message}`));
      resolve(server);
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [root, portArg] = process.argv.slice(2);
  const port = Number(portArg || 8080);
  startServer(root, { port })
    .then((server) => {
      const { address, port: bound } = server.address();
      console.log(`synack is served at http://${address}:${bound}/  (Ctrl+C stops)`);
    })
    .catch((err) => {
      console.error(`synack: cannot serve on 127.0.0.1:${port}: ${err.message}`);
      process.exit(1);
    });
}
