/**
 * The conversation of one `<ai-chat>`: its messages, the reply streaming now, the queue of sends,
 * Stop, a new conversation, and the figures of each reply. It asks its host for a ready runtime
 * and never asks which kind it is. A new conversation (or new `messages`) during a reply stops it,
 * and nothing of it lands in the new one.
 *
 * This half is what the element needs before consent (the state, the queue); the reply itself
 * (streaming, Stop, figures: `reply.ts`) is in the conversation's chunk, fetched at consent and
 * waited for by the first send.
 */
import type { ReactiveControllerHost } from 'lit';
import type { Runtime } from '../engine/runtime.js';
import type { AiChatError } from '../errors.js';
import type { Settings } from '../fit/settings.js';
import type { ChatMessage, ChatStats } from '../types.js';
import { chunkError, loadChatView } from '../view/chat-view-loader.js';

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

/** The reply in progress, shared with the reply's code (`reply.ts`). */
export interface Turn {
  generating: boolean;
  abort: AbortController | undefined;
  /** Resolves when the last reply's stream is closed (or abandoned). */
  closing: Promise<void>;
  /** Bumped by a new conversation: a reply of an older one lands nowhere. */
  epoch: number;
  /** The throttled render of the growing draft. */
  draftTimer: ReturnType<typeof setTimeout> | undefined;
}

export class ConversationController {
  messages: ChatMessage[] = [];
  /** The assistant reply while it streams. */
  draft: ChatMessage | undefined;
  stats: ChatStats | undefined;
  readonly turn: Turn = {
    generating: false,
    abort: undefined,
    closing: Promise.resolve(),
    epoch: 0,
    draftTimer: undefined,
  };

  readonly host: ConversationHost;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(host: ConversationHost) {
    this.host = host;
  }

  get generating(): boolean {
    return this.turn.generating;
  }

  /** Put a restored conversation on screen, keeping a reply in progress (it lands after it). */
  restore(messages: ChatMessage[]): void {
    this.messages = messages;
    this.host.requestUpdate();
  }

  /** Replace the conversation (a restore, or the page's own): stops a reply in progress. */
  replace(messages: ChatMessage[]): void {
    this.turn.epoch++;
    this.stop();
    this.messages = messages;
    this.draft = undefined;
    this.host.requestUpdate();
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
    const turn = this.#queue.then(() => this.#reply(content, this.turn.epoch));
    this.#queue = turn.catch(() => undefined);
    return turn;
  }

  async #reply(content: string, epoch: number): Promise<ChatMessage | undefined> {
    const code = loadChatView().catch((error: unknown) => {
      throw chunkError(error);
    });
    code.catch(() => undefined); // when the model fails first, its error is the one thrown
    const runtime = await this.host.ready();
    const { reply } = await code;
    await this.turn.closing;
    // Sent in a conversation that has since been replaced: it belongs to none.
    if (epoch !== this.turn.epoch) return undefined;
    return reply(this, runtime, content, epoch);
  }

  /** End the reply in progress (no-op when there is none). Never throws. */
  stop(): void {
    this.turn.abort?.abort();
  }

  /** Start a new conversation: stops the reply in progress and forgets the messages. */
  reset(): void {
    this.replace([]);
    this.stats = undefined;
    this.host.clearFailure();
  }
}
