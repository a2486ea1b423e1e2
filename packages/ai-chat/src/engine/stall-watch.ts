/**
 * A watchdog for work that reports its progress: it fails the work when nothing moved for
 * `stallMs`, measured from the last progress, never from the beginning (a large model on a slow
 * device takes long, and moves). The CPU runtime's start uses it in the worker
 * (`worker/wllama/load-watch.ts`); the page uses it for a whole load (`page/worker-client.ts`),
 * which catches a worker whose own thread is stuck.
 */
import { named } from './errors.js';

/** A start that stopped moving (`where`: how far it came): recoverable, Try again starts a fresh instance. */
const stalled = (stallMs: number, where = '') =>
  named(
    'ModelLoadStalledError',
    `The model stopped loading: nothing happened for ${stallMs / 1000} s${where ? ` (${where})` : ''}`,
  );

/**
 * Run `start(moved)`: settle as it settles, or reject with `stalled` once `stallMs` pass without a
 * call of `moved()` (the clock starts with `start`, and again at each `moved()`); `where()` says
 * how far it came, in the error.
 */
export function stallWatch<T>(
  start: (moved: () => void) => Promise<T>,
  stallMs: number,
  where: () => string = () => '',
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let done = false;
    const moved = () => {
      clearTimeout(timer);
      if (!done) timer = setTimeout(() => reject(stalled(stallMs, where())), stallMs);
    };
    moved();
    start(moved)
      .then(resolve, reject)
      .finally(() => {
        done = true;
        clearTimeout(timer);
      });
  });
}
