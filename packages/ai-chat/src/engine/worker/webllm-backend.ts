/**
 * The default backend, in the worker: our preflight and downloader, then WebLLM's `MLCEngine`,
 * which finds every file in its cache. web-llm (about 6 MB of script) is imported only when a
 * model loads, so a preflight costs a few kilobytes.
 */
import type { MLCEngine } from '@mlc-ai/web-llm';
import { formatBytes } from '../../fit/size.js';
import type { ProgressReport } from '../../types.js';
import { deleteModelEntries } from './cache-store.js';
import { downloadModel } from './downloader.js';
import { named } from './http.js';
import { checkPlanLibrary } from './library-check.js';
import { cleanModelUrl, isCustom, modelListFor } from './model-records.js';
import type { ChatEngine } from '../engine.js';
import { runPreflight, type Preflight } from './preflight.js';
import type { PreflightResult } from '../protocol.js';
import type { WorkerBackend } from './worker-host.js';

const aborted = () => named('AbortError', 'The load was cancelled');

export function createWebLLMBackend(): WorkerBackend {
  let engine: MLCEngine | undefined;
  let current: AbortController | undefined;
  /**
   * The page asks for a preflight right before every load (to check its limits): the load that
   * follows reuses it instead of fetching the config, index and sizes a second time.
   */
  let last: { key: string; preflight: Promise<Preflight> } | undefined;
  const keyOf = (spec: object) => JSON.stringify(spec);

  async function getEngine(): Promise<MLCEngine> {
    if (!engine) {
      const webllm = await import('@mlc-ai/web-llm');
      engine = new webllm.MLCEngine();
    }
    return engine;
  }

  const backend: WorkerBackend = {
    get engine(): ChatEngine {
      if (!engine) throw Object.assign(new Error('No model is loaded'), { name: 'EngineNotLoadedError' });
      return engine as unknown as ChatEngine;
    },
    async preflight(spec) {
      last = { key: keyOf(spec), preflight: runPreflight(spec) };
      return (await last.preflight).result;
    },
    async load(spec, report: (progress: ProgressReport) => void): Promise<PreflightResult> {
      current?.abort(aborted());
      const controller = new AbortController();
      current = controller;
      const { signal } = controller;
      const reused = last?.key === keyOf(spec) ? last.preflight : undefined;
      last = undefined;
      const pre = await (reused ?? runPreflight(spec, signal));
      const { record, list, result } = pre;
      // The library before the weights: one small download tells whether web-llm can start it.
      const plan = await checkPlanLibrary(pre.plan, signal);
      signal.throwIfAborted();
      await downloadModel(plan, {
        signal,
        onProgress: (p) =>
          report({
            phase: 'download',
            progress: p.totalBytes ? p.loadedBytes / p.totalBytes : 0,
            loadedBytes: p.loadedBytes,
            totalBytes: p.totalBytes,
            text: `${formatBytes(p.loadedBytes)} of ${formatBytes(p.totalBytes)}${p.bytesPerSecond ? ` · ${formatBytes(p.bytesPerSecond)}/s` : ''}`,
            bytesPerSecond: p.bytesPerSecond,
          }),
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
      return { ...result, cached: true };
    },
    async unload() {
      current?.abort(aborted());
      current = undefined;
      await engine?.unload();
    },
    async clearCache(spec) {
      // A self-hosted model's folder is known without reading its index (which may be what is broken).
      const record = isCustom(spec) ? modelListFor(spec, [])[0]! : (await runPreflight(spec)).record;
      await deleteModelEntries(cleanModelUrl(record.model), record.model_lib);
    },
  };
  return backend;
}
