/**
 * The streaming code of a reply, a chunk of its own that the conversation controller imports when
 * the model is asked for: the request fitted into the model's context (`context-fit.ts`), the
 * stream read so that Stop always stops (the reader lets go at once, whatever the engine does: see
 * `readAbortable`), a request the runtime refused as too long fitted again and sent once more, and
 * the figures of the reply. `turn.ts` runs a turn with it; the controller owns the conversation and
 * its `ContextState`.
 */
import type {
  CompletionChunk,
  CompletionMessage,
  CompletionRequest,
  CompletionUsage,
} from '../engine/engine.js';
import { overflowOf } from '../engine/page/overflow.js';
import { readAbortable } from '../engine/page/stream.js';
import type { Runtime } from '../engine/runtime.js';
import { chatError, type AiChatError } from '../errors.js';
import { computeStats, type ReplyTiming } from '../engine/stats.js';
import type { Settings } from '../state/settings.js';
import type { ChatMessage, ChatStats } from '../types.js';
import { learn, plan, tooLong, type ContextState } from './context-fit.js';

const now = () => performance.now();

/** What a stream gave: its text (via `onText`), its timing and usage, and how it ended. */
export interface Streamed {
  timing: ReplyTiming;
  usage: CompletionUsage | undefined;
  /** What the stream threw (not an abort). */
  failure: unknown;
  /** Resolves when the stream is closed (or abandoned): the next reply waits for it. */
  closed: Promise<void>;
}

/** The request for `messages` (what is kept of the conversation): the system prompt first, the page's settings. */
export function requestOf(
  messages: readonly CompletionMessage[],
  systemPrompt: string | undefined,
  { temperature, maxTokens }: Settings,
): CompletionRequest {
  const history = messages.map(({ role, content }) => ({ role, content }));
  return {
    // Only text is a system prompt (another value is said as invalid-attribute, see `state/inputs.ts`).
    messages:
      typeof systemPrompt === 'string' && systemPrompt
        ? [{ role: 'system', content: systemPrompt }, ...history]
        : history,
    stream: true,
    stream_options: { include_usage: true },
    ...(temperature !== undefined ? { temperature } : {}),
    ...(maxTokens !== undefined ? { max_tokens: maxTokens } : {}),
  };
}

/**
 * Stream the reply to `request` from `runtime`, calling `onText` with each piece of text, until the
 * stream ends or `signal` aborts.
 */
export async function streamReply(
  runtime: Runtime,
  request: CompletionRequest,
  signal: AbortSignal,
  onText: (text: string) => void,
): Promise<Streamed> {
  const timing: ReplyTiming = {
    start: now(),
    firstToken: undefined,
    end: 0,
    chunks: 0,
    promptChars: request.messages.reduce((n, m) => n + m.content.length, 0),
  };
  let usage: CompletionUsage | undefined;
  let failure: unknown;
  const reading = readAbortable<CompletionChunk>(() => runtime.generate(request, signal), signal);
  try {
    for await (const chunk of reading.chunks) {
      const delta = chunk?.choices?.[0]?.delta?.content;
      if (typeof delta === 'string' && delta) {
        timing.firstToken ??= now();
        timing.chunks++;
        onText(delta);
      }
      if (chunk?.usage) usage = chunk.usage;
    }
  } catch (error) {
    if (!signal.aborted) failure = error;
  }
  timing.end = now();
  return { timing, usage, failure, closed: reading.closed };
}

/** What a reply came to: what streamed, or a refusal before anything was sent; `from`: messages left out. */
export type Answer =
  { streamed: Streamed; refused?: undefined } | { refused: AiChatError; streamed?: undefined };

/** How many times a request the runtime refused as too long is fitted again and sent. */
const TRIES = 3;

/**
 * Answer the conversation `messages` (the last is the user's new message), fitted into the model's
 * context as `state` says. A request the runtime refuses before its first word because it is too
 * long (its own count: llama.cpp, WebLLM and the Prompt API count before they evaluate anything)
 * teaches `state`, and is fitted again; what cannot fit at all is refused, never sent.
 */
export async function answer(
  runtime: Runtime,
  turn: { messages: readonly ChatMessage[]; system: string; settings: Settings; window: number | undefined },
  state: ContextState,
  signal: AbortSignal,
  onText: (text: string) => void,
): Promise<Answer> {
  const { messages, system, settings } = turn;
  // Stopped before it started (`send(); stop()`): nothing is asked of the runtime.
  if (signal.aborted) {
    const start = now();
    const timing = { start, firstToken: undefined, end: start, chunks: 0, promptChars: 0 };
    return { streamed: { timing, usage: undefined, failure: undefined, closed: Promise.resolve() } };
  }
  for (let attempt = 1; ; attempt++) {
    const window = turn.window ?? state.window;
    const planned = await plan(runtime, window, messages, system, settings, state, signal);
    if (!('messages' in planned)) return { refused: planned };
    const streamed = await streamReply(
      runtime,
      requestOf(planned.messages, system, settings),
      signal,
      onText,
    );
    const overflow =
      streamed.timing.chunks === 0 && !signal.aborted ? overflowOf(streamed.failure) : undefined;
    learn(state, planned, { promptTokens: streamed.usage?.prompt_tokens, overflow });
    if (overflow === undefined) {
      if (settings.contextPolicy === 'trim') state.from = planned.from;
      return { streamed };
    }
    // Refused before its first word: nothing was sent. The newest message alone is too long.
    if (overflow) state.window ??= overflow.window;
    if (planned.from >= messages.length - 1)
      return { refused: tooLong(overflow?.needed ?? planned.counted, overflow?.window ?? window ?? 0) };
    if (settings.contextPolicy === 'error' || attempt === TRIES)
      return { refused: chatError('context-window-exceeded', '', { runtime: errorWords(streamed.failure) }) };
    await streamed.closed;
  }
}

const errorWords = (error: unknown) => String((error as { message?: unknown } | null)?.message ?? error);

/** The figures of a reply that gave text (`undefined` for one that gave none). */
export const statsOf = (streamed: Streamed, latencyThreshold: number): ChatStats | undefined =>
  streamed.timing.chunks > 0 ? computeStats(streamed.timing, streamed.usage, latencyThreshold) : undefined;
