/**
 * The shared model worker behind the runtime interface: WebLLM on WebGPU and llama.cpp on the CPU
 * both run there. The worker is leased from the pool on first use (elements that ask for the same
 * model share it) and given back on `unload()`; a later call leases it again, so load → unload →
 * load starts afresh.
 */
import type { ModelSpec, PreflightResult } from '../protocol.js';
import type { Runtime, RuntimeModel } from '../runtime.js';
import { untilAborted } from '../errors.js';
import { acquireWorker, type Lease } from './pool.js';

/** The worker's answer as the runtime interface's model: what it learned of the device stays in the worker. */
export const toRuntimeModel = ({ device: _, ...model }: PreflightResult): RuntimeModel => model;

export function workerRuntime(spec: ModelSpec, workerUrl: string | undefined): Runtime {
  let lease: Lease | undefined;
  const exitListeners = new Set<(error: unknown) => void>();
  let unwatch: (() => void) | undefined;

  const client = () => {
    if (lease && !lease.client.alive) {
      unwatch?.();
      void lease.release();
      lease = undefined;
    }
    if (!lease) {
      const mine = acquireWorker(spec, workerUrl);
      lease = mine;
      unwatch = mine.client.onExit((error) => {
        // Our own unload ends the worker with an AbortError: that is no crash.
        if (lease !== mine || error.name === 'AbortError') return;
        exitListeners.forEach((listener) => listener(error));
      });
    }
    return lease.client;
  };

  return {
    async preflight(signal) {
      return toRuntimeModel(await untilAborted(client().preflight(spec), signal));
    },
    async load(onProgress, signal) {
      const loading = client().load(spec, (report) => signal.aborted || onProgress(report));
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
      const c = client();
      await c.clearCache(spec);
    },
    onExit(listener) {
      exitListeners.add(listener);
      return () => exitListeners.delete(listener);
    },
  };
}
