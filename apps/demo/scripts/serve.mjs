// A small static server for the demo (no dependencies). `pnpm start` at the repo root builds,
// then runs this: http://localhost:4173. Environment: PORT (default 4173; 0 picks a free port)
// and HOST (default 127.0.0.1; 0.0.0.0 to open it to a phone on the same network).
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeGguf } from '../../../packages/ai-chat/test/gguf/make-gguf.mjs';

/** `/models/generated.gguf` (or any other name): a small generated GGUF model (random weights, a 4,096-token context) for the CPU runtime, offline. */
let generated;
export function serveGguf(req, res) {
  generated ??= makeGguf({ dim: 256, layers: 4, name: 'demo', context: 4096 });
  const m = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
  const start = m ? Number(m[1]) : 0;
  const end = m && m[2] ? Math.min(Number(m[2]), generated.length - 1) : generated.length - 1;
  res.writeHead(m ? 206 : 200, {
    'Content-Type': 'application/octet-stream',
    'Content-Length': end - start + 1,
    'Accept-Ranges': 'bytes',
    'Access-Control-Allow-Origin': '*',
    ...(m ? { 'Content-Range': `bytes ${start}-${end}/${generated.length}` } : {}),
  });
  res.end(req.method === 'HEAD' ? undefined : generated.subarray(start, end + 1));
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
};

export function serve({
  root = fileURLToPath(new URL('../dist/', import.meta.url)),
  port = 4173,
  host = '127.0.0.1',
  headers = {},
  // A test's own routes: answers the request and returns true, or returns false to serve files.
  handle = () => false,
} = {}) {
  const server = createServer((req, res) => {
    if (handle(req, res)) return;
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (/^\/models\/[\w.-]+\.gguf$/.test(path)) return serveGguf(req, res);
    let file = normalize(join(root, path));
    if (!file.startsWith(normalize(root))) return void res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Access-Control-Allow-Origin': '*',
      ...headers,
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 4173);
  const host = process.env.HOST ?? '127.0.0.1';
  const server = await serve({ port, host }).catch((error) => {
    if (error.code === 'EADDRINUSE')
      console.error(
        `Port ${port} on ${host} is already in use. Stop what runs there, or pick another: PORT=4174 pnpm start`,
      );
    else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND')
      console.error(`HOST=${host} is not an address of this machine. Try HOST=127.0.0.1 or HOST=0.0.0.0.`);
    else console.error(`The demo server could not start: ${error.message}`);
    process.exit(1);
  });
  const { port: bound } = server.address();
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  console.log(`<ai-chat> demo: http://${shown}:${bound}`);
}
