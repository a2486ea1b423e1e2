/**
 * Which runtime serves an element: the registry of runtime kinds, and the choice among those the
 * page allows (`runtime="builtin webgpu wasm"`). WebGPU and the CPU run in the model worker, which
 * picks between them itself; a page-side runtime (the browser's built-in model) is tried before
 * or after it, in the page's order. A page-supplied `engine` replaces them all.
 */
import type { ChatEngine } from '../engine.js';
import { isUnavailable } from '../errors.js';
import type { ModelSpec } from '../protocol.js';
import type { Runtime, RuntimeKind, RuntimeModel } from '../runtime.js';
import { engineRuntime } from './engine-runtime.js';
import { lazyRuntime } from './lazy-runtime.js';
import { workerRuntime } from './worker-runtime.js';

/** What an element's runtime is made from. */
export interface RuntimeInputs {
  engine: ChatEngine | undefined;
  runtimes: readonly RuntimeKind[];
  spec: ModelSpec;
  workerUrl: string | undefined;
  /** The languages the conversation is expected in (BCP 47), for runtimes that ask. */
  languages: readonly string[];
}

type PageRuntimeFactory = (inputs: RuntimeInputs) => Runtime;

/** Runtimes that run on the page, by kind. The worker runtimes (`webgpu`, `wasm`) need no row. */
export const PAGE_RUNTIMES: Partial<Record<RuntimeKind, PageRuntimeFactory>> = {
  // Opt-in: its code is a chunk fetched only by pages that list it.
  builtin: ({ languages }) =>
    lazyRuntime(() => import('./builtin-runtime.js').then((m) => m.createBuiltinRuntime({ languages }))),
};

type WorkerKind = Exclude<RuntimeKind, 'builtin'>;
const WORKER_KINDS = new Set<RuntimeKind>(['webgpu', 'wasm']);

export function createRuntime(inputs: RuntimeInputs): Runtime {
  if (inputs.engine) return engineRuntime(inputs.engine, inputs.spec.model);
  const candidates: Runtime[] = [];
  let worker: RuntimeKind[] = [];
  const flush = () => {
    if (worker.length)
      candidates.push(workerRuntime({ ...inputs.spec, runtimes: worker as WorkerKind[] }, inputs.workerUrl));
    worker = [];
  };
  for (const kind of inputs.runtimes) {
    if (WORKER_KINDS.has(kind)) worker.push(kind);
    else {
      flush();
      const factory = PAGE_RUNTIMES[kind];
      if (factory) candidates.push(factory(inputs));
    }
  }
  flush();
  return candidates.length === 1 ? candidates[0]! : firstThatFits(candidates);
}

/**
 * Several runtimes in order: the preflight tries each until one can serve; from then on every call
 * goes to that one. A failure of the last candidate is the one reported.
 */
function firstThatFits(candidates: Runtime[]): Runtime {
  let chosen: Promise<{ runtime: Runtime; model: RuntimeModel }> | undefined;
  const choose = (signal: AbortSignal) => {
    chosen ??= (async () => {
      let last: unknown = new Error('No runtime is allowed');
      for (const runtime of candidates) {
        try {
          return { runtime, model: await runtime.preflight(signal) };
        } catch (error) {
          last = error;
          if (!isUnavailable(error) || signal.aborted) throw error;
          await runtime.unload();
        }
      }
      throw last;
    })().catch((error: unknown) => {
      chosen = undefined;
      throw error;
    });
    return chosen;
  };
  const exitListeners = new Set<(error: unknown) => void>();
  for (const c of candidates) c.onExit((error) => exitListeners.forEach((l) => l(error)));
  return {
    async preflight(signal) {
      if (chosen) return (await chosen).runtime.preflight(signal);
      return (await choose(signal)).model;
    },
    async load(onProgress, signal) {
      return (await choose(signal)).runtime.load(onProgress, signal);
    },
    async *generate(request, signal) {
      yield* (await choose(signal)).runtime.generate(request, signal);
    },
    async unload() {
      chosen = undefined;
      await Promise.all(candidates.map((c) => c.unload()));
    },
    async clearCache() {
      await Promise.all(candidates.map((c) => c.clearCache().catch(() => undefined)));
    },
    onExit(listener) {
      exitListeners.add(listener);
      return () => exitListeners.delete(listener);
    },
  };
}
