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

export async function wllamaAssets(ctx, next) {
  if (ctx.path === '/__wllama/requests') {
    ctx.type = 'json';
    ctx.body = JSON.stringify([...requested]);
    return;
  }
  if (/\/wllama\/(compat\/)?wllama\.(wasm|js)$/.test(ctx.path)) requested.add(ctx.path);
  const m = /^\/src\/engine\/wllama\/(.+)$/.exec(ctx.path);
  const file = m && WLLAMA_ASSETS[m[1]];
  if (!file) return next();
  ctx.type = file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript';
  ctx.set('Access-Control-Allow-Origin', '*');
  ctx.length = statSync(file).size;
  ctx.body = createReadStream(file);
}
