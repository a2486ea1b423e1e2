/**
 * The streaming code of a reply, a chunk of its own that the conversation controller imports when
 * the model is asked for: the request made from the conversation, the stream read so that Stop
 * always stops (the reader lets go at once, whatever the engine does: see `readAbortable`), and
 * the figures of the reply. Nothing here holds state: the controller owns the conversation.
 */
import type { CompletionChunk, CompletionRequest, CompletionUsage } from '../engine/engine.js';
import { readAbortable } from '../engine/page/stream.js';
import type { Runtime } from '../engine/runtime.js';
import { chatError } from '../errors.js';
import { computeStats, type ReplyTiming } from '../engine/stats.js';
import type { Settings } from '../state/settings.js';
import type { ChatMessage, ChatStats } from '../types.js';

const now = () => performance.now();

/** What a stream gave: its text (via `onText`), its timing and usage, and how it ended. */
export interface Streamed {
  timing: ReplyTiming;
  usage: CompletionUsage | undefined;
  /** What the stream threw (not an abort); an engine that said nothing at all is a failure too. */
  failure: unknown;
  /** Resolves when the stream is closed (or abandoned): the next reply waits for it. */
  closed: Promise<void>;
}

/** The request for the conversation `messages`: the system prompt first, the page's settings. */
export function requestOf(
  messages: readonly ChatMessage[],
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
  if (timing.chunks === 0 && failure === undefined && !signal.aborted) failure = noReply();
  return { timing, usage, failure, closed: reading.closed };
}

/** The figures of a reply that gave text (`undefined` for one that gave none). */
export const statsOf = (streamed: Streamed, latencyThreshold: number): ChatStats | undefined =>
  streamed.timing.chunks > 0 ? computeStats(streamed.timing, streamed.usage, latencyThreshold) : undefined;

/** An engine that ends its stream without a word: said, never a silent unanswered question. */
const noReply = () => chatError('engine', 'it ended its reply without any text');
