/**
 * Fitting a conversation into a model's context window, before each request (pure):
 * - `fitContext`: which messages go in. The system prompt and the newest turn always do; the oldest
 *   turns are left out first, whole turns at a time, and room is kept for the reply. Once messages
 *   are left out, the cut stays where it is while the rest fits, and when it must move it moves by a
 *   block (what is kept then fills at most `BLOCK_FILL` of the room): so the kept part is the same
 *   prefix turn after turn, and a runtime that caches it (llama.cpp's KV cache, WebLLM's multi-round
 *   chat) reads only the new turn.
 * - `replyRoom`: the room kept for the reply.
 * - `estimateTokens`, `calibrate`: token counts where a runtime has no tokenizer at hand, scaled by
 *   what the runtime reported for earlier requests.
 */
import type { ChatRole } from '../types.js';

/** After a cut, what is kept fills at most this share of the room: the next turns fit without a new cut. */
export const BLOCK_FILL = 0.75;

export interface FitInput {
  /** The conversation as the model would see it, oldest first; the last is the new user message. */
  roles: readonly ChatRole[];
  /** Tokens of each message of `roles` (its chat template's share included). */
  costs: readonly number[];
  /** Tokens of the system prompt (0 without one) and of what every request adds (template, generation prompt). */
  fixed: number;
  /** The model's context window, tokens. */
  window: number;
  /** Room kept for the reply, tokens. */
  reserve: number;
  /** Messages already left out by earlier requests: the cut never moves back. */
  from: number;
}

export type Fit =
  /** Send the messages from `from` on (`from` > 0: the oldest are left out). */
  | { fits: true; from: number }
  /** The newest message alone does not fit: `needed` tokens against `room`. */
  | { fits: false; needed: number; room: number };

/** The first message at or after `index` that starts a turn (a user message), else `last`. */
function turnStart(roles: readonly ChatRole[], index: number, last: number): number {
  let i = Math.max(0, index);
  while (i < last && roles[i] !== 'user') i++;
  return Math.min(i, last);
}

export function fitContext(input: FitInput): Fit {
  const { roles, costs, fixed, window, reserve } = input;
  const last = costs.length - 1;
  const room = window - reserve - fixed;
  const newest = costs[last] ?? 0;
  if (last < 0 || newest > room) return { fits: false, needed: newest + reserve + fixed, room: window };
  // What the messages from `i` on cost, for every `i` (suffix sums).
  const after = new Array<number>(costs.length + 1).fill(0);
  for (let i = last; i >= 0; i--) after[i] = after[i + 1]! + costs[i]!;
  let from = turnStart(roles, input.from, last);
  if (after[from]! <= room) return { fits: true, from };
  // A new cut: leave out whole turns until what is kept fills at most BLOCK_FILL of the room.
  const target = Math.max(newest, Math.floor(room * BLOCK_FILL));
  while (from < last && after[from]! > target) from = turnStart(roles, from + 1, last);
  return { fits: true, from };
}

/** Room for the reply: `max-tokens` when set, else a quarter of the window up to 1,024; never over half the window. */
export function replyRoom(window: number, maxTokens: number | undefined): number {
  const wanted = maxTokens ?? Math.min(1024, Math.floor(window / 4));
  return Math.max(0, Math.min(wanted, Math.floor(window / 2)));
}

const encoder = new TextEncoder();

/** Tokens a message adds around its text (role, separators), in estimates. */
export const MESSAGE_OVERHEAD = 4;
/** Tokens a request adds around its messages (start, generation prompt), in estimates. */
export const REQUEST_OVERHEAD = 8;

/**
 * An estimate of the tokens of `text` as a message, where no tokenizer is at hand: one token per
 * three bytes of UTF-8 (English takes about four characters a token, CJK one or two tokens a
 * character), plus the message's overhead. `calibrate` scales it to the runtime's own counts.
 */
export const estimateTokens = (text: string): number =>
  Math.ceil(encoder.encode(text).length / 3) + MESSAGE_OVERHEAD;

/**
 * The scale of estimates after a request the runtime counted: `estimated` tokens (unscaled) came
 * to `reported`. It rises at once (a low estimate overflows) and falls slowly (a reply of another
 * kind of text should not shrink it all at once). Unchanged when the report says nothing.
 */
export function calibrate(scale: number, estimated: number, reported: number | undefined): number {
  if (reported === undefined || !Number.isFinite(reported) || reported <= 0 || estimated <= 0) return scale;
  return Math.max(reported / estimated, scale * 0.85);
}
