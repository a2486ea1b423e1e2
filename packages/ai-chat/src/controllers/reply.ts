/**
 * One reply of a conversation (in the conversation's chunk, `view/chat-view.ts`): the user message
 * joins the conversation, the runtime's stream fills the draft, rendered at most every DRAFT_MS,
 * and the figures of the reply are reported. Stop always stops: the reader lets go of the stream
 * at once, whatever the engine does (see `readAbortable`), and the next reply waits for the old
 * stream to close only for a bounded time.
 */
import type { CompletionChunk, CompletionRequest, CompletionUsage } from '../engine/engine.js';
import { readAbortable } from '../engine/page/stream.js';
import type { Runtime } from '../engine/runtime.js';
import { chatError } from '../errors.js';
import { AiChatMessageEvent, AiChatStatsEvent, AiChatThresholdEvent } from '../events.js';
import { computeStats, type ReplyTiming } from '../engine/stats.js';
import type { ChatMessage } from '../types.js';
import type { ConversationController } from './conversation-controller.js';

const now = () => performance.now();
/** A streaming reply renders at most this often, ms: tokens in between join the next render. */
const DRAFT_MS = 32;

/** Stream the reply to `content` from `runtime` into `c` (its turn `epoch`); resolves with it. */
export async function reply(
  c: ConversationController,
  runtime: Runtime,
  content: string,
  epoch: number,
): Promise<ChatMessage> {
  const { host, turn } = c;
  host.clearFailure();
  append(c, { role: 'user', content });
  const request = requestOf(c);
  const abort = new AbortController();
  turn.abort = abort;
  const draft: ChatMessage = { role: 'assistant', content: '' };
  c.draft = draft;
  turn.generating = true;
  host.changed();
  const timing: ReplyTiming = {
    start: now(),
    firstToken: undefined,
    end: 0,
    chunks: 0,
    promptChars: request.messages.reduce((n, m) => n + m.content.length, 0),
  };
  let usage: CompletionUsage | undefined;
  let failure: unknown;
  const reading = readAbortable<CompletionChunk>(() => runtime.generate(request, abort.signal), abort.signal);
  turn.closing = reading.closed;
  try {
    for await (const chunk of reading.chunks) {
      const delta = chunk?.choices?.[0]?.delta?.content;
      if (typeof delta === 'string' && delta) {
        timing.firstToken ??= now();
        timing.chunks++;
        draft.content += delta;
        // The draft grew: render it at most every DRAFT_MS (a fast burst of tokens costs one render).
        turn.draftTimer ??= setTimeout(() => {
          turn.draftTimer = undefined;
          host.requestUpdate();
        }, DRAFT_MS);
      }
      if (chunk?.usage) usage = chunk.usage;
    }
  } catch (error) {
    if (!abort.signal.aborted) failure = error;
  }
  timing.end = now();
  // The reply's last render is the one below: no throttled draft render may follow it.
  clearTimeout(turn.draftTimer);
  turn.draftTimer = undefined;
  if (!draft.content && failure === undefined && !abort.signal.aborted) failure = noReply();
  if (turn.abort === abort) turn.abort = undefined;
  c.draft = undefined;
  turn.generating = false;
  const interrupted = abort.signal.aborted || failure !== undefined;
  const message: ChatMessage = interrupted ? { ...draft, interrupted: true } : { ...draft };
  if (epoch !== turn.epoch) {
    // A new conversation started during the reply: nothing of it lands there.
    host.changed();
    return message;
  }
  if (message.content) append(c, message);
  if (timing.chunks > 0) report(c, timing, usage);
  if (failure !== undefined) {
    const chat = host.fail(failure);
    host.changed();
    throw chat;
  }
  host.changed();
  return message;
}

function append(c: ConversationController, message: ChatMessage) {
  c.messages = [...c.messages, message];
  c.host.dispatchEvent(new AiChatMessageEvent(message));
  c.host.requestUpdate();
}

function requestOf(c: ConversationController): CompletionRequest {
  const { systemPrompt } = c.host;
  const { temperature, maxTokens } = c.host.settings;
  const history = c.messages.map(({ role, content }) => ({ role, content }));
  return {
    messages: systemPrompt ? [{ role: 'system', content: systemPrompt }, ...history] : history,
    stream: true,
    stream_options: { include_usage: true },
    ...(temperature !== undefined ? { temperature } : {}),
    ...(maxTokens !== undefined ? { max_tokens: maxTokens } : {}),
  };
}

function report(c: ConversationController, timing: ReplyTiming, usage: CompletionUsage | undefined) {
  const threshold = c.host.settings.latencyThreshold;
  const stats = computeStats(timing, usage, threshold);
  c.stats = stats;
  c.host.dispatchEvent(new AiChatStatsEvent(stats));
  if (stats.msPerToken !== null && stats.msPerToken > threshold) {
    c.host.dispatchEvent(new AiChatThresholdEvent('latency', threshold, stats.msPerToken));
  }
}

/** An engine that ends its stream without a word: said, never a silent unanswered question. */
const noReply = () => chatError('engine', 'it ended its reply without any text');
