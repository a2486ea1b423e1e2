/**
 * The conversation of one `<ai-chat>`: its messages, the reply streaming now, the queue of sends,
 * Stop, Regenerate, a new conversation, and the figures of each reply. It asks the model controller
 * for a ready runtime and never asks which kind it is. A new conversation (or new `messages`)
 * during a reply stops it, and nothing of it lands in the new one; so does a new model.
 *
 * The streaming code (`reply.ts`) is a chunk of its own, imported when the model is asked for and
 * waited for by the first send.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { chatError } from '../errors.js';
import { AiChatMessageEvent, AiChatStatsEvent, AiChatThresholdEvent } from '../events.js';
import type { Settings } from '../state/settings.js';
import type { ChatMessage, ChatStats } from '../types.js';
import { chunkError } from '../view/chat-view-loader.js';
import type { ModelController } from './model-controller.js';
import type { StatusController } from './status-controller.js';

export interface ConversationHost extends ReactiveControllerHost, EventTarget {
  readonly settings: Settings;
  readonly systemPrompt: string | undefined;
}

type ReplyCode = typeof import('./reply.js');
let replyCode: Promise<ReplyCode> | undefined;
/** The streaming code (once; a load that failed is tried again by the next call). */
const loadReply = () =>
  (replyCode ??= import('./reply.js').catch((error: unknown) => {
    replyCode = undefined;
    throw chunkError(error);
  }));

/** A streaming reply renders at most this often, ms: tokens in between join the next render. */
const DRAFT_MS = 32;

export class ConversationController implements ReactiveController {
  messages: ChatMessage[] = [];
  /** The assistant reply while it streams. */
  draft: ChatMessage | undefined;
  stats: ChatStats | undefined;

  #host: ConversationHost;
  #model: ModelController;
  #status: StatusController;
  #queue: Promise<unknown> = Promise.resolve();
  /** Stops the reply in progress. */
  #abort: AbortController | undefined;
  /** Resolves when the last reply's stream is closed (or abandoned). */
  #closing: Promise<void> = Promise.resolve();
  /** Bumped by a new conversation: a reply of an older one lands nowhere. */
  #epoch = 0;
  /** The throttled render of the growing draft. */
  #draftTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: ConversationHost, model: ModelController, status: StatusController) {
    this.#host = host;
    this.#model = model;
    this.#status = status;
    host.addController(this);
  }

  hostUpdated(): void {
    // The streaming code loads while the model does (after consent), ready for the first reply.
    if (['downloading', 'loading', 'ready'].includes(this.#status.status)) loadReply().catch(() => undefined);
  }

  /**
   * Put a restored conversation on screen, keeping a reply in progress (it lands after it); with
   * `keepReply` false (another conversation: nothing crosses), the reply stops.
   */
  restore(messages: ChatMessage[], keepReply = true): void {
    if (!keepReply) return this.replace(messages);
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
   * Send a user message and stream the reply; sending is consent to load the model. Calls are
   * queued: a second `send()` during a reply waits for it. Resolves with the assistant message:
   * marked `interrupted` when stopped or cut, and not part of the conversation when a new one
   * started during the reply. Resolves undefined for empty text, and for a send still queued when
   * a new conversation started.
   */
  send(text: string): Promise<ChatMessage | undefined> {
    const content = String(text ?? '');
    if (!content.trim()) return Promise.resolve(undefined);
    this.#model.consent();
    const turn = this.#queue.then(() => this.#reply(content, this.#epoch));
    this.#queue = turn.catch(() => undefined);
    return turn;
  }

  async #reply(content: string, epoch: number): Promise<ChatMessage | undefined> {
    const code = loadReply();
    code.catch(() => undefined); // when the model fails first, its error is the one thrown
    await this.#model.load();
    const runtime = this.#model.ready;
    if (!runtime) throw chatError('aborted');
    const { requestOf, streamReply, statsOf } = await code;
    await this.#closing;
    // Sent in a conversation that has since been replaced: it belongs to none.
    if (epoch !== this.#epoch) return undefined;

    this.#status.clearFailure();
    this.#append({ role: 'user', content });
    const { settings, systemPrompt } = this.#host;
    const request = requestOf(this.messages, systemPrompt, settings);
    const abort = new AbortController();
    this.#abort = abort;
    const draft: ChatMessage = { role: 'assistant', content: '' };
    this.draft = draft;
    this.#status.generating = true;
    // A new model under the reply stops it too (a listener removed after the reply: the model's
    // signal outlives many replies, and must not hold on to them as `AbortSignal.any` would).
    const { signal } = abort;
    const model = this.#model.signal;
    const stopOnSwitch = () => abort.abort();
    if (model.aborted) abort.abort();
    model.addEventListener('abort', stopOnSwitch, { once: true });
    const streamed = await streamReply(runtime, request, signal, (text) => {
      draft.content += text;
      // The draft grew: render it at most every DRAFT_MS (a fast burst of tokens costs one render).
      this.#draftTimer ??= setTimeout(() => {
        this.#draftTimer = undefined;
        this.#host.requestUpdate();
      }, DRAFT_MS);
    });
    model.removeEventListener('abort', stopOnSwitch);
    this.#closing = streamed.closed;
    // The reply's last render is the one below: no throttled draft render may follow it.
    clearTimeout(this.#draftTimer);
    this.#draftTimer = undefined;
    if (this.#abort === abort) this.#abort = undefined;
    this.draft = undefined;
    const { failure } = streamed;
    const message: ChatMessage =
      signal.aborted || failure !== undefined ? { ...draft, interrupted: true } : { ...draft };
    if (epoch !== this.#epoch) {
      // A new conversation started during the reply: nothing of it lands there.
      this.#status.generating = false;
      return message;
    }
    if (message.content) this.#append(message);
    const stats = statsOf(streamed, settings.latencyThreshold);
    if (stats) this.#report(stats, settings.latencyThreshold);
    const chat = failure === undefined ? undefined : this.#status.fail(failure);
    this.#status.generating = false;
    // Settled once the reply is on screen.
    await this.#host.updateComplete;
    if (chat) throw chat;
    return message;
  }

  #append(message: ChatMessage) {
    this.messages = [...this.messages, message];
    this.#host.dispatchEvent(new AiChatMessageEvent(message));
    this.#host.requestUpdate();
  }

  #report(stats: ChatStats, threshold: number) {
    this.stats = stats;
    this.#host.dispatchEvent(new AiChatStatsEvent(stats));
    if (stats.msPerToken !== null && stats.msPerToken > threshold)
      this.#host.dispatchEvent(new AiChatThresholdEvent('latency', threshold, stats.msPerToken));
  }

  /** End the reply in progress (no-op when there is none). Never throws. */
  stop(): void {
    this.#abort?.abort();
  }

  /** Start a new conversation: stops the reply in progress and forgets the messages. */
  reset(): void {
    this.replace([]);
    this.stats = undefined;
    this.#status.clearFailure();
  }

  /**
   * Ask for the last reply again: the last assistant reply is removed and the last user message is
   * sent again. No-op while a reply streams or when there is no user message.
   */
  async regenerate(): Promise<void> {
    if (this.#status.generating) return;
    let user = this.messages.length - 1;
    while (user >= 0 && this.messages[user]!.role !== 'user') user--;
    if (user < 0) return;
    const text = this.messages[user]!.content;
    this.#status.dismiss();
    this.replace(this.messages.slice(0, user).map((m) => ({ ...m })));
    await this.send(text).catch(() => undefined);
  }
}
