/**
 * A runtime's refusal of a request longer than the model's context, read on the page (in the reply
 * chunk): by its class name, WebLLM's `ContextWindowSizeExceededError`, with the count the runtime
 * gave (our own `tokens`, see `overflow`; else WebLLM's words, a known shape).
 */
import type { Overflow } from '../overflow.js';

/** WebLLM's words: "…number of prompt tokens: 4350; context window size: 4096". */
const WEBLLM_WORDS = /number of prompt tokens: (\d+); context window size: (\d+)/;

const whole = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n > 0;

/** `undefined`: another error; `null`: an overflow without a count; else its count. */
export function overflowOf(error: unknown): Overflow | null | undefined {
  const e = error as { name?: unknown; message?: unknown; tokens?: Partial<Overflow> } | null;
  if (e?.name !== 'ContextWindowSizeExceededError') return undefined;
  if (whole(e.tokens?.needed) && whole(e.tokens?.window))
    return { needed: e.tokens.needed, window: e.tokens.window };
  const words = typeof e.message === 'string' ? WEBLLM_WORDS.exec(e.message) : null;
  return words ? { needed: Number(words[1]), window: Number(words[2]) } : null;
}
