/**
 * A page-supplied engine (`el.engine`) behind the runtime interface: any object with WebLLM's
 * OpenAI-style `chat.completions.create`, and optionally `reload`, `unload`, `interruptGenerate`
 * and `setInitProgressCallback`. Nothing is downloaded by us, so there is nothing to check first.
 * Whatever the engine throws, synchronously or not, comes back as a rejection. An engine that says
 * its `contextWindow` gets each request fitted into it (with estimated token counts).
 */
import type { ChatEngine } from '../engine.js';
import { untilAborted } from '../errors.js';
import type { Runtime, RuntimeModel } from '../runtime.js';

export function engineRuntime(engine: ChatEngine, model: string): Runtime {
  const info: RuntimeModel = {
    id: model,
    runtime: 'custom',
    downloadBytes: 0,
    vramMB: 0,
    cached: true,
    memoryLimitBytes: 0,
  };
  return {
    preflight: () => Promise.resolve(info),
    async load(onProgress, signal) {
      const work = (async () => {
        engine.setInitProgressCallback?.((report) => {
          if (signal.aborted) return;
          onProgress({
            phase: 'load',
            progress: Math.min(1, Math.max(0, Number(report.progress) || 0)),
            loadedBytes: 0,
            totalBytes: 0,
            text: String(report.text ?? ''),
          });
        });
        await engine.reload?.(model);
      })();
      await untilAborted(work, signal);
      const window = Math.floor(Number(engine.contextWindow));
      return window > 0 ? { ...info, contextWindow: window } : info;
    },
    async *generate(request, signal) {
      const interrupt = () => {
        try {
          engine.interruptGenerate?.();
        } catch {
          // An engine that fails to interrupt is closed by the reader all the same.
        }
      };
      signal.addEventListener('abort', interrupt, { once: true });
      try {
        const stream = await engine.chat.completions.create(request);
        yield* stream;
      } finally {
        signal.removeEventListener('abort', interrupt);
      }
    },
    async unload() {
      try {
        await engine.unload?.();
      } catch {
        // Unloading never fails for the caller: the engine is let go either way.
      }
    },
    clearCache: () => Promise.resolve(),
    onExit: () => () => undefined,
  };
}
