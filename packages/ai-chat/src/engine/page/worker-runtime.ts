/**
 * The shared model worker behind the runtime interface: WebLLM on WebGPU and llama.cpp on the CPU
 * both run there. The worker is leased from the pool on first use, under the element's spec (what
 * chooses the model); when the model loads, it is loaded by what the preflight chose, in the
 * worker of that choice (`settleWorker`): elements that chose the same model share a worker, whatever
 * limits chose it. The lease is given back on `unload()`; a later call leases it again, so load →
 * unload → load starts afresh.
 */
import type { ModelSpec, PreflightResult } from '../protocol.js';
import type { Runtime, RuntimeModel } from '../runtime.js';
import { untilAborted } from '../errors.js';
import { acquireWorker, settleWorker, type Lease } from './pool.js';
import { specKey } from './runtime-keys.js';

/** The model a preflight chose, by id (or its URLs) on its runtime, without the limits that chose it. */
function chosenSpec(spec: ModelSpec, { id, runtime }: PreflightResult): ModelSpec {
  const { modelUrl, modelLibUrl } = spec;
  return {
    model: modelUrl ? spec.model : id,
    runtimes: [runtime],
    ...(modelUrl ? { modelUrl } : {}),
    ...(modelLibUrl ? { modelLibUrl } : {}),
  };
}

/** The worker's answer as the runtime interface's model: what it learned of the device stays in the worker. */
export const toRuntimeModel = ({ device: _, ...model }: PreflightResult): RuntimeModel => model;

export function workerRuntime(spec: ModelSpec, workerUrl: string | undefined): Runtime {
  let lease: Lease | undefined;
  /** What the last preflight chose. */
  let chose: PreflightResult | undefined;
  const exitListeners = new Set<(error: unknown) => void>();
  let unwatch: (() => void) | undefined;

  const hold = (mine: Lease) => {
    unwatch?.();
    lease = mine;
    unwatch = mine.client.onExit((error) => {
      // Our own unload ends the worker with an AbortError: that is no crash.
      if (lease !== mine || error.name === 'AbortError') return;
      exitListeners.forEach((listener) => listener(error));
    });
    return mine.client;
  };

  const client = () => {
    if (lease && !lease.client.alive) {
      unwatch?.();
      void lease.release();
      lease = undefined;
    }
    return lease?.client ?? hold(acquireWorker(specKey(spec, workerUrl), workerUrl));
  };

  async function preflight(signal: AbortSignal): Promise<RuntimeModel> {
    chose = await untilAborted(client().preflight(spec), signal);
    return toRuntimeModel(chose);
  }

  return {
    preflight,
    async load(onProgress, signal) {
      if (!chose) await preflight(signal);
      const chosen = chosenSpec(spec, chose!);
      client();
      const settled = settleWorker(lease!, chosen, workerUrl);
      if (settled !== lease) hold(settled);
      const loading = client().load(chosen, (report) => signal.aborted || onProgress(report), spec);
      return toRuntimeModel(await untilAborted(loading, signal));
    },
    generate(request, signal) {
      return client().generate(request, signal);
    },
    countTokens(messages, signal) {
      return untilAborted(client().count(messages), signal);
    },
    async unload() {
      const held = lease;
      lease = undefined;
      unwatch?.();
      try {
        await held?.release();
      } catch {
        // The worker is gone either way.
      }
    },
    async clearCache() {
      await client().clearCache(spec);
    },
    onExit(listener) {
      exitListeners.add(listener);
      return () => exitListeners.delete(listener);
    },
  };
}
