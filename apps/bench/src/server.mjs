/* global clearTimeout */
// A tiny static server for the bench pages (no dependencies): 127.0.0.1 only, a free port, and it
// closes itself after `lifetimeMs` even if the bench crashes before closing it.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
};

/**
 * Serve each URL prefix from a folder: `{ '/ai-chat/': '/abs/dist/cdn', ... }`.
 * `pages` maps exact paths to generated HTML. Resolves with `{ origin, close }`.
 */
export async function serveStatic({ mounts, pages = {}, lifetimeMs = 15 * 60_000 }) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (pages[path] !== undefined) {
      res.writeHead(200, { 'Content-Type': TYPES['.html'], 'Cache-Control': 'no-store' });
      return void res.end(pages[path]);
    }
    const prefix = Object.keys(mounts).find((p) => path.startsWith(p));
    if (!prefix) return void res.writeHead(404).end();
    const root = normalize(mounts[prefix]);
    const file = normalize(join(root, path.slice(prefix.length)));
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile())
      return void res.writeHead(404).end();
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-store',
    });
    createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const timer = setTimeout(() => server.close(), lifetimeMs);
  timer.unref();
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => {
      clearTimeout(timer);
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
