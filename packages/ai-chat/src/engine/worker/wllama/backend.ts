/**
 * The CPU runtime's backend, in the worker: our preflight and ranged downloader, then llama.cpp
 * through `@wllama/wllama`. The router imports this module (with the preflight) only when it tries
 * the CPU; the downloader, wllama and its wasm are imported only when a model loads
 * (load.ts). Its wasm builds load from `assets`, beside our worker script: never from
 * wllama's default public CDN.
 */
import type { Wllama } from '@wllama/wllama';
import type { ProgressReport } from '../../../types.js';
import type { ChatEngine } from '../../engine.js';
import { latestLoad, reusedPreflight } from '../shared/backend-kit.js';
import type { CatalogModel } from './gguf-catalog.js';
import { deleteGguf } from './gguf-cache.js';
import { notLoaded } from '../shared/errors.js';
import { predictFor, runWasmPreflight } from './preflight.js';
import type { RuntimeBackend } from '../worker-host.js';
import type { WllamaAssets } from './assets.js';

/** The load's code (downloader, wllama): imported when a model loads, never for a preflight. */
let loading: Promise<typeof import('./load.js')> | undefined;
const loader = () => (loading ??= import('./load.js'));

export function createWllamaBackend(assets: WllamaAssets, catalog: readonly CatalogModel[]): RuntimeBackend {
  let wllama: Wllama | undefined;
  /** Made at the first load, and kept: after an unload it answers `EngineNotLoadedError`. */
  let engine: ChatEngine | undefined;
  const loads = latestLoad();
  const preflights = reusedPreflight((spec, signal) => runWasmPreflight(spec, catalog, signal));
  const current = () => {
    if (!wllama) throw notLoaded();
    return wllama;
  };

  return {
    get engine(): ChatEngine {
      if (!engine) throw notLoaded();
      return engine;
    },
    async preflight(spec) {
      return (await preflights.check(spec)).result;
    },
    async load(spec, report: (progress: ProgressReport) => void) {
      const signal = loads.start();
      const { plan, result } = await preflights.forLoad(spec, signal);
      const load = await loader();
      wllama = await load.startWllama(plan, assets, signal, report, () => wllama?.exit());
      engine ??= load.wllamaEngine(current);
      // What the worker actually loaded, and the prediction for it.
      const cpu = load.loadedCpu(wllama);
      return {
        ...result,
        cached: true,
        contextWindow: plan.context,
        cpu,
        predictedMsPerToken: predictFor(plan, cpu),
      };
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
