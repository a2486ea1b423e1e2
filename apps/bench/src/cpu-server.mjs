// The CPU bench's static server (127.0.0.1, a free port): the script-tag build, wllama's own ESM
// for driving it directly, and generated GGUF models (random weights, real llama architecture),
// with Content-Length and HTTP Range (the CPU runtime reads GGUF headers by Range).
// `isolated`: every response carries COOP/COEP, so the page and its workers are cross-origin
// isolated (threads). `/ours.html?hc=<n>`: the page's module workers see `hardwareConcurrency` n
// (the runtime takes half the cores: the bench asks for 1 or 2 threads on any machine);
// `&nojspi`: the workers have no JSPI, so wllama runs its compat build (an older Firefox).
import { createReadStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeGguf } from '../../../packages/ai-chat/test/gguf/make-gguf.mjs';
import { workerPrelude } from '../../../tools/worker-prelude.mjs';

const pkg = fileURLToPath(new URL('../../../packages/ai-chat', import.meta.url));
const wllamaEsm = join(
  dirname(createRequire(join(pkg, 'package.json')).resolve('@wllama/wllama/package.json')),
  'esm',
);
/** Where the generated models are written (once), served under `/gguf/`. */
export const GGUF_DIR = join(tmpdir(), 'ai-chat-bench-gguf');
const ggufDir = GGUF_DIR;

/** Write the generated models `names` (`d<dim>l<layers>-<type>`) once into a temp folder. */
export function generateModels(names) {
  mkdirSync(ggufDir, { recursive: true });
  for (const name of new Set(names)) {
    const file = join(ggufDir, `${name}.gguf`);
    if (existsSync(file)) continue;
    const [, dim, layers, type] = /^d(\d+)l(\d+)-(.+)$/.exec(name);
    writeFileSync(file, makeGguf({ dim: Number(dim), layers: Number(layers), type }));
  }
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };
const page = (head = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8">${head}</head><body></body></html>`;
const MOUNTS = { '/ai-chat/': join(pkg, 'dist/cdn'), '/wllama-esm/': wllamaEsm, '/gguf/': ggufDir };
const ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** `ours.html` (the script tag; `?hc=n`, `?nojspi` for its workers) and `direct.html` (empty). */
function pageFor(path, query) {
  if (path === '/direct.html') return page();
  if (path !== '/ours.html') return undefined;
  const hc = Number(query.get('hc'));
  const worker = [
    hc ? `Object.defineProperty(navigator, 'hardwareConcurrency', { value: ${hc} });` : '',
    query.has('nojspi') ? 'delete WebAssembly.Suspending;' : '',
  ].join('');
  const prelude = worker ? `<script>${workerPrelude(worker)}</script>` : '';
  return page(`${prelude}<script type="module" src="/ai-chat/ai-chat.js"></script>`);
}

/** Start the server; resolves with `{ origin, close() }`. */
export async function startCpuServer({ isolated = false } = {}) {
  const extra = isolated ? ISOLATION : {};
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const path = decodeURIComponent(url.pathname);
    const html = pageFor(path, url.searchParams);
    if (html) return void res.writeHead(200, { 'Content-Type': 'text/html', ...extra }).end(html);
    const prefix = Object.keys(MOUNTS).find((p) => path.startsWith(p));
    const file = prefix && normalize(join(MOUNTS[prefix], path.slice(prefix.length)));
    if (!file || !file.startsWith(MOUNTS[prefix]) || !existsSync(file) || !statSync(file).isFile())
      return void res.writeHead(404).end();
    const size = statSync(file).size;
    const m = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    const start = m ? Number(m[1]) : 0;
    const end = m && m[2] ? Math.min(Number(m[2]), size - 1) : size - 1;
    res.writeHead(m ? 206 : 200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': end - start + 1,
      'Accept-Ranges': 'bytes',
      ...(m ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
      ...extra,
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file, { start, end }).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  setTimeout(() => server.close(), 30 * 60_000).unref();
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}
