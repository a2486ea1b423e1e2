/**
 * A runtime whose code is a chunk of its own, fetched on its first call: for the opt-in runtimes
 * (the built-in one), so a page that does not list them never downloads their code.
 */
import type { Runtime } from '../runtime.js';

export function lazyRuntime(load: () => Promise<Runtime>): Runtime {
  let loading: Promise<Runtime> | undefined;
  const runtime = () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
  return {
    preflight: async (signal) => (await runtime()).preflight(signal),
    load: async (onProgress, signal) => (await runtime()).load(onProgress, signal),
    async *generate(request, signal) {
      yield* (await runtime()).generate(request, signal);
    },
    countTokens: async (messages, signal) => (await runtime()).countTokens?.(messages, signal),
    // Nothing to free or remove before the code is here, or where it could not come.
    unload: async () => (await loading?.catch(() => undefined))?.unload(),
    clearCache: async () => (await loading?.catch(() => undefined))?.clearCache(),
    onExit(listener) {
      let stop: (() => void) | undefined;
      let stopped = false;
      void runtime().then(
        (inner) => (stopped ? undefined : (stop = inner.onExit(listener))),
        () => undefined,
      );
      return () => {
        stopped = true;
        stop?.();
      };
    },
  };
}
