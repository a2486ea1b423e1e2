/**
 * The CPU runtime's load, imported by the worker only when a model loads (after consent): our ranged
 * downloader fills the cache, the CSP check, then llama.cpp through `@wllama/wllama` (imported
 * here) starts from the cached file (no copy in wllama's own OPFS cache). Kept out of the CPU
 * preflight's chunk, so that the consent card's preflight costs only the preflight's own code.
 */
import type { Wllama } from '@wllama/wllama';
import type { ProgressReport } from '../../../types.js';
import { untilAborted } from '../../errors.js';
import { checkCsp } from './csp-check.js';
import { downloadReport } from '../shared/download-report.js';
import { downloadGguf } from './gguf-download.js';
import type { WasmPlan } from './preflight.js';
import type { WllamaAssets } from './assets.js';

import { CACHE_REUSE, wllamaLogger } from './engine.js';

export { wllamaEngine } from './engine.js';

/**
 * Download the plan's file (resuming what is kept) and start it in a new wllama instance, after
 * `stopPrevious` (the instance loaded before, if any). Its wasm builds load from `assets`.
 */
export async function startWllama(
  plan: WasmPlan,
  assets: WllamaAssets,
  signal: AbortSignal,
  report: (progress: ProgressReport) => void,
  stopPrevious: () => Promise<void> | undefined,
): Promise<Wllama> {
  const blob = await downloadGguf(plan.url, plan.totalBytes, {
    signal,
    onProgress: (p) => report(downloadReport(p)),
  });
  const starting = (progress: number, text: string) =>
    report({ phase: 'load', progress, loadedBytes: plan.totalBytes, totalBytes: plan.totalBytes, text });
  starting(0, 'Starting the model on the CPU');
  await untilAborted(checkCsp(), signal);
  const { Wllama } = await untilAborted(import('@wllama/wllama'), signal);
  await stopPrevious();
  const instance = new Wllama({ default: assets.wasm }, { suppressNativeLog: true, logger: wllamaLogger });
  instance.setCompat({ worker: assets.compatJs, wasm: assets.compatWasm });
  const loading = instance.loadModel([blob], {
    n_ctx: plan.context,
    n_gpu_layers: 0,
    n_threads: plan.threads,
    ...CACHE_REUSE,
  });
  try {
    await untilAborted(loading, signal);
  } catch (error) {
    void loading.catch(() => undefined).finally(() => instance.exit());
    throw error;
  }
  starting(1, 'Ready');
  return instance;
}
