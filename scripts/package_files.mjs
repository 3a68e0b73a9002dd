// Writes what scripts/package.sh adds beside the app's files in a dist folder: a .gz and
// a .br of each file, MIME-TYPES.txt (what a host must send for each file) and an
// Apache .htaccess saying the same. The types come from the serve command's own table,
// so the local server and a course website send the same thing.
// usage: node package_files.mjs DIST_DIR
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { TYPES } from './static_server.mjs';

const dir = process.argv[2];
if (!dir || !fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
  console.error('usage: node package_files.mjs DIST_DIR');
  process.exit(2);
}
const files = fs.readdirSync(dir).filter((f) => !f.startsWith('.') && !/\.(gz|br)$/.test(f) && f !== 'MIME-TYPES.txt').sort();
const rows = [];
for (const f of files) {
  const body = fs.readFileSync(path.join(dir, f));
  const gz = zlib.gzipSync(body, { level: 9 });
  const br = zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } });
  fs.writeFileSync(path.join(dir, f + '.gz'), gz);
  fs.writeFileSync(path.join(dir, f + '.br'), br);
  const type = TYPES[path.extname(f)];
  if (!type) {
    console.error(`package: no MIME type for ${f}: add its extension to scripts/static_server.mjs`);
    process.exit(1);
  }
  rows.push({ f, type, bytes: body.length, gz: gz.length, br: br.length });
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
fs.writeFileSync(path.join(dir, 'MIME-TYPES.txt'), [
  'synack: what a web host must send for each file of this folder.',
  'Serve FILE.br (Content-Encoding: br) or FILE.gz (Content-Encoding: gzip) in place of FILE',
  'when the browser accepts it, with the Content-Type of FILE; or let the host compress.',
  '',
  ...rows.map((r) => `${r.f.padEnd(12)} ${r.type.padEnd(34)} ${kb(r.bytes).padStart(9)}  gzip ${kb(r.gz).padStart(9)}  br ${kb(r.br).padStart(9)}`),
  '',
].join('\n'));
// Apache (mod_mime, mod_headers, mod_rewrite): the types, and the precompressed files
// where the browser accepts them. Other hosts ignore this file.
const lines = ['# synack: types and precompressed files for Apache; other hosts ignore this file.'];
for (const ext of [...new Set(rows.map((r) => path.extname(r.f)))]) lines.push(`AddType "${TYPES[ext]}" ${ext}`);
lines.push(
  '<IfModule mod_rewrite.c>',
  '  RewriteEngine On',
  '  RewriteCond %{HTTP:Accept-Encoding} br',
  '  RewriteCond %{REQUEST_FILENAME}.br -f',
  '  RewriteRule ^(.*)$ $1.br [L]',
  '  RewriteCond %{HTTP:Accept-Encoding} gzip',
  '  RewriteCond %{REQUEST_FILENAME}.gz -f',
  '  RewriteRule ^(.*)$ $1.gz [L]',
  '</IfModule>',
  '<IfModule mod_headers.c>',
  '  <FilesMatch "\\.br$">',
  '    Header set Content-Encoding br',
  '    Header append Vary Accept-Encoding',
  '  </FilesMatch>',
  '  <FilesMatch "\\.gz$">',
  '    Header set Content-Encoding gzip',
  '    Header append Vary Accept-Encoding',
  '  </FilesMatch>',
  '</IfModule>',
);
for (const r of rows) {
  lines.push(`<Files "${r.f}.br">`, `  ForceType "${r.type}"`, '</Files>', `<Files "${r.f}.gz">`, `  ForceType "${r.type}"`, '</Files>');
}
fs.writeFileSync(path.join(dir, '.htaccess'), lines.join('\n') + '\n');
for (const r of rows) console.log(`package: ${r.f}: ${kb(r.bytes)}, gzip ${kb(r.gz)}, br ${kb(r.br)}`);
