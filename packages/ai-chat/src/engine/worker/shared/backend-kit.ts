/**
 * What every worker backend does the same way around a load, in one place: the latest load
 * cancelling the one before, and the load reusing the preflight the page asked for just before it
 * (to check its limits) instead of running it twice. (The download's progress report, needed only
 * once a load runs, is in `download-report.ts`.)
 */
import type { ModelSpec } from '../../protocol.js';
import { cancelled } from '../../errors.js';

/** One load at a time: `start()` cancels the load in progress and gives the new one its signal. */
export function latestLoad() {
  let current: AbortController | undefined;
  return {
    start(): AbortSignal {
      current?.abort(cancelled());
      current = new AbortController();
      return current.signal;
    },
    cancel(): void {
      current?.abort(cancelled());
      current = undefined;
    },
  };
}

/** The preflight of `run`, kept from `check()` for the `forLoad()` of the same spec that follows. */
export function reusedPreflight<T>(run: (spec: ModelSpec, signal?: AbortSignal) => Promise<T>) {
  const keyOf = (spec: ModelSpec) => JSON.stringify(spec);
  let last: { key: string; preflight: Promise<T> } | undefined;
  return {
    check(spec: ModelSpec): Promise<T> {
      last = { key: keyOf(spec), preflight: run(spec) };
      return last.preflight;
    },
    forLoad(spec: ModelSpec, signal: AbortSignal): Promise<T> {
      const reused = last?.key === keyOf(spec) ? last.preflight : undefined;
      last = undefined;
      return reused ?? run(spec, signal);
    },
  };
}
