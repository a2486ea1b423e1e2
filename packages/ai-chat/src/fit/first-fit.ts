/**
 * The first of several candidates (runtimes, in the page's order of preference) that can serve:
 * used by the page, to choose among its runtimes, and by the worker's router, among its own.
 */

export interface FirstFitOptions<C, R> {
  /** Whether an error means "this candidate cannot serve here": the next one is tried. */
  skip(error: unknown): boolean;
  /** Whether a result fits (absent: every result fits). */
  fits?(result: R): boolean;
  /** Called for a candidate passed over after an error, before the next is tried. */
  passed?(candidate: C): Promise<unknown>;
}

/**
 * Try `candidates` in order with `attempt`, and settle with the first whose result fits. Another
 * error than one to `skip` ends the search at once. When some succeeded but none fits: the first
 * that succeeded (a refusal then names a real model). When none succeeded: the last error.
 */
export async function firstThatFits<C, R>(
  candidates: readonly C[],
  attempt: (candidate: C) => Promise<R>,
  options: FirstFitOptions<C, R>,
): Promise<{ candidate: C; result: R }> {
  let first: { candidate: C; result: R } | undefined;
  let last: unknown = new Error('No runtime is allowed');
  for (const candidate of candidates) {
    try {
      const result = await attempt(candidate);
      if (!options.fits || options.fits(result)) return { candidate, result };
      first ??= { candidate, result };
    } catch (error) {
      if (!options.skip(error)) throw error;
      last = error;
      await options.passed?.(candidate);
    }
  }
  if (first) return first;
  throw last;
}
