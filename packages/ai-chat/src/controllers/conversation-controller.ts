/**
 * The conversation of one `<ai-chat>`: its messages, the reply streaming now, the queue of sends,
 * Stop, a new conversation, and the figures of each reply. It asks its host for a ready runtime
 * and never asks which kind it is. Stop always stops: the reader lets go of a stream at once,
 * whatever the engine does (see `readAbortable`), and the next reply waits for the old stream to
 * close only for a bounded time. A new conversation (or new `messages`) during a reply stops it,
 * and nothing of it lands in the new one.
 */
import type { ReactiveControllerHost } from 'lit';
import type { CompletionChunk, CompletionRequest, CompletionUsage } from '../engine/engine.js';
import { readAbortable } from '../engine/page/stream.js';
import type { Runtime } from '../engine/runtime.js';
import { chatError, type AiChatError } from '../errors.js';
import { AiChatMessageEvent, AiChatStatsEvent, AiChatThresholdEvent } from '../events.js';
import type { Settings } from '../fit/settings.js';
import { computeStats, type ReplyTiming } from '../fit/stats.js';
import type { ChatMessage, ChatStats } from '../types.js';

export interface ConversationHost extends Pick<ReactiveControllerHost, 'requestUpdate'> {
  dispatchEvent(event: Event): boolean;
  readonly settings: Settings;
  readonly systemPrompt: string | undefined;
  /** Load the model if needed (sending is consent) and give its runtime. */
  ready(): Promise<Runtime>;
  fail(error: unknown): AiChatError;
  clearFailure(): void;
  /** Something the status derives from changed. */
  changed(): void;
}

const now = () => performance.now();
/** A streaming reply renders at most this often, ms: tokens in between join the next render. */
const DRAFT_MS = 32;

export class ConversationController {
  messages: ChatMessage[] = [];
  /** The assistant reply while it streams. */
  draft: ChatMessage | undefined;
  stats: ChatStats | undefined;
  /** The text of the last send that failed before its message joined the conversation. */
  undelivered: string | undefined;

  #host: ConversationHost;
  #generating = false;
  #abort: AbortController | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  /** Resolves when the last reply's stream is closed (or abandoned). */
  #closing: Promise<void> = Promise.resolve();
  /** Bumped by a new conversation: a reply of an older one lands nowhere. */
  #epoch = 0;

  constructor(host: ConversationHost) {
    this.#host = host;
  }

  get generating(): boolean {
    return this.#generating;
  }

  /** Put a restored conversation on screen, keeping a reply in progress (it lands after it). */
  restore(messages: ChatMessage[]): void {
    this.messages = messages;
    this.#host.requestUpdate();
  }

  /** Replace the conversation (a restore, or the page's own): stops a reply in progress. */
  replace(messages: ChatMessage[]): void {
    this.#epoch++;
    this.stop();
    this.messages = messages;
    this.draft = undefined;
    this.#host.requestUpdate();
  }

  /**
   * Send a user message and stream the reply. Calls are queued: a second `send()` during a reply
   * waits for it. Resolves with the assistant message: marked `interrupted` when stopped or cut,
   * and not part of the conversation when a new one started during the reply. Resolves undefined
   * for empty text, and for a send still queued when a new conversation started.
   */
  send(text: string): Promise<ChatMessage | undefined> {
    const content = String(text ?? '');
    if (!content.trim()) return Promise.resolve(undefined);
    const turn = this.#queue.then(() => this.#reply(content, this.#epoch));
    this.#queue = turn.catch(() => undefined);
    return turn;
  }

