/**
 * The CPU runtime's backend, in the worker: our preflight and ranged downloader, then llama.cpp
 * through `@wllama/wllama`, started from the cached file (no copy in wllama's own OPFS cache).
 * wllama (and its wasm) is imported only when a model loads. Its wasm builds load from `assets`,
 * beside our worker script: never from wllama's default public CDN.
 */
import type { Wllama } from '@wllama/wllama';
import type { ProgressReport } from '../../types.js';
import type { ChatEngine } from '../engine.js';
import type { PreflightResult } from '../protocol.js';
import { checkCsp } from './csp-check.js';
import { downloadReport, latestLoad, reusedPreflight } from './backend-kit.js';
import type { CatalogModel } from './gguf-catalog.js';
import { deleteGguf, downloadGguf } from './gguf-download.js';
import { named } from './http.js';
import { runWasmPreflight } from './wasm-preflight.js';
import { wllamaEngine } from './wllama-engine.js';
import type { WorkerBackend } from './worker-host.js';

/** Where wllama's two builds are: the fast one (JSPI + Memory64) and the compat one. */
export interface WllamaAssets {
  wasm: string;
  compatJs: string;
  compatWasm: string;
}

const quiet = { debug() {}, log() {}, warn() {}, error: (...args: unknown[]) => console.error(...args) };

/** `work`, or the signal's reason as soon as it aborts. */
function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    work.then(resolve, reject);
  });
}

export function createWllamaBackend(assets: WllamaAssets, catalog: readonly CatalogModel[]): WorkerBackend {
  let wllama: Wllama | undefined;
  const loads = latestLoad();
  const preflights = reusedPreflight((spec, signal) => runWasmPreflight(spec, catalog, signal));
  const engine = wllamaEngine(() => {
    if (!wllama) throw named('EngineNotLoadedError', 'No model is loaded');
    return wllama;
  });

  return {
    get engine(): ChatEngine {
      return engine;
    },
    async preflight(spec) {
      return (await preflights.check(spec)).result;
    },
    async load(spec, report: (progress: ProgressReport) => void): Promise<PreflightResult> {
      const signal = loads.start();
      const { plan, result } = await preflights.forLoad(spec, signal);
      const blob = await downloadGguf(plan.url, plan.totalBytes, {
        signal,
        onProgress: (p) => report(downloadReport(p)),
      });
      const starting = (progress: number, text: string) =>
        report({ phase: 'load', progress, loadedBytes: plan.totalBytes, totalBytes: plan.totalBytes, text });
      starting(0, 'Starting the model on the CPU');
      await abortable(checkCsp(), signal);
      const { Wllama } = await abortable(import('@wllama/wllama'), signal);
      await wllama?.exit();
      const instance = new Wllama({ default: assets.wasm }, { suppressNativeLog: true, logger: quiet });
      instance.setCompat({ worker: assets.compatJs, wasm: assets.compatWasm });
      const loading = instance.loadModel([blob], {
        n_ctx: plan.context,
        n_gpu_layers: 0,
        n_threads: plan.threads,
      });
      try {
        await abortable(loading, signal);
      } catch (error) {
        void loading.catch(() => undefined).finally(() => instance.exit());
        throw error;
      }
      wllama = instance;
      starting(1, 'Ready');
      return { ...result, cached: true };
    },
    async unload() {
      loads.cancel();
      const instance = wllama;
      wllama = undefined;
      await instance?.exit();
    },
    async clearCache(spec) {
      const { plan } = await runWasmPreflight(spec, catalog);
      await deleteGguf(plan.url);
    },
  };
}
