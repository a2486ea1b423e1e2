/**
 * The model worker's protocol host, started by the entry (`../worker.ts`): our message protocol,
 * served by the router backend that picks WebLLM (WebGPU) or llama.cpp (wllama, on the CPU) per
 * model. The runtimes themselves are imported only when a model of theirs loads, so the page never
 * downloads or parses them. wllama's wasm builds are files of the worker (`wllama/` beside the
 * entry, or where the page's bundler copied them): they load from there, never from a third-party
 * host.
 */
import { createRouterBackend } from './router-backend.js';
import { serveBackend } from './worker-host.js';

/** Serve the protocol on `port` (the worker's scope); `fileUrl` finds a worker file by its path in dist/cdn/. */
export function start(port: Parameters<typeof serveBackend>[0], fileUrl: (path: string) => string): void {
  serveBackend(
    port,
    createRouterBackend({
      assets: {
        wasm: fileUrl('wllama/wllama.wasm'),
        compatJs: fileUrl('wllama/compat/wllama.js'),
        compatWasm: fileUrl('wllama/compat/wllama.wasm'),
      },
      catalog: () => import('./wllama/gguf-catalog.js').then((m) => m.GGUF_CATALOG),
    }),
  );
}
