/**
 * What every worker backend does the same way around a load, in one place: the latest load
 * cancelling the one before, and the load reusing the preflight the page asked for just before it
 * (to check its limits) instead of running it twice. (The download's progress report, needed only
 * once a load runs, is in `download-report.ts`.)
 */
import type { ModelSpec } from '../../protocol.js';
import { cancelled } from '../../errors.js';

/**
 * One load at a time: `start()` cancels the load in progress and gives the new one its signal;
 * `run()` does the same and keeps the load's promise, so that `stop()` can cancel it and wait until
 * it has let go (its downloader has stored its last piece): what deletes the model's files
 * (`clearCache`) deletes them after, never under a running download.
 */
export function latestLoad() {
  let current: AbortController | undefined;
  let running: Promise<unknown> | undefined;
  const start = (): AbortSignal => {
    current?.abort(cancelled());
    current = new AbortController();
    return current.signal;
  };
  const cancel = (): void => {
    current?.abort(cancelled());
    current = undefined;
  };
  return {
    start,
    cancel,
    run<T>(load: (signal: AbortSignal) => Promise<T>): Promise<T> {
      const done = load(start());
      running = done;
      void done.catch(() => undefined).finally(() => running === done && (running = undefined));
      return done;
    },
    async stop(): Promise<void> {
      cancel();
      await running?.catch(() => undefined);
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
