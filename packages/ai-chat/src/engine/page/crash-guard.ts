/**
 * A crash is never repeated. The worker runtime loads behind a mark (see `load-marks.ts`), and
 * behind what earlier visits learned: `auto` chooses under the memory limit a crash sets (the next
 * smaller model), and a preflight says which crash bears on its model (`crash`), so that the
 * element does not start it on its own and the consent card says why.
 */
import { crashFor, crashLimit, limitOf } from '../../fit/crashes.js';
import type { Runtime, RuntimeModel } from '../runtime.js';
import type { ModelSpec } from '../protocol.js';
import { crashesHere, markLoad } from './load-marks.js';

/**
 * `spec` is the one `plain` was made with: a crash lowers its memory limit (for `auto`) before the
 * first request. `seen`: what `plain`'s last preflight said, when it was asked before this layer.
 */
export async function guard(spec: ModelSpec, plain: Runtime, seen?: RuntimeModel): Promise<Runtime> {
  const auto = spec.model === 'auto' && !spec.modelUrl;
  const crashed = await crashesHere();
  const limit = auto ? crashLimit(crashed, spec.maxMemoryBytes) : undefined;
  if (limit !== undefined) spec.maxMemoryBytes = limit;
  let last = seen;
  return {
    ...plain,
    // After each wait: an element that moved on meanwhile (its signal aborted) starts no worker.
    async preflight(signal) {
      signal.throwIfAborted();
      const model = (last = await plain.preflight(signal));
      const crash = crashFor(crashed, model, auto);
      if (!crash) return model;
      const { model: id, label, memoryBytes } = crash;
      return { ...model, crash: { model: id, label, limit: limitOf(crash), actual: memoryBytes } };
    },
    async load(onProgress, signal) {
      const ended = await markLoad((last ??= await plain.preflight(signal)));
      try {
        signal.throwIfAborted();
        const model = await plain.load(onProgress, signal);
        ended(true);
        return model;
      } catch (error) {
        ended(false);
        throw error;
      }
    },
  };
}