  async #reply(content: string, epoch: number): Promise<ChatMessage | undefined> {
    let runtime: Runtime;
    try {
      runtime = await this.#host.ready();
      await this.#closing;
    } catch (error) {
      this.undelivered = content;
      throw error;
    }
    // Sent in a conversation that has since been replaced: it belongs to none.
    if (epoch !== this.#epoch) return undefined;
    this.#host.clearFailure();
    this.#append({ role: 'user', content });
    const request = this.#request();
    const abort = new AbortController();
    this.#abort = abort;
    const draft: ChatMessage = { role: 'assistant', content: '' };
    this.draft = draft;
    this.#generating = true;
    this.#host.changed();
    const timing: ReplyTiming = {
      start: now(),
      firstToken: undefined,
      end: 0,
      chunks: 0,
      promptChars: request.messages.reduce((n, m) => n + m.content.length, 0),
    };
    let usage: CompletionUsage | undefined;
    let failure: unknown;
    const reading = readAbortable<CompletionChunk>(
      () => runtime.generate(request, abort.signal),
      abort.signal,
    );
    this.#closing = reading.closed;
    try {
      for await (const chunk of reading.chunks) {
        const delta = chunk?.choices?.[0]?.delta?.content;
        if (typeof delta === 'string' && delta) {
          timing.firstToken ??= now();
          timing.chunks++;
          draft.content += delta;
          this.#draftChanged();
        }
        if (chunk?.usage) usage = chunk.usage;
      }
    } catch (error) {
      if (!abort.signal.aborted) failure = error;
    }
    timing.end = now();
    // The reply's last render is the one below: no throttled draft render may follow it.
    clearTimeout(this.#draftTimer);
    this.#draftTimer = undefined;
    if (!draft.content && failure === undefined && !abort.signal.aborted) failure = noReply();
    if (this.#abort === abort) this.#abort = undefined;
    this.draft = undefined;
    this.#generating = false;
    const interrupted = abort.signal.aborted || failure !== undefined;
    const reply: ChatMessage = interrupted ? { ...draft, interrupted: true } : { ...draft };
    if (epoch !== this.#epoch) {
      // A new conversation started during the reply: nothing of it lands there.
      this.#host.changed();
      return reply;
    }
    if (reply.content) this.#append(reply);
    if (timing.chunks > 0) this.#report(timing, usage);
    if (failure !== undefined) {
      const chat = this.#host.fail(failure);
      this.#host.changed();
      throw chat;
    }
    this.#host.changed();
    return reply;
  }

  #draftTimer: ReturnType<typeof setTimeout> | undefined;

  /** The draft grew: render it at most every DRAFT_MS (a fast burst of tokens costs one render). */
  #draftChanged() {
    if (this.#draftTimer !== undefined) return;
    this.#draftTimer = setTimeout(() => {
      this.#draftTimer = undefined;
      this.#host.requestUpdate();
    }, DRAFT_MS);
  }

  #append(message: ChatMessage) {
    this.messages = [...this.messages, message];
    this.#host.dispatchEvent(new AiChatMessageEvent(message));
    this.#host.requestUpdate();
  }

  #request(): CompletionRequest {
    const { systemPrompt } = this.#host;
    const { temperature, maxTokens } = this.#host.settings;
    const history = this.messages.map(({ role, content }) => ({ role, content }));
    return {
      messages: systemPrompt ? [{ role: 'system', content: systemPrompt }, ...history] : history,
      stream: true,
      stream_options: { include_usage: true },
      ...(temperature !== undefined ? { temperature } : {}),
      ...(maxTokens !== undefined ? { max_tokens: maxTokens } : {}),
    };
  }

  #report(timing: ReplyTiming, usage: CompletionUsage | undefined) {
    const threshold = this.#host.settings.latencyThreshold;
    const stats = computeStats(timing, usage, threshold);
    this.stats = stats;
    this.#host.dispatchEvent(new AiChatStatsEvent(stats));
    if (stats.msPerToken !== null && stats.msPerToken > threshold) {
      this.#host.dispatchEvent(new AiChatThresholdEvent('latency', threshold, stats.msPerToken));
    }
  }

  /** End the reply in progress (no-op when there is none). Never throws. */
  stop(): void {
    this.#abort?.abort();
  }

  /** Start a new conversation: stops the reply in progress and forgets the messages. */
  reset(): void {
    this.replace([]);
    this.stats = undefined;
    this.#host.clearFailure();
  }
}

/** An engine that ends its stream without a word: said, never a silent unanswered question. */
const noReply = () => chatError('engine', 'it ended its reply without any text');
