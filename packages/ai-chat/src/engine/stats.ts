/**
 * The figures of one reply (`ai-chat-stats`): from what the engine reports (WebLLM's `usage`),
 * else from the element's own clock. Pure.
 */
import type { CompletionUsage } from './engine.js';
import type { ChatStats } from '../types.js';
import { rateLatency } from '../fit/rating.js';

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
 * The figures of one reply. A reply of fewer than two tokens has no decode to time: its per-token
 * figures and rating are `null` (and no latency threshold can fire for it). Taken from WebLLM's `usage.extra` when present, else from the
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
  // Prompt tokens evaluated for this reply: those a runtime read from its cache are not counted.
  const cached = count(usage?.prompt_tokens_details?.cached_tokens) ?? 0;
  const prompt = count(usage?.prompt_tokens);
  const promptTokens =
    prompt !== undefined ? Math.max(0, prompt - cached) : Math.ceil(timing.promptChars / 4);
  const perToken = completionTokens >= 2;
  const outputToken = positive(extra?.time_per_output_token_s);
  const firstToken = positive(extra?.time_to_first_token_s);
  if (outputToken !== undefined && firstToken !== undefined) {
    const msPerToken = outputToken * 1000;
    return {
      ttftMs: round(firstToken * 1000),
      msPerToken: perToken ? round(msPerToken) : null,
      tokensPerSecond: perToken ? round(positive(extra?.decode_tokens_per_s) ?? 1000 / msPerToken) : null,
      prefillTokensPerSecond: round(positive(extra?.prefill_tokens_per_s) ?? promptTokens / firstToken),
      promptTokens,
      completionTokens,
      rating: perToken ? rateLatency(msPerToken, threshold) : null,
      source: 'engine',
    };
  }
  const first = timing.firstToken ?? timing.end;
  const ttftMs = first - timing.start;
  // The first token's time belongs to prefill; the others share the decode time.
  const decodeTokens = Math.max(1, completionTokens - 1);
  const msPerToken = (timing.end - first) / decodeTokens;
  return {
    ttftMs: round(ttftMs),
    msPerToken: perToken ? round(msPerToken) : null,
    tokensPerSecond: perToken ? round(msPerToken > 0 ? 1000 / msPerToken : 0) : null,
    prefillTokensPerSecond: round(ttftMs > 0 ? (promptTokens * 1000) / ttftMs : 0),
    promptTokens,
    completionTokens,
    rating: perToken ? rateLatency(msPerToken, threshold) : null,
    source: 'measured',
  };
}
