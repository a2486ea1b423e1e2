/**
 * The CPU runtime's backend, in the worker: our preflight and ranged downloader, then llama.cpp
 * through `@wllama/wllama`; a module that crashed is replaced by a fresh instance on the next reply
 * (`restart.ts`). The router imports this module (with the preflight) only when it tries
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
import type { WasmPlan } from './preflight.js';
import { restartable } from './restart.js';

/** The load's code (downloader, wllama): imported when a model loads, never for a preflight. */
let loading: Promise<typeof import('./load.js')> | undefined;
const loader = () => (loading ??= import('./load.js'));

/** Stop an instance, crashed or not: its module's worker ends (a crashed one cannot `exit()`). */
async function stop(instance: Wllama | undefined): Promise<void> {
  await instance?.exit().catch(() => undefined);
  (instance as unknown as { proxy?: { worker?: Worker } } | undefined)?.proxy?.worker?.terminate();
}

export function createWllamaBackend(
  assets: WllamaAssets,
  catalog: () => Promise<readonly CatalogModel[]>,
): RuntimeBackend {
  let wllama: Wllama | undefined;
  /** Made at the first load, and kept: after an unload it answers `EngineNotLoadedError`. */
  let engine: ChatEngine | undefined;
  /** What the instance was started from, to start a fresh one after a crash. */
  let plan: WasmPlan | undefined;
  let crashed = false;
  let restarting: Promise<void> | undefined;
  const loads = latestLoad();
  const preflights = reusedPreflight((spec, signal) => runWasmPreflight(spec, catalog, signal));
  const current = () => {
    if (!wllama) throw notLoaded();
    return wllama;
  };
  /** Start `plan` in a fresh instance (from the cached file), the one before stopped. */
  const start = (signal: AbortSignal, report: (progress: ProgressReport) => void) =>
    loader().then(async (load) => {
      const previous = wllama;
      wllama = await load.startWllama(plan!, assets, signal, report, () => stop(previous));
      crashed = false;
      engine ??= restartable(load.wllamaEngine(current), {
        crashed: () => (crashed = true),
        ready: () =>
          crashed && plan
            ? (restarting ??= loads
                .run((signal) => start(signal, () => undefined))
                .finally(() => (restarting = undefined)))
            : Promise.resolve(),
      });
    });

  return {
    get engine(): ChatEngine {
      if (!engine) throw notLoaded();
      return engine;
    },
    async preflight(spec) {
      return (await preflights.check(spec)).result;
    },
    load(spec, report: (progress: ProgressReport) => void) {
      return loads.run(async (signal) => {
        const preflight = await preflights.forLoad(spec, signal);
        plan = preflight.plan;
        await start(signal, report);
        // What the worker actually loaded, and the prediction for it.
        const cpu = (await loader()).loadedCpu(current());
        return {
          ...preflight.result,
          cached: true,
          contextWindow: plan.context,
          cpu,
          predictedMsPerToken: predictFor(plan, cpu),
        };
      });
    },
    async unload() {
      loads.cancel();
      const instance = wllama;
      wllama = undefined;
      plan = undefined;
      await stop(instance);
    },
    async clearCache(spec) {
      const { plan } = await runWasmPreflight(spec, catalog);
      await loads.stop(); // a download in progress is cancelled first, never deleted under
      await deleteGguf(plan.url);
    },
  };
}
