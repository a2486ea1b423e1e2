/**
 * The model worker entry: our message protocol, served by the router backend that picks WebLLM
 * (WebGPU) or llama.cpp (wllama, on the CPU) per model. The runtimes themselves are imported only
 * when a model of theirs loads, so the page never downloads or parses them. wllama's wasm builds
 * sit beside this script (`wllama/`), and load from there: never from a third-party host.
 */
import { createRouterBackend } from './worker/router-backend.js';
import { serveBackend } from './worker/worker-host.js';

const assets = {
  wasm: new URL('./wllama/wllama.wasm', import.meta.url).href,
  compatJs: new URL('./wllama/compat/wllama.js', import.meta.url).href,
  compatWasm: new URL('./wllama/compat/wllama.wasm', import.meta.url).href,
};

serveBackend(
  self as unknown as Parameters<typeof serveBackend>[0],
  createRouterBackend({
    assets,
    catalog: () => import('./worker/wllama/gguf-catalog.js').then((m) => m.GGUF_CATALOG),
  }),
);
