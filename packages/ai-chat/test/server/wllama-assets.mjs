// In tests the worker runs from src/: serve wllama's WebAssembly where the built packages put it,
// beside the worker entry (src/engine/wllama/...), from node_modules.
import { createReadStream, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

const require = createRequire(import.meta.url);
const main = dirname(require.resolve('@wllama/wllama/package.json'));
const compat = dirname(require.resolve('@wllama/wllama-compat/package.json'));
export const WLLAMA_ASSETS = {
  'wllama.wasm': `${main}/esm/wasm/wllama.wasm`,
  'compat/wllama.js': `${compat}/wasm/wllama.js`,
  'compat/wllama.wasm': `${compat}/wasm/wllama.wasm`,
};

/** Paths of wllama's files requested so far (GET /__wllama/requests), to prove where they came from. */
const requested = new Set();
/** How many requests for them (GET /__wllama/count), to prove that none was made. */
let count = 0;
/**
 * GET /__wllama/hold: answers for wllama's files wait until GET /__wllama/release, so that a test
 * can act while a model is loading (its file downloaded, llama.cpp not started yet).
 */
let held;

export async function wllamaAssets(ctx, next) {
  if (ctx.path === '/__wllama/requests' || ctx.path === '/__wllama/count') {
    ctx.type = 'json';
    ctx.body = JSON.stringify(ctx.path.endsWith('count') ? count : [...requested]);
    return;
  }
  if (ctx.path === '/__wllama/hold' || ctx.path === '/__wllama/release') {
    if (ctx.path.endsWith('hold')) {
      let release;
      held ??= Object.assign(new Promise((resolve) => (release = resolve)), { release });
    } else {
      held?.release();
      held = undefined;
    }
    ctx.body = 'ok';
    return;
  }
  if (/\/wllama\/(compat\/)?wllama\.(wasm|js)$/.test(ctx.path)) {
    requested.add(ctx.path);
    count++;
    if (held) await held;
  }
  const m = /^\/src\/engine\/wllama\/(.+)$/.exec(ctx.path);
  const file = m && WLLAMA_ASSETS[m[1]];
  if (!file) return next();
  // Written as is (the dev server would mark any file cacheable for a year): every load asks again,
  // so that each is counted, and held when a test says so.
  ctx.respond = false;
  ctx.res.writeHead(200, {
    'Content-Type': file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript',
    'Content-Length': String(statSync(file).size),
    'Access-Control-Allow-Origin': '*',
    'Cache-Control': 'no-store',
  });
  createReadStream(file).pipe(ctx.res);
}
