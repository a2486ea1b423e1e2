/**
 * The shared model worker behind the runtime interface: WebLLM on WebGPU and llama.cpp on the CPU
 * both run there. The worker is leased from the pool on first use, under the element's spec; once
 * the preflight has chosen the model, under that choice (elements that chose the same model share
 * a worker, whatever limits chose it), and the model is loaded by what was chosen. The lease is
 * given back on `unload()`; a later call leases it again, so load → unload → load starts afresh.
 */
import type { ModelSpec, PreflightResult } from '../protocol.js';
import type { Runtime, RuntimeModel } from '../runtime.js';
import { untilAborted } from '../errors.js';
import { acquireWorker, settleWorker, type Lease } from './pool.js';
import { choice, specKey } from './runtime-keys.js';

/** The worker's answer as the runtime interface's model: what it learned of the device stays in the worker. */
export const toRuntimeModel = ({ device: _, ...model }: PreflightResult): RuntimeModel => model;

export function workerRuntime(spec: ModelSpec, workerUrl: string | undefined): Runtime {
  let lease: Lease | undefined;
  /** What the last preflight chose: the spec the model loads by, and its worker's key. */
  let chosen: { spec: ModelSpec; key: string } | undefined;
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
    if (lease) return lease.client;
    return hold(
      chosen
        ? acquireWorker(chosen.key, workerUrl, true)
        : acquireWorker(specKey(spec, workerUrl), workerUrl),
    );
  };

  async function preflight(signal: AbortSignal): Promise<RuntimeModel> {
    const result = await untilAborted(client().preflight(spec), signal);
    chosen = choice(spec, result, workerUrl);
    const settled = lease && settleWorker(lease, chosen.key, workerUrl);
    if (settled && settled !== lease) hold(settled);
    return toRuntimeModel(result);
  }

  return {
    preflight,
    async load(onProgress, signal) {
      if (!chosen) await preflight(signal);
      const loading = client().load(chosen!.spec, (report) => signal.aborted || onProgress(report));
      return toRuntimeModel(await untilAborted(loading, signal));
    },
    generate(request, signal) {
      return client().generate(request, signal);
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
      await client().clearCache(chosen?.spec ?? spec);
    },
    onExit(listener) {
      exitListeners.add(listener);
      return () => exitListeners.delete(listener);
    },
  };
}
