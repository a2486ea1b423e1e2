/**
 * The CPU runtime's load, imported by the worker only when a model loads (after consent and after
 * the preflight, which found that this browser can start it: `environment.ts`): the page's policy
 * checked (`csp-check.ts`), our ranged downloader fills the cache, then llama.cpp through
 * `@wllama/wllama` (imported here) starts from the cached file (no copy in wllama's own cache). Kept out of the CPU preflight's chunk, so that
 * the consent card's preflight costs only the preflight's own code.
 */
import type { CacheManager, Wllama } from '@wllama/wllama';
import type { ProgressReport } from '../../../types.js';
import { untilAborted } from '../../errors.js';
import { checkCsp } from './csp-check.js';
import { downloadReport } from '../shared/download-report.js';
import { downloadGguf } from './gguf-download.js';
import type { WasmPlan } from './preflight.js';
import type { WasmBuild } from '../../../fit/cpu.js';
import type { WllamaAssets } from './assets.js';
import { CACHE_REUSE, wllamaLogger } from './engine.js';
import { stallWatch } from '../../stall-watch.js';
import { loadWatch, readsOf } from './load-watch.js';

/** wllama's storage where nothing is stored: it reads nothing, keeps nothing, lists nothing. */
const nothingStored: NonNullable<ConstructorParameters<typeof CacheManager>[0]>[number] = {
  isSupported: () => true,
  read: () => Promise.resolve(null),
  write: (_key, stream) => stream.cancel(),
  getSize: () => Promise.resolve(-1),
  list: () => Promise.resolve([]),
  delete: () => Promise.resolve(),
};

export { wllamaEngine } from './engine.js';

/**
 * Download the plan's file (resuming what is kept) and start it in a new wllama instance, after
 * `stopPrevious` (the instance loaded before, if any). Its wasm builds load from `assets`. A start
 * that does not move for `stallMs` fails with `ModelLoadStalledError` (see `load-watch.ts`).
 */
export async function startWllama(
  plan: WasmPlan,
  assets: WllamaAssets,
  signal: AbortSignal,
  report: (progress: ProgressReport) => void,
  stopPrevious: () => Promise<void> | undefined,
  stallMs = loadWatch.stallMs,
): Promise<Wllama> {
  // The page's policy, before any byte: a clear error in seconds instead of wllama's hang.
  await untilAborted(checkCsp(), signal);
  const blob = await downloadGguf(plan.url, plan.totalBytes, {
    signal,
    onProgress: (p) => report(downloadReport(p)),
  });
  const starting = (progress: number, text: string) =>
    report({ phase: 'load', progress, loadedBytes: plan.totalBytes, totalBytes: plan.totalBytes, text });
  starting(0, 'Starting the model on the CPU');
  const { Wllama, CacheManager } = await untilAborted(import('@wllama/wllama'), signal);
  await stopPrevious();
  // The model is ours, from our own cache: wllama's cache (OPFS, missing in WebKit) stores nothing.
  const cacheManager = new CacheManager([nothingStored]);
  const instance = new Wllama(
    { default: assets.wasm },
    { suppressNativeLog: true, logger: wllamaLogger, cacheManager },
  );
  // Both Safari and Firefox: without JSPI or Memory64, the compat build (wllama's default mode
  // would give Firefox the fast build, which it then cannot compile).
  instance.setCompat({ worker: assets.compatJs, wasm: assets.compatWasm }, 'firefox_safari');
  // llama.cpp's reads of the file are the start's progress; a start that stops moving fails (load-watch.ts).
  let shown = 0;
  let readBytes = 0;
  let loading: Promise<void> | undefined;
  const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
  const where = () => `${mb(readBytes)} of ${mb(blob.size)} MB of the model read`;
  const started = stallWatch(
    (moved) => {
      const read = (bytes: number) => {
        readBytes = bytes;
        moved();
        const progress = Math.min(1, bytes / blob.size);
        if (progress - shown >= 0.05) starting((shown = progress) * 0.99, 'Starting the model on the CPU');
      };
      return (loading = instance.loadModel([readsOf(blob, read)], {
        n_ctx: plan.context,
        n_gpu_layers: 0,
        n_threads: plan.threads,
        ...CACHE_REUSE,
      }));
    },
    stallMs,
    where,
  );
  try {
    await untilAborted(started, signal);
  } catch (error) {
    // Its worker ends now (a start that hangs never settles), and again once the load settles
    // (an instance whose worker did not exist yet at the first `exit()`).
    void instance.exit().catch(() => undefined);
    void loading?.catch(() => undefined).finally(() => instance.exit().catch(() => undefined));
    throw error;
  }
  starting(1, 'Ready');
  return instance;
}

/** The build and the threads the loaded instance runs with (as wllama decided them at its load). */
export const loadedCpu = (instance: Wllama): { build: WasmBuild; threads: number } => ({
  build: instance.getWorkerResources().compat ? 'compat' : 'jspi-memory64',
  threads: instance.getNumThreads(),
});
