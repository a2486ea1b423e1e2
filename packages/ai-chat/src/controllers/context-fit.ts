/**
 * Fitting each request into the model's context, in the reply chunk: token counts (the runtime's
 * own, else estimates scaled by what the runtime reported), the choice of what goes in
 * (`fitContext`), the refusals, and what each answer teaches (`learn`). The conversation keeps one
 * `ContextState`; everything else here is a function of it.
 */
import type { CompletionMessage } from '../engine/engine.js';
import type { Overflow } from '../engine/overflow.js';
import type { Runtime } from '../engine/runtime.js';
import { chatError, type AiChatError } from '../errors.js';
import { calibrate, estimateTokens, fitContext, REQUEST_OVERHEAD, replyRoom } from '../fit/context.js';
import type { Settings } from '../state/settings.js';
import type { ChatMessage } from '../types.js';

export interface ContextState {
  /** Messages of the conversation left out of requests (the oldest). The cut never moves back. */
  from: number;
  /** Scale of token counts: estimates to the runtime's counts, and up after each overflow. */
  scale: number;
  /** The runtime the counts are from (a new one counts again). */
  runtime: Runtime | undefined;
  /** Counts by message (and by system prompt text); `exact` when from the runtime's tokenizer. */
  counts: WeakMap<ChatMessage, number>;
  system: Map<string, number>;
  fixed: number;
  exact: boolean;
  /** The window a runtime's refusal named, where the runtime does not say it otherwise. */
  window?: number | undefined;
}

export const newContext = (): ContextState => ({
  from: 0,
  scale: 1,
  runtime: undefined,
  counts: new WeakMap(),
  system: new Map(),
  fixed: REQUEST_OVERHEAD,
  exact: false,
});

/** A request to send: the messages from `from` on, and what it was counted at. */
export interface Planned {
  messages: CompletionMessage[];
  from: number;
  /** The prompt's tokens as counted (scaled), and unscaled (to calibrate estimates by). */
  counted: number;
  unscaled: number;
}

/** Count what is not counted yet: with the runtime's tokenizer when it has one, else estimates. */
async function count(
  runtime: Runtime,
  state: ContextState,
  messages: readonly ChatMessage[],
  system: string,
  signal: AbortSignal,
): Promise<void> {
  if (state.runtime !== runtime) {
    // A new runtime counts again (a window learned before the first count is this runtime's).
    const window = state.runtime === undefined ? state.window : undefined;
    Object.assign(state, { ...newContext(), from: state.from, runtime, window });
  }
  const fresh = messages.filter((m) => !state.counts.has(m));
  const withSystem = system && !state.system.has(system);
  const asked: CompletionMessage[] = fresh.map(({ role, content }) => ({ role, content }));
  if (withSystem) asked.push({ role: 'system', content: system });
  if (asked.length === 0) return;
  const counted = await runtime.countTokens?.(asked, signal).catch(() => undefined);
  const each = counted?.each.length === asked.length ? counted.each : undefined;
  state.exact = each !== undefined;
  if (counted && each) state.fixed = counted.fixed;
  const tokens = (i: number) => each?.[i] ?? estimateTokens(asked[i]!.content);
  fresh.forEach((m, i) => state.counts.set(m, tokens(i)));
  if (withSystem) state.system.set(system, tokens(asked.length - 1));
}

/** The visitor's words for a single message that cannot fit, and the author's. */
export const tooLong = (needed: number, window: number): AiChatError =>
  chatError('context-window-exceeded', '', {
    runtime: `the message needs about ${needed} tokens with the reply's room; the context window holds ${window}`,
    words: 'errorMessageTooLong',
  });

/**
 * What to send for `messages` (the last is the new user message) into `window` tokens, or the
 * refusal: a message that cannot fit, or, with `context-policy="error"`, a conversation that has
 * outgrown the window. No window known: everything is sent as it is.
 */
export async function plan(
  runtime: Runtime,
  window: number | undefined,
  messages: readonly ChatMessage[],
  system: string,
  settings: Settings,
  state: ContextState,
  signal: AbortSignal,
): Promise<Planned | AiChatError> {
  const all = (from: number): CompletionMessage[] =>
    messages.slice(from).map(({ role, content }) => ({ role, content }));
  if (!window) return { messages: all(0), from: 0, counted: 0, unscaled: 0 };
  await count(runtime, state, messages, system, signal);
  const raw = messages.map((m) => state.counts.get(m)!);
  const base = (system ? state.system.get(system)! : 0) + state.fixed;
  const scaled = (n: number) => Math.ceil(n * state.scale);
  const fit = fitContext({
    roles: messages.map((m) => m.role),
    costs: raw.map(scaled),
    fixed: scaled(base),
    window,
    reserve: replyRoom(window, settings.maxTokens),
    from: settings.contextPolicy === 'error' ? 0 : state.from,
  });
  if (!fit.fits) return tooLong(fit.needed, window);
  if (settings.contextPolicy === 'error' && fit.from > 0)
    return chatError('context-window-exceeded', '', {
      runtime: 'context-policy="error": the conversation no longer fits the context window',
    });
  const kept = raw.slice(fit.from).reduce((n, c) => n + c, base);
  return { messages: all(fit.from), from: fit.from, counted: scaled(kept), unscaled: kept };
}

/**
 * What an answer teaches: the prompt's tokens as the runtime reported them calibrate estimates;
 * an overflow (with the runtime's count, or without) scales every count up before the next try.
 */
export function learn(
  state: ContextState,
  planned: Planned,
  outcome: { promptTokens?: number | undefined; overflow?: Overflow | null | undefined },
): void {
  if (outcome.overflow !== undefined) {
    const { overflow } = outcome;
    const ratio = overflow && planned.counted > 0 ? overflow.needed / planned.counted : 1.5;
    state.scale *= Math.max(1.1, Math.min(ratio, 8));
  } else if (!state.exact && planned.unscaled > 0)
    state.scale = calibrate(state.scale, planned.unscaled, outcome.promptTokens);
}
