import type { CompletionUsage } from '../engine/engine.js';
import type { ChatStats } from '../types.js';
import { rateLatency } from './rating.js';

/** Clock readings taken by the element while a reply streams (ms, `performance.now()`). */
export interface ReplyTiming {
  start: number;
  firstToken: number | undefined;
  end: number;
  /** Content chunks received (a fallback token count). */
  chunks: number;
  /** Characters of the prompt (a fallback prompt token estimate: 4 per token). */
  promptChars: number;
}

/** A token count: a finite whole number of zero or more, else undefined. */
const count = (n: unknown) =>
  typeof n === 'number' && Number.isFinite(n) && n >= 0 ? Math.round(n) : undefined;
/** A time or a rate: a finite number above zero, else undefined. */
const positive = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined);

const round = (n: number, digits = 2) => (Number.isFinite(n) ? Number(n.toFixed(digits)) : 0);

/**
 * The figures of one reply. Taken from WebLLM's `usage.extra` when present, else from the
 * element's own clock and the token counts in `usage` (or chunks counted, when the engine gives no usage).
 */
export function computeStats(
  timing: ReplyTiming,
  usage: CompletionUsage | undefined,
  threshold: number,
): ChatStats {
  // An engine's figures are input like any other: only finite numbers of the right sign count.
  const extra = typeof usage?.extra === 'object' && usage.extra !== null ? usage.extra : undefined;
  const completionTokens = count(usage?.completion_tokens) ?? timing.chunks;
  const promptTokens = count(usage?.prompt_tokens) ?? Math.ceil(timing.promptChars / 4);
  const perToken = positive(extra?.time_per_output_token_s);
  const firstToken = positive(extra?.time_to_first_token_s);
  if (perToken !== undefined && firstToken !== undefined) {
    const msPerToken = perToken * 1000;
    return {
      ttftMs: round(firstToken * 1000),
      msPerToken: round(msPerToken),
      tokensPerSecond: round(positive(extra?.decode_tokens_per_s) ?? 1000 / msPerToken),
      prefillTokensPerSecond: round(positive(extra?.prefill_tokens_per_s) ?? promptTokens / firstToken),
      promptTokens,
      completionTokens,
      rating: rateLatency(msPerToken, threshold),
      source: 'engine',
    };
  }
  const first = timing.firstToken ?? timing.end;
  const ttftMs = first - timing.start;
  // The first token's time belongs to prefill; the others share the decode time.
  const decodeTokens = Math.max(1, completionTokens - 1);
  const msPerToken = completionTokens > 1 ? (timing.end - first) / decodeTokens : ttftMs;
  return {
    ttftMs: round(ttftMs),
    msPerToken: round(msPerToken),
    tokensPerSecond: round(msPerToken > 0 ? 1000 / msPerToken : 0),
    prefillTokensPerSecond: round(ttftMs > 0 ? (promptTokens * 1000) / ttftMs : 0),
    promptTokens,
    completionTokens,
    rating: rateLatency(msPerToken, threshold),
    source: 'measured',
  };
}
