/**
 * The conversation of one `<ai-chat>`: its messages, the reply streaming now, the queue of sends,
 * Stop, Try again and Regenerate, a new conversation, and the figures of each reply. It asks the
 * model controller for a ready runtime and never asks which kind it is. A new conversation (or new
 * `messages`) during a reply stops it, and nothing of it lands in the new one; so does a new model.
 *
 * Each turn runs in the reply chunk (`turn.ts` with `reply.ts`, `context-fit.ts`), imported when the
 * model is asked for and waited for by the first send: it fits the request into the model's
 * context (the oldest turns left out when the conversation outgrows it: `seenFrom` marks where the
 * model's view starts), streams the reply, and shows a failure in the log, where it happened
 * (`failure`). A message that cannot be sent leaves the log and goes back to the composer (`unsent`).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Runtime } from '../engine/runtime.js';
import { chatError, type AiChatError } from '../errors.js';
import { AiChatMessageEvent, AiChatStatsEvent, AiChatThresholdEvent } from '../events.js';
import type { Settings } from '../state/settings.js';
import type { ChatMessage, ChatStats } from '../types.js';
import { chunkError } from '../view/chat-view-loader.js';
import type { ContextState } from './context-fit.js';
import type { ModelController } from './model-controller.js';
import type { StatusController } from './status-controller.js';

export interface ConversationHost extends ReactiveControllerHost, EventTarget {
  readonly settings: Settings;
  readonly systemPrompt: string | undefined;
}

type ReplyCode = typeof import('./turn.js');
let replyCode: Promise<ReplyCode> | undefined;
/** The reply's code (once; a load that failed is tried again by the next call). */
const loadReply = () =>
  (replyCode ??= import('./turn.js').catch((error: unknown) => {
    replyCode = undefined;
    throw chunkError(error);
  }));

type Turn = (
  code: ReplyCode,
  runtime: Runtime,
  abort: AbortController,
  epoch: number,
) => Promise<ChatMessage>;

export class ConversationController implements ReactiveController {
  messages: ChatMessage[] = [];
  /** The assistant reply while it streams. */
  draft: ChatMessage | undefined;
  stats: ChatStats | undefined;
  /** The failure of the last send or reply: shown in the log, at its end, where it happened. */
  failure: AiChatError | undefined;

  // What the turn's code (`turn.ts`) works with.
  readonly host: ConversationHost;
  readonly model: ModelController;
  readonly status: StatusController;
  /** Stops the reply in progress. */
  abort: AbortController | undefined;
  /** Resolves when the last reply's stream is closed (or abandoned). */
  closing: Promise<void> = Promise.resolve();
  /** Bumped by a new conversation: a reply of an older one lands nowhere. */
  epoch = 0;
  /** What fitting the conversation into the model's context keeps between requests. */
  context: ContextState | undefined;
  /** Failures after which the message was not kept: its text goes back to the composer. */
  readonly unsent = new WeakSet<object>();

  #queue: Promise<unknown> = Promise.resolve();
  /** One per send or try not answered yet: Stop cancels them too. */
  #pending = new Set<AbortController>();

  constructor(host: ConversationHost, model: ModelController, status: StatusController) {
    this.host = host;
    this.model = model;
    this.status = status;
    host.addController(this);
  }

  hostUpdated(): void {
    // The streaming code loads while the model does (after consent), ready for the first reply.
    if (['downloading', 'loading', 'ready'].includes(this.status.status)) loadReply().catch(() => undefined);
  }

  /** The first message the model still sees, when older ones are left out of its context. */
  get seenFrom(): ChatMessage | undefined {
    const from = this.context?.from ?? 0;
    return from > 0 ? this.messages[from] : undefined;
  }

  /**
   * Put a restored conversation on screen, keeping a reply in progress (it lands after it); with
   * `keepReply` false (another conversation: nothing crosses), the reply stops.
   */
  restore(messages: ChatMessage[], keepReply = true): void {
    if (!keepReply) return this.replace(messages);
    this.messages = messages;
    if (this.context) this.context.from = 0;
    this.host.requestUpdate();
  }

