/**
 * The model worker's runtime for one element, as a page loads it before the first click: the
 * worker runtime itself, and two layers that come as a chunk (`layers.ts`) only when they have
 * work to do: the crash guard, when this origin holds load marks (see `load-marks.ts`) or a model
 * loads, and the sharing between tabs (`share/`, with `share`), when another tab hosts the model
 * or a model loads. Tabs share a model when they ask for the same one on the same runtimes.
 */
import type { ModelSpec } from '../protocol.js';
import type { Runtime, RuntimeModel } from '../runtime.js';
import { workerRuntime } from './worker-runtime.js';

/** Whether this origin holds load marks (a load running in some tab, or a crash): see `load-marks.ts`. */
function marked(): boolean {
  try {
    return !!localStorage.getItem('ai-chat:loads');
  } catch {
    return false;
  }
}

/** `spec` is the element's own: the crash guard may lower its memory limit before the first request. */
export function workerSide(spec: ModelSpec, workerUrl: string | undefined, share: boolean): Runtime {
  const plain = workerRuntime(spec, workerUrl);
  // The model's Web Lock and BroadcastChannel, when tabs share it: named by what the tabs ask for.
  const name = share ? `ai-chat-share:${JSON.stringify([spec, workerUrl])}` : '';
  let chunk: Promise<Runtime> | undefined;
  /** What the worker said last, before the layers came: the crash guard's mark names that model. */
  let seen: RuntimeModel | undefined;
  const layered = () => (chunk ??= import('./layers.js').then((m) => m.layers(spec, plain, name, seen)));
  /** Another tab (or this one) hosts the model: its Web Lock is held. */
  const hosted = async () =>
    (await navigator.locks?.query().catch(() => undefined))?.held?.some((lock) => lock.name === name);
  return {
    ...plain,
    async preflight(signal) {
      const layers = chunk || marked() || (name && (await hosted()));
      // Unloaded meanwhile (the element moved on): no worker may start for it now.
      signal.throwIfAborted();
      return layers ? (await layered()).preflight(signal) : (seen = await plain.preflight(signal));
    },
    load: async (onProgress, signal) => (await layered()).load(onProgress, signal),
    // A reply comes after a load (the layers are here): only unloading may find them missing.
    async *generate(request, signal) {
      yield* (await layered()).generate(request, signal);
    },
    // Counted where the replies go (a guest tab starts no worker to count).
    countTokens: async (messages, signal) => (await layered()).countTokens?.(messages, signal),
    unload: async () => (chunk ? await chunk : plain).unload(),
    clearCache: async () => (await layered()).clearCache(),
  };
}
