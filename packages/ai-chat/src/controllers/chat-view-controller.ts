/**
 * The conversation's half of the view (`view/chat-view.ts`), a chunk of its own: fetched the
 * first time the element needs it (consent, an engine, a conversation to show or restore), with
 * its styles adopted and its view controllers (the message window, scrolling, saving) started
 * once. The element waits for it (`ready()`) before the render that needs it. A chunk that cannot
 * be fetched is reported once and tried again after its error is dismissed or replaced.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AiChatError } from '../errors.js';
import { persistKey } from '../persist/key.js';
import {
  chatView,
  chunkError,
  loadChatView,
  needsChatView,
  type ChatView,
} from '../view/chat-view-loader.js';
import { adoptSheet } from '../styles/adopt.js';
import type { ConversationController } from './conversation-controller.js';
import type { LocaleController } from './locale-controller.js';
import type { MessageWindow } from './message-window.js';
import type { ModelController } from './model-controller.js';
import type { PersistController } from './persist-controller.js';
import type { ScrollController } from './scroll-controller.js';
import type { StatusController } from './status-controller.js';

export interface ChatViewHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly autoload: boolean;
  readonly engine: unknown;
  persist: string | undefined;
}

export interface ChatViewParts {
  model: ModelController;
  conversation: ConversationController;
  status: StatusController;
  locale: LocaleController;
  /** The sheet the chunk's styles go before (the cascade keeps the order of the element's styles). */
  before: CSSStyleSheet | undefined;
}

export class ChatViewController implements ReactiveController {
  /** The chunk, once it is here. */
  view: ChatView | undefined;
  window: MessageWindow | undefined;
  scroll: ScrollController | undefined;
  #persist: PersistController | undefined;
  #host: ChatViewHost;
  #parts: ChatViewParts;
  /** The chunk could not be fetched: not tried again while this error is shown. */
  #failure: AiChatError | undefined;

  constructor(host: ChatViewHost, parts: ChatViewParts) {
    this.#host = host;
    this.#parts = parts;
    host.addController(this);
  }

  hostUpdated(): void {
    // The first reply's code loads while the model does (after consent), or at once with a page's
    // engine (which has no load of its own to wait for): ready before the first reply.
    if (this.#host.engine || ['downloading', 'loading', 'ready'].includes(this.#parts.status.status))
      this.view?.preloadMarkdown(this.#host.renderRoot as ShadowRoot);
  }

  /** Fetch and start the chunk when the element needs it (before the render that shows it). */
  async ready(): Promise<void> {
    const { model, conversation, status } = this.#parts;
    const host = this.#host;
    const wanted = needsChatView({
      consented: model.consented || host.autoload,
      customEngine: !!host.engine,
      conversation: conversation.messages.length > 0 || !!conversation.draft,
      persist: persistKey(host.persist) !== undefined,
      status: status.status,
    });
    if (this.#failure && status.error === this.#failure) return;
    this.#failure = undefined;
    if (!wanted) return;
    try {
      this.#attach(chatView() ?? (await loadChatView()));
    } catch (error) {
      this.#failure = status.warn(chunkError(error));
    }
  }

  /** Start the chunk's controllers and adopt its styles (once each; saving once `persist` is set). */
  #attach(chat: ChatView) {
    const host = this.#host;
    const { conversation, status, locale, before } = this.#parts;
    if (!this.view) {
      this.view = chat;
      const root = host.renderRoot;
      if (root instanceof ShadowRoot)
        for (const { styleSheet } of chat.chatStyles) if (styleSheet) adoptSheet(root, styleSheet, before);
      this.window = new chat.MessageWindow(host);
      this.scroll = new chat.ScrollController(host, conversation);
    }
    if (!this.#persist && persistKey(host.persist) !== undefined)
      this.#persist = new chat.PersistController(host, { conversation, status, locale });
  }
}