  /** Replace the conversation (a restore, or the page's own): stops a reply in progress. */
  replace(messages: ChatMessage[]): void {
    this.epoch++;
    this.stop();
    this.restore(messages);
    this.draft = undefined;
    this.failure = undefined;
  }

  /**
   * Send a user message and stream the reply; sending is consent to load the model. Calls are
   * queued: a second `send()` during a reply waits for it. Resolves with the assistant message:
   * marked `interrupted` when stopped (also before it started) or cut, and not part of the
   * conversation when a new one started during the reply. Resolves undefined for empty text, and for
   * a send still queued when a new conversation started.
   */
  send(text: string): Promise<ChatMessage | undefined> {
    const content = String(text ?? '');
    if (!content.trim()) return Promise.resolve(undefined);
    this.model.consent();
    return this.#enqueue((code, runtime, abort, epoch) => {
      const user: ChatMessage = { role: 'user', content };
      this.append(user);
      return code.runTurn(this, runtime, user, abort, epoch);
    });
  }

  /**
   * Answer the last question again, the same message (not a copy): what followed it (a reply, a
   * partial one, a failure) is removed first. No-op while a reply streams or without a question.
   */
  async regenerate(): Promise<void> {
    if (this.status.generating) return;
    const at = this.messages.map((m) => m.role).lastIndexOf('user');
    if (at < 0) return;
    const user = this.messages[at]!;
    this.status.dismiss();
    this.failure = undefined;
    this.messages = this.messages.slice(0, at + 1);
    this.host.requestUpdate();
    const turn: Turn = (code, runtime, abort, epoch) => code.runTurn(this, runtime, user, abort, epoch);
    await this.#enqueue(turn).catch(() => undefined);
  }

  /** Run `turn` once the model is ready and the replies before it are done, in this conversation. */
  #enqueue(turn: Turn): Promise<ChatMessage | undefined> {
    const abort = new AbortController();
    const epoch = this.epoch;
    this.#pending.add(abort);
    const run = this.#queue
      .then(async () => {
        const code = loadReply();
        code.catch(() => undefined); // when the model fails first, its error is the one thrown
        let ready: [ReplyCode, Runtime];
        try {
          await this.model.load();
          const runtime = this.model.ready;
          if (!runtime) throw chatError('aborted');
          ready = [await code, runtime];
        } catch (error) {
          // The model (or the code) failed before the message was sent: it stays with the sender.
          if (error instanceof Object) this.unsent.add(error);
          throw error;
        }
        await this.closing;
        // Sent in a conversation that has since been replaced: it belongs to none.
        if (epoch !== this.epoch) return undefined;
        this.status.clearFailure();
        this.failure = undefined;
        return turn(...ready, abort, epoch);
      })
      .finally(() => this.#pending.delete(abort));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  append(message: ChatMessage): void {
    this.messages = [...this.messages, message];
    this.host.dispatchEvent(new AiChatMessageEvent(message));
    this.host.requestUpdate();
  }

  /** The figures of the last reply (`undefined`: none), fired with the threshold they cross. */
  report(stats: ChatStats | undefined): void {
    this.stats = stats;
    if (!stats) return;
    const threshold = this.host.settings.latencyThreshold;
    this.host.dispatchEvent(new AiChatStatsEvent(stats));
    if (stats.msPerToken !== null && stats.msPerToken > threshold)
      this.host.dispatchEvent(new AiChatThresholdEvent('latency', threshold, stats.msPerToken));
  }

  /** End the reply in progress and cancel every send not answered yet. Never throws. */
  stop(): void {
    this.abort?.abort();
    for (const pending of this.#pending) pending.abort();
  }

  /** Start a new conversation: stops the reply in progress and forgets the messages. */
  reset(): void {
    this.replace([]);
    this.stats = undefined;
    this.status.clearFailure();
  }
}
