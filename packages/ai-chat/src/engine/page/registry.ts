/**
 * Which runtime serves an element: the page's runtimes by kind, and the choice among those the
 * page allows (`runtime="builtin webgpu wasm"`), in the page's order. The worker runtimes (see
 * `../kinds.ts`) run in the model worker, which picks among them itself; a page runtime is tried
 * before or after it. A page-supplied `engine` replaces them all. The worker's loads are guarded
 * against a crash and, with `share`, shared between tabs (see `worker-side.ts`).
 */
import { firstThatFits } from '../../fit/limits.js';
import type { ChatEngine } from '../engine.js';
import { isUnavailable, unavailable } from '../errors.js';
import { isWorkerKind, type PageKind, type RuntimeKind, type WorkerKind } from '../kinds.js';
import type { ModelSpec } from '../protocol.js';
import type { Runtime, RuntimeModel } from '../runtime.js';
import { lazyRuntime } from './lazy-runtime.js';
import { expected } from './expected.js';
import type { LanguageModelApi } from './prompt-api.js';
import { workerSide } from './worker-side.js';

/** What an element's runtime is made from. */
export interface RuntimeInputs {
  engine: ChatEngine | undefined;
  runtimes: readonly RuntimeKind[];
  spec: ModelSpec;
  workerUrl: string | undefined;
  /** The languages the conversation is expected in (BCP 47), for runtimes that ask. */
  languages: readonly string[];
  /** `share="tabs"`: tabs of this origin that want the same model share one loaded copy. */
  share: boolean;
}

/** The runtimes that run on the page, by kind: one row per page kind of the runtime table. */
export const PAGE_RUNTIMES: { readonly [K in PageKind]: (inputs: RuntimeInputs) => Runtime } = {
  // Followed by another runtime (as by default), only a model the browser has ready is taken, and
  // only for `auto`: a model the page names is the page's choice. Its code is a chunk fetched only
  // where the browser answers that it has (or, alone, can get) one.
  builtin: ({ languages, runtimes, spec }) => {
    const onlyAvailable = runtimes.at(-1) !== 'builtin';
    const aside = onlyAvailable && (spec.model !== 'auto' || !!spec.modelUrl);
    return lazyRuntime(async () => {
      const api = (globalThis as { LanguageModel?: LanguageModelApi }).LanguageModel;
      if (aside) throw unavailable(new Error());
      // Asked with the element's languages, as the session will be (the browser warns otherwise).
      const answer = onlyAvailable && (await api?.availability(expected(languages)).catch(() => undefined));
      if (onlyAvailable && answer !== 'available') throw unavailable(new Error());
      return (await import('./builtin-runtime.js')).createBuiltinRuntime({ languages, onlyAvailable });
    });
  },
};

export function createRuntime(inputs: RuntimeInputs): Runtime {
  // A page's own engine: its wrapper is a chunk, fetched only by pages that hand one in.
  const { engine, spec } = inputs;
  if (engine)
    return lazyRuntime(() => import('./engine-runtime.js').then((m) => m.engineRuntime(engine, spec.model)));
  const candidates: Runtime[] = [];
  let worker: WorkerKind[] = [];
  const flush = () => {
    if (worker.length)
      candidates.push(workerSide({ ...inputs.spec, runtimes: worker }, inputs.workerUrl, inputs.share));
    worker = [];
  };
  for (const kind of inputs.runtimes) {
    if (isWorkerKind(kind)) worker.push(kind);
    else {
      flush();
      candidates.push(PAGE_RUNTIMES[kind](inputs));
    }
  }
  flush();
  return candidates.length === 1 ? candidates[0]! : inOrder(candidates);
}

/**
 * Several runtimes in order: the preflight tries each until one can serve; from then on every call
 * goes to that one. A failure of the last candidate is the one reported.
 */
function inOrder(candidates: Runtime[]): Runtime {
  /** The runtime that serves (`candidate`) and its preflight's model (`result`). */
  let chosen: Promise<{ candidate: Runtime; result: RuntimeModel }> | undefined;
  const choose = (signal: AbortSignal) =>
    (chosen ??= firstThatFits(candidates, (runtime) => runtime.preflight(signal), {
      skip: (error) => isUnavailable(error) && !signal.aborted,
      passed: (runtime) => runtime.unload(),
    }).catch((error: unknown) => {
      chosen = undefined;
      throw error;
    }));
  const exitListeners = new Set<(error: unknown) => void>();
  for (const c of candidates) c.onExit((error) => exitListeners.forEach((l) => l(error)));
  return {
    async preflight(signal) {
      if (chosen) return (await chosen).candidate.preflight(signal);
      return (await choose(signal)).result;
    },
    async load(onProgress, signal) {
      return (await choose(signal)).candidate.load(onProgress, signal);
    },
    async *generate(request, signal) {
      yield* (await choose(signal)).candidate.generate(request, signal);
    },
    async countTokens(messages, signal) {
      return (await choose(signal)).candidate.countTokens?.(messages, signal);
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
