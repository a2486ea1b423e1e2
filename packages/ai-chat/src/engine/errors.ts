/**
 * Errors both sides of the worker boundary make the same way: a named error, the cancellation,
 * and the mark of "this runtime cannot serve here". The page and the worker both import this
 * module (the page never imports `worker/`): keep it small and free of imports.
 */

/**
 * An error of our own code: its class `name` is its code (see `toChatError`), and its message,
 * our own plain words, is also its `detail` for the visitor.
 */
export function named(name: string, message: string): Error & { detail: string } {
  const error = Object.assign(new Error(message), { detail: message });
  error.name = name;
  return error;
}

/** A load (or a wait for one) that was cancelled. */
export const cancelled = () => named('AbortError', 'The load was cancelled');

/** Settle with `work`, or reject as cancelled as soon as `signal` aborts. */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(cancelled());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * Mark `error` as "this runtime cannot serve here" (no WebGPU, no shader-f16, a model it does not
 * know, the browser's model unavailable): whoever tries runtimes in order tries the next one. The
 * mark crosses the worker boundary (`WireError.unavailable`).
 */
export function unavailable<E extends Error>(error: E): E & { unavailable: true } {
  return Object.assign(error, { unavailable: true as const });
}

/** Whether an error, on either side of the worker boundary, means "this runtime cannot serve here". */
export const isUnavailable = (error: unknown): boolean =>
  (error as { unavailable?: unknown } | null)?.unavailable === true;
