/**
 * The load, imported by the worker only when a model loads (after consent): the model library's
 * check, then our downloader fills the cache, then WebLLM's `MLCEngine` (about 6 MB of script,
 * imported here) starts the model from it. Kept out of the worker's entry and out of the WebGPU
 * preflight's chunk, so that the preflight the page runs for its consent card costs only the
 * preflight's own code.
 */
import type { MLCEngine } from '@mlc-ai/web-llm';
import type { ProgressReport } from '../../../types.js';
import type { BackendResult } from '../worker-host.js';
import { downloadReport } from '../shared/download-report.js';
import { downloadModel } from './downloader.js';
import { checkPlanLibrary } from './library-check.js';
import type { Preflight } from './preflight.js';
import { contextWindowOf } from './tokens.js';

export { countWith } from './tokens.js';

export async function loadModel(
  pre: Preflight,
  signal: AbortSignal,
  report: (progress: ProgressReport) => void,
  getEngine: () => Promise<MLCEngine>,
): Promise<BackendResult> {
  const { record, list, result } = pre;
  // The library before the weights: one small download tells whether web-llm can start it.
  const plan = await checkPlanLibrary(pre.plan, signal);
  signal.throwIfAborted();
  await downloadModel(plan, {
    signal,
    onProgress: (p) => report(downloadReport(p)),
  });
  signal.throwIfAborted();
  report({
    phase: 'load',
    progress: 0,
    loadedBytes: plan.totalBytes,
    totalBytes: plan.totalBytes,
    text: 'Starting the model',
  });
  const mlc = await getEngine();
  signal.throwIfAborted();
  mlc.setAppConfig({ model_list: list as never });
  mlc.setInitProgressCallback((p) =>
    report({
      phase: 'load',
      progress: Math.min(1, Math.max(0, p.progress || 0)),
      loadedBytes: plan.totalBytes,
      totalBytes: plan.totalBytes,
      text: p.text,
    }),
  );
  await mlc.reload(record.model_id);
  // WebLLM's reload resolves quietly when `unload()` aborted it.
  signal.throwIfAborted();
  const contextWindow = contextWindowOf(mlc, pre.plan.config, record.overrides);
  return { ...result, cached: true, ...(contextWindow ? { contextWindow } : {}) };
}

export async function newEngine(): Promise<MLCEngine> {
  const webllm = await import('@mlc-ai/web-llm');
  return new webllm.MLCEngine();
}
