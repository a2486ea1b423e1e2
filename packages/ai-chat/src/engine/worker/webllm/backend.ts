/**
 * The WebGPU backend, in the worker: our preflight and downloader, then WebLLM's `MLCEngine`,
 * which finds every file in its cache. The router imports this module (with the preflight) only
 * when it tries WebGPU on a device with an adapter; the library check, the downloader and web-llm
 * (about 6 MB of script) are imported only when a model loads (load.ts).
 */
import type { MLCEngine } from '@mlc-ai/web-llm';
import type { ProgressReport } from '../../../types.js';
import { deleteModelEntries } from '../shared/cache-store.js';
import { notLoaded } from '../shared/errors.js';
import { latestLoad, reusedPreflight } from '../shared/backend-kit.js';
import { cleanModelUrl, isCustom, modelListFor } from './model-records.js';
import type { ChatEngine } from '../../engine.js';
import { runPreflight } from './preflight.js';
import type { RuntimeBackend } from '../worker-host.js';

/** The load's code (downloader, web-llm): imported when a model loads, never for a preflight. */
let loading: Promise<typeof import('./load.js')> | undefined;
const loader = () => (loading ??= import('./load.js'));

export function createWebLLMBackend(): RuntimeBackend {
  let engine: MLCEngine | undefined;
  const loads = latestLoad();
  /** The load reuses the preflight the page asked for just before (config, index and sizes). */
  const preflights = reusedPreflight(runPreflight);

  async function getEngine(): Promise<MLCEngine> {
    engine ??= await (await loader()).newEngine();
    return engine;
  }

  const backend: RuntimeBackend = {
    get engine(): ChatEngine {
      if (!engine) throw notLoaded();
      return engine as unknown as ChatEngine;
    },
    async preflight(spec) {
      return (await preflights.check(spec)).result;
    },
    load(spec, report: (progress: ProgressReport) => void) {
      return loads.run(async (signal) => {
        const pre = await preflights.forLoad(spec, signal);
        return (await loader()).loadModel(pre, signal, report, getEngine);
      });
    },
    // Counts need a loaded model: its load code (with web-llm's tokenizer reader) is here by then.
    async count(messages) {
      return engine && (await loader()).countWith(engine, messages);
    },
    async unload() {
      loads.cancel();
      await engine?.unload();
    },
    async clearCache(spec) {
      // A self-hosted model's folder is known without reading its index (which may be what is broken).
      const record = isCustom(spec) ? modelListFor(spec, [])[0]! : (await runPreflight(spec)).record;
      await loads.stop(); // a download in progress is cancelled first, never deleted under
      await deleteModelEntries(cleanModelUrl(record.model), record.model_lib);
    },
  };
  return backend;
}
