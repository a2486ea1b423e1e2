/**
 * A runtime's refusal of a request longer than the model's context, made by the runtimes that
 * throw it (the CPU backend in the worker, the built-in runtime on the page) under WebLLM's class
 * name, which the page maps to `context-window-exceeded`. Its count crosses the worker boundary
 * (`WireError.tokens`); the page reads it with `overflowOf` (`page/overflow.ts`). Free of imports,
 * like `errors.ts`: both sides use it.
 */

/** Tokens a refused request needed, against the context window, as the runtime counted them. */
export interface Overflow {
  needed: number;
  window: number;
}

/** The refusal, with the runtime's own count when it gave one. */
export function overflow(message: string, tokens?: Overflow): Error & { tokens?: Overflow } {
  const error: Error & { tokens?: Overflow } = new Error(message);
  error.name = 'ContextWindowSizeExceededError';
  if (tokens) error.tokens = tokens;
  return error;
}
