import { LitElement, html, nothing, type PropertyValues, type ReactiveController } from 'lit';
import { property, query } from 'lit/decorators.js';
import { ConversationController } from './controllers/conversation-controller.js';
import { ModelController } from './controllers/model-controller.js';
import type { MessageWindow } from './controllers/message-window.js';
import type { PersistController } from './controllers/persist-controller.js';
import type { ScrollController } from './controllers/scroll-controller.js';
import type { ChatEngine } from './engine/engine.js';
import type { RuntimeInputs } from './engine/page/registry.js';
import { resolveSpecUrls } from './engine/page/urls.js';
import { chatError, toChatError, type AiChatError } from './errors.js';
import { AiChatErrorEvent, AiChatStatusEvent } from './events.js';
import { parseRuntimes } from './state/runtimes.js';
import { checkUrls, readSettings, type Settings } from './fit/settings.js';
import { canTransition, deriveStatus } from './fit/status.js';
import { controls, styles } from './ai-chat.styles.js';
import { checkLocale } from './i18n/check.js';
import { persistKey } from './persist/key.js';
import { langOf, loadStrings, stringsFor } from './i18n/locale.js';
import type { Strings } from './strings.js';
import type { ChatMessage, ChatStats, ChatStatus, ModelInfo } from './types.js';
import { adoptSheet } from './styles/adopt.js';
import { chatView, chunkError, loadChatView, needsChatView, type ChatView } from './view/chat-view-loader.js';
import { composerView, fitTextarea } from './view/composer.js';
import { consentView } from './view/consent.js';
import { errorView } from './view/error.js';
import { panelFor, whyNotSend, type ViewState } from './view/state.js';

/**
 * A private LLM chat that runs in the visitor's browser: WebLLM on WebGPU, in a Web Worker.
 *
 * @summary Private in-browser LLM chat.
 * @tag ai-chat
 *
 * @fires {AiChatStatusEvent} ai-chat-status - The status changed (`status`).
 * @fires {AiChatProgressEvent} ai-chat-progress - Download or load progress (`phase`, `progress`, `loadedBytes`, `totalBytes`, `text`).
 * @fires {AiChatReadyEvent} ai-chat-ready - The model is ready (`model`, `downloadBytes`, `vramMB`).
 * @fires {AiChatMessageEvent} ai-chat-message - A user or assistant message is complete (`message`).
 * @fires {AiChatStatsEvent} ai-chat-stats - The figures of a reply (`ttftMs`, `msPerToken`, `tokensPerSecond`, `prefillTokensPerSecond`, `promptTokens`, `completionTokens`, `rating`).
 * @fires {AiChatThresholdEvent} ai-chat-threshold - A limit was exceeded (`kind`, `limit`, `actual`).
 * @fires {AiChatErrorEvent} ai-chat-error - Something failed (`code`, `message`, `recoverable`).
 *
 * @slot header - Above the conversation.
 * @slot empty - Shown before the first message.
 * @slot footer - Below the input.
 *
 * @csspart base - The whole chat.
 * @csspart header - The header bar.
 * @csspart messages - The message log.
 * @csspart message - Every message.
 * @csspart message-user - A user message.
 * @csspart message-assistant - An assistant message.
 * @csspart input - The text input.
 * @csspart send-button - The send button.
 * @csspart stop-button - The stop button.
 * @csspart progress - The download and load progress.
 * @csspart consent - The card that asks before downloading the model.
 * @csspart error - The error message.
 * @csspart stats - The figures of the last reply (with `show-stats`).
 *
 * @cssproperty --ai-chat-background - Background of the chat.
 * @cssproperty --ai-chat-surface - Background of the consent, progress and error cards.
 * @cssproperty --ai-chat-color - Text color.
 * @cssproperty --ai-chat-muted - Secondary text: hints, stats, labels.
 * @cssproperty --ai-chat-accent - Buttons, progress and focus ring.
 * @cssproperty --ai-chat-accent-contrast - Text on the accent color.
 * @cssproperty --ai-chat-user-background - Background of user messages.
 * @cssproperty --ai-chat-assistant-background - Background of assistant messages.
 * @cssproperty --ai-chat-border - Border color.
 * @cssproperty --ai-chat-error - Error color.
 * @cssproperty --ai-chat-radius - Corner radius.
 * @cssproperty --ai-chat-font - Font family.
 * @cssproperty --ai-chat-font-size - Base font size.
 * @cssproperty --ai-chat-spacing - Base spacing unit.
 * @cssproperty --ai-chat-max-height - Largest height of the message log.
 * @cssproperty --ai-chat-code-background - Background of code in replies.
 * @cssproperty --ai-chat-code-keyword - Highlighted keywords in code blocks.
 * @cssproperty --ai-chat-code-string - Highlighted strings in code blocks.
 * @cssproperty --ai-chat-code-number - Highlighted numbers, titles and types in code blocks.
 */
export class AiChat extends LitElement {
  static override styles = styles;

  /** Runtimes in order of preference: `webgpu` (WebLLM), `wasm` (llama.cpp on the CPU), `builtin` (the browser's own model, opt-in). */
  @property() runtime = 'webgpu wasm';
  /** A WebLLM `model_id`, a GGUF catalog id, or `auto`: the best model that fits the limits and this device. */
  @property({ reflect: false }) model = 'auto';
  /** Largest download allowed: `800MB`, `1.5GB`, `2GiB` or bytes. */
  @property({ attribute: 'max-model-size' }) maxModelSize: string | undefined;
  /** Largest GPU memory the model may need (`4GB`, `3GiB`, bytes). Default: from the device. */
  @property({ attribute: 'max-memory' }) maxMemory: string | undefined;
  /** Ms per output token above which a reply counts as too slow. */
  @property({ attribute: 'latency-threshold' }) latencyThreshold: number | string = 50;
  /** Base URL of self-hosted MLC weights; with `model-lib-url`, a custom model record. */
  @property({ attribute: 'model-url' }) modelUrl: string | undefined;
  /** URL of the self-hosted model's compiled `.wasm` library. */
  @property({ attribute: 'model-lib-url' }) modelLibUrl: string | undefined;
  /** URL of the worker module, for hosts that serve `ai-chat/worker.js` themselves. */
  @property({ attribute: 'worker-url' }) workerUrl: string | undefined;
  /** System message for every conversation. */
  @property({ attribute: 'system-prompt' }) systemPrompt: string | undefined;
  /** Sampling temperature, 0 to 2. */
  @property() temperature: number | string | undefined;
  /** Cap on tokens per reply. */
  @property({ attribute: 'max-tokens' }) maxTokens: number | string | undefined;
  /** Input placeholder. */
  @property() placeholder: string | undefined;
  /** Load the model at once, without asking. */
  @property({ type: Boolean }) autoload = false;
  /** Show the last reply's figures under the log (the `ai-chat-stats` event fires either way). */
  @property({ type: Boolean, attribute: 'show-stats' }) showStats = false;
  /** Key under which the conversation is saved (IndexedDB) and restored on reload. */
  @property() persist: string | undefined;
  /** `light` or `dark` forces a color scheme; otherwise it follows `prefers-color-scheme`. */
  @property({ reflect: true }) theme: 'light' | 'dark' | undefined;
  /** Show images from Markdown in replies (`![alt](https://…)`). Off: their alt text is shown. */
  @property({ type: Boolean, attribute: 'allow-images' }) allowImages = false;
  /** Language of the element's strings (`zh-Hant`, `zh-TW`, `zh-HK` → Traditional Chinese; else English). Default: the nearest `lang`. */
  @property({ reflect: true }) override lang!: string;
  /** A custom engine with WebLLM's `chat.completions.create`; replaces the worker. */
  @property({ attribute: false }) engine: ChatEngine | undefined;
  /** Every string the element shows; set some to translate or reword. */
  @property({ attribute: false }) strings: Partial<Strings> = {};

  #model = new ModelController(this.#modelHost());
  #conversation = new ConversationController(this.#conversationHost());
  #status: ChatStatus = 'idle';
  /** The error shown in the element (a failure, or a bad attribute value). */
  #error: AiChatError | undefined;
  /** A failure is shown: the status is `error` until it is dismissed, retried or replaced. */
  #failed = false;
  /** A `model` the runtimes do not know: `auto` is used instead while the property says so. */
  #unknownModel: string | undefined;
  #settings: Settings = readSettings({
    latencyThreshold: undefined,
    temperature: undefined,
    maxTokens: undefined,
    maxModelSize: undefined,
    maxMemory: undefined,
  }).settings;
  #notice = '';
  /** The conversation's half of the view (`view/chat-view.ts`), once its chunk is here. */
  #chat: ChatView | undefined;
  #window: MessageWindow | undefined;
  #scroll: ScrollController | undefined;
  #persist: PersistController | undefined;
  /** The chunk could not be fetched: not tried again until the visitor dismisses or retries. */
  #chatFailed = false;

  @query('textarea') private input!: HTMLTextAreaElement | null;
  /** The visitor (or the page, through `load()`/`send()`) has agreed to load the model. */
  #consented = false;
  /** Bytes a cancelled download had fetched (kept in the cache): the consent card says what is left. */
  #resumeBytes = 0;

  constructor() {
    super();
    this.addEventListener('ai-chat-progress', (event) => {
      if (event.phase === 'download') this.#resumeBytes = Math.max(this.#resumeBytes, event.loadedBytes);
    });
    this.addEventListener('ai-chat-ready', () => (this.#resumeBytes = 0));
  }

  /** What the model controller reads from the element (kept off the public API). */
  #modelHost() {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const element = this;
    return {
      ...this.#controllerHost(),
      get settings() {
        return element.#settings;
      },
      get autoload() {
        return element.autoload;
      },
      get isConnected() {
        return element.isConnected;
      },
      useAuto: () => {
        // The page's value stays (a framework would only set it again): the element uses auto.
        this.#unknownModel = this.model;
        queueMicrotask(() => this.isConnected && this.#model.follow());
      },
      get replying() {
        return element.#conversation.generating;
      },
      runtimeInputs: () => this.#runtimeInputs(),
      fail: (error: unknown) => this.#fail(error),
      warn: (error: unknown) => this.#warn(error),
      clearFailure: () => this.#clearFailure(),
      stopReply: () => this.#conversation.stop(),
      changed: () => this.#changed(),
    };
  }

  /** What the conversation controller reads from the element. */
  #conversationHost() {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const element = this;
    return {
      ...this.#controllerHost(),
      get settings() {
        return element.#settings;
      },
      get systemPrompt() {
        return element.systemPrompt;
      },
      ready: async () => {
        await this.#model.load();
        const runtime = this.#model.ready;
        if (!runtime) throw chatError('aborted');
        return runtime;
      },
      fail: (error: unknown) => this.#fail(error),
      clearFailure: () => this.#clearFailure(),
      changed: () => this.#changed(),
    };
  }

  #controllerHost() {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const element = this;
    return {
      addController: (controller: ReactiveController) => this.addController(controller),
      removeController: (controller: ReactiveController) => this.removeController(controller),
      requestUpdate: () => this.requestUpdate(),
      get updateComplete() {
        return element.updateComplete;
      },
      dispatchEvent: (event: Event) => this.dispatchEvent(event),
    };
  }

  /** Read from the properties as they are now (also before the next update, for `load()` right after a set). */
  #runtimeInputs(): RuntimeInputs {
    const { maxModelSize, maxMemory, latencyThreshold } = readSettings(this).settings;
    const lang = this.#lang();
    const badUrls = new Set(checkUrls(this, document.baseURI).map((problem) => problem.key));
    return {
      engine: this.engine,
      runtimes: parseRuntimes(this.runtime).runtimes,
      spec: resolveSpecUrls(
        {
          model: this.#effectiveModel(),
          ...(this.modelUrl && !badUrls.has('modelUrl') ? { modelUrl: this.modelUrl } : {}),
          ...(this.modelLibUrl && !badUrls.has('modelLibUrl') ? { modelLibUrl: this.modelLibUrl } : {}),
          ...(maxModelSize !== undefined ? { maxDownloadBytes: maxModelSize } : {}),
          ...(maxMemory !== undefined ? { maxMemoryBytes: maxMemory } : {}),
          // `auto` on the CPU prefers the largest model predicted under this speed.
          latencyThresholdMs: latencyThreshold,
        },
        document.baseURI, // relative URLs: against the page, not the worker
      ),
      workerUrl: badUrls.has('workerUrl') ? undefined : this.workerUrl,
      languages: lang ? [lang] : ['en'],
    };
  }

  /** The model in force: `auto` for a value that is not a string, empty, or not a known model. */
  #effectiveModel(): string {
    const model = this.model;
    if (typeof model !== 'string' || !model.trim() || model === this.#unknownModel) return 'auto';
    return model;
  }

  /** The status, derived in one place; its event fires from here only. */
  #changed() {
    const next = deriveStatus(this.#model.phase, this.#conversation.generating, this.#failed);
    const previous = this.#status;
    if (next === previous) return this.requestUpdate();
    this.#status = next;
    this.requestUpdate();
    fire(this, new AiChatStatusEvent(next));
    if (!canTransition(previous, next) && DEV_MODE()) {
      // Lit's dev mode: an illegal transition is a bug, raised where a test sees it.
      queueMicrotask(() => {
        throw new Error(`<ai-chat>: illegal status transition ${previous} → ${next}`);
      });
    }
  }

  /** A failure: shown in the element, fired as `ai-chat-error`; the status is `error` until cleared. */
  #fail(error: unknown): AiChatError {
    const chat = this.#report(error);
    this.#failed = true;
    this.#changed();
    return chat;
  }

  /** A warning (a bad attribute value, a storage problem): shown and fired, status unchanged. */
  #warn(error: unknown): AiChatError {
    return this.#report(error);
  }

  #report(error: unknown): AiChatError {
    const chat = toChatError(error, this.model);
    this.#error = chat;
    fire(this, new AiChatErrorEvent(chat.code, chat.message, chat.recoverable));
    this.requestUpdate();
    return chat;
  }

  #clearFailure() {
    if (!this.#failed) return;
    this.#failed = false;
    this.#error = undefined;
    this.#changed();
  }

  #dismiss() {
    this.#chatFailed = false;
    this.#error = undefined;
    this.#failed = false;
    this.#changed();
  }

  /** The status: `idle`, `checking`, `downloading`, `loading`, `ready`, `generating`, `error`. Read-only. */
  get status(): ChatStatus {
    return this.#status;
  }

  /** The conversation. Settable (for example to restore one); a reply in progress is stopped. */
  get messages(): ChatMessage[] {
    return this.#conversation.messages;
  }
  set messages(value: ChatMessage[]) {
    this.#conversation.replace(
      Array.isArray(value)
        ? value
            .filter(
              (m) => m && typeof m.content === 'string' && ['user', 'assistant', 'system'].includes(m.role),
            )
            .map((m) => ({ ...m }))
        : [],
    );
  }

  /** The figures of the last reply. */
  get stats(): ChatStats | undefined {
    return this.#conversation.stats;
  }

  /** What is known about the model: id, runtime, download size, memory need, whether cached. */
  get modelInfo(): ModelInfo | undefined {
    return this.#model.modelInfo;
  }

  /** The validated settings in force (bad attribute values replaced by defaults). */
  get settings(): Settings {
    return this.#settings;
  }

  /** Load the model; resolves when ready. */
  load(): Promise<void> {
    this.#consent();
    return this.#model.load();
  }

  /** Send a user message; resolves with the assistant's reply. */
  send(text: string): Promise<ChatMessage | undefined> {
    if (String(text ?? '').trim()) this.#consent();
    return this.#conversation.send(text);
  }

  /** End the reply in progress. */
  stop(): void {
    this.#conversation.stop();
  }

  /** Start a new conversation. */
  reset(): void {
    this.#conversation.reset();
  }

  /** Free the engine; cancels a download in progress. */
  unload(): Promise<void> {
    return this.#model.unload();
  }

  /** Remove the model's downloaded files from the browser's cache. */
  clearCache(): Promise<void> {
    return this.#model.clearCache();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('lang') || changed.has('strings')) {
      const locale = checkLocale(this.lang, this.strings);
      for (const problem of locale.problems) this.#warn(chatError('invalid-attribute', problem));
    }
    const keys = ['latencyThreshold', 'temperature', 'maxTokens', 'maxModelSize', 'maxMemory'] as const;
    if (keys.some((key) => changed.has(key))) {
      const { settings, problems } = readSettings(this);
      this.#settings = settings;
      for (const problem of problems) {
        const key = keys.find((k) => changed.has(k) && toAttribute(k) === problem.attribute);
        if (key) this.#warn(chatError('invalid-attribute', problem.message));
      }
    }
    for (const { message } of checkUrls(this, document.baseURI).filter((p) => changed.has(p.key))) {
      this.#warn(chatError('invalid-attribute', message)); // the value stays; it is not used
    }
    if (changed.has('runtime')) {
      const { problem } = parseRuntimes(this.runtime);
      if (problem) this.#warn(chatError('invalid-attribute', problem));
    }
    if (changed.has('theme') && this.theme != null && this.theme !== 'light' && this.theme !== 'dark') {
      // The page's value stays (a framework would set it again); the styles follow the system.
      this.#warn(
        chatError(
          'invalid-attribute',
          `theme="${String(this.theme)}" is not valid: expected light or dark. Following the system.`,
        ),
      );
    }
    if (changed.has('model') && (typeof this.model !== 'string' || !this.model.trim())) {
      this.#warn(
        chatError(
          'invalid-attribute',
          `model="${String(this.model)}" is not valid: expected a model id or auto. Using auto.`,
        ),
      );
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    // `status` is reflected (read-only): CSS and tests can select `ai-chat[status='ready']`.
    if (this.getAttribute('status') !== this.status) this.setAttribute('status', this.status);
    // The Markdown code loads while the model does (after consent), ready for the first reply.
    if (['downloading', 'loading', 'ready'].includes(this.status)) this.#chat?.preloadMarkdown();
    // After this update, not inside it: checking and loading change the status, which renders again.
    if (FOLLOWED.some((key) => changed.has(key))) {
      queueMicrotask(() => this.isConnected && this.#model.follow());
    } else if (changed.has('autoload') && this.autoload && this.status === 'idle') {
      queueMicrotask(() => this.autoload && this.status === 'idle' && this.load().catch(() => undefined));
    }
  }

  protected override async scheduleUpdate(): Promise<unknown> {
    // A language other than English is a chunk: render once it is here, never English first.
    const pending = loadStrings(this.#lang());
    if (pending) await pending;
    // The conversation's half of the view, likewise: the first render that needs it has it.
    await this.#loadChatView();
    return super.scheduleUpdate();
  }

  async #loadChatView(): Promise<void> {
    const wanted = needsChatView({
      consented: this.#consented || this.autoload,
      customEngine: !!this.engine,
      conversation: this.#conversation.messages.length > 0 || !!this.#conversation.draft,
      persist: persistKey(this.persist) !== undefined,
      status: this.#status,
    });
    if (!wanted || this.#chatFailed) return;
    try {
      this.#attach(chatView() ?? (await loadChatView()));
    } catch (error) {
      this.#chatFailed = true;
      this.#warn(chunkError(error));
    }
  }

  /** Start the chunk's controllers and adopt its styles (once each; saving once `persist` is set). */
  #attach(chat: ChatView) {
    const log = () => this.renderRoot?.querySelector?.<HTMLElement>('[part="messages"]') ?? null;
    if (!this.#chat) {
      this.#chat = chat;
      const root = this.renderRoot;
      if (root instanceof ShadowRoot)
        for (const { styleSheet } of chat.chatStyles)
          if (styleSheet) adoptSheet(root, styleSheet, controls.styleSheet);
      this.#window = new chat.MessageWindow(this, log);
      this.#scroll = new chat.ScrollController(this, log, () =>
        this.#conversation.messages.reduce((n, m) => n + (m.role === 'user' ? 1 : 0), 0),
      );
    }
    if (!this.#persist && persistKey(this.persist) !== undefined)
      this.#persist = new chat.PersistController(this, {
        messages: () => this.#conversation.messages,
        draft: () => this.#conversation.draft,
        restore: (messages, keepReply) =>
          keepReply ? this.#conversation.restore(messages) : (this.messages = messages),
        fail: (error) => this.#warn(error),
        text: (key) => this.#t(key),
      });
  }

  /** The language in force: `lang` when it is text, else the nearest ancestor's or the page's. */
  #lang(): string {
    return typeof this.lang === 'string' && this.lang ? this.lang : langOf(this);
  }

  #t(key: keyof Strings): string {
    return this.#strings[key];
  }

  #stringsFor: [Strings, Partial<Strings>, Strings] | undefined;
  /** The strings in force: the page's overrides over the table for the language. */
  get #strings(): Strings {
    // The property first: an attribute set from `lang` is reflected only after render.
    const table = stringsFor(this.#lang());
    const cached = this.#stringsFor;
    if (cached && cached[0] === table && cached[1] === this.strings) return cached[2];
    const own = checkLocale(undefined, this.strings).replace.strings ?? this.strings; // text values only
    const strings = { ...table, ...own };
    this.#stringsFor = [table, this.strings, strings];
    return strings;
  }

  /** The model was asked for: a check in flight now shows as progress. */
  #consent() {
    if (this.#consented) return;
    this.#consented = true;
    this.requestUpdate();
  }

  /** A plain snapshot of the element for the views (they never see a controller). */
  #view(): ViewState {
    const conversation = this.#conversation;
    return {
      status: this.status,
      strings: this.#strings,
      messages: conversation.messages.filter((m) => m.role !== 'system'),
      draft: conversation.draft,
      progress: this.#model.progress,
      error: this.#error,
      modelInfo: this.#model.modelInfo,
      model: this.model,
      hasEngine: this.#model.ready !== undefined,
      customEngine: !!this.engine,
      stats: conversation.stats,
      showStats: this.showStats,
      notice: this.#notice,
      allowImages: this.allowImages,
      placeholder: this.placeholder,
      resumeBytes: this.#resumeBytes,
      awayFromLatest: this.#scroll?.away ?? false,
      consented: this.#consented || this.autoload,
      windowed: this.#window?.render.bind(this.#window),
    };
  }

  #submit() {
    const input = this.input;
    if (!input) return;
    const text = input.value;
    if (!text.trim()) return;
    const why = whyNotSend(this.#view());
    if (why) {
      this.#notice = why;
      this.requestUpdate();
      return;
    }
    this.#notice = '';
    input.value = '';
    fitTextarea(input);
    this.send(text).catch(() => {
      // The failure is shown by the element; give the text back if nothing else was typed.
      if (this.input && !this.input.value) this.input.value = text;
    });
    input.focus();
  }

  /** After an action, move focus to `selector` once rendered (the input when it is not there). */
  #focusAfter(selector = 'textarea') {
    void this.updateComplete.then(() => {
      const target = this.renderRoot.querySelector<HTMLElement>(selector) ?? this.input;
      target?.focus();
    });
  }

  #actions = {
    consent: () => {
      this.load().catch(() => undefined);
      this.#focusAfter();
    },
    cancel: () => {
      this.#consented = false;
      void this.unload();
      this.#focusAfter('[data-focus="consent"]');
    },
    retry: () => {
      this.#dismiss();
      // Before consent, trying again checks the device again; after it, it loads.
      if (this.#consented || this.autoload) this.load().catch(() => undefined);
      else void this.#model.check();
      this.#focusAfter('[data-focus="consent"]');
    },
    regenerate: () => {
      void this.#regenerate();
      this.#focusAfter();
    },
    clearCache: () => void this.clearCache(),
    reset: () => {
      this.reset();
      this.#focusAfter();
    },
    dismiss: () => {
      this.#dismiss();
      this.#focusAfter('[data-focus="consent"]');
    },
    submit: () => this.#submit(),
    stop: () => {
      this.stop();
      this.#focusAfter();
    },
    input: () => {
      if (this.#notice) {
        this.#notice = '';
        this.requestUpdate();
      }
    },
    copy: (message: ChatMessage, button: HTMLElement) => {
      void navigator.clipboard?.writeText(message.content).then(
        () => {
          button.dataset.copied = '';
          setTimeout(() => delete button.dataset.copied, 1500);
        },
        () => undefined,
      );
    },
    jumpToLatest: () => {
      this.#scroll?.toLatest();
      this.#focusAfter();
    },
  };

  /**
   * Ask for the last reply again: the last assistant reply is removed and the last user message is
   * sent again. No-op while a reply streams or when there is no user message.
   */
  async #regenerate(): Promise<void> {
    if (this.status === 'generating') return;
    const messages = this.messages;
    let user = messages.length - 1;
    while (user >= 0 && messages[user]!.role !== 'user') user--;
    if (user < 0) return;
    const text = messages[user]!.content;
    this.#dismiss();
    this.messages = messages.slice(0, user);
    await this.send(text).catch(() => undefined);
  }

  protected override render() {
    const s = this.#view();
    const panel = panelFor(s);
    const a = this.#actions;
    const error = s.error;
    const chat = this.#chat;
    const slotted = (name: string) => !!this.querySelector(`:scope > [slot="${name}"]`);
    const onSlot = () => this.requestUpdate();
    return html`<div part="base" class="base" data-panel=${panel}>
      <div part="header" class="header" ?hidden=${!slotted('header')}>
        <slot name="header" @slotchange=${onSlot}></slot>
      </div>
      ${panel === 'consent' ? consentView(s, a) : nothing}
      ${panel === 'progress' && chat ? chat.progressView(s, a) : nothing}
      ${
        error &&
        (panel === 'error' ||
          error.code === 'invalid-attribute' ||
          (panel !== 'progress' && error.code !== 'aborted'))
          ? errorView(s, error, a)
          : nothing
      }
      ${chat ? chat.logView(s, a) : nothing} ${chat ? chat.statsView(s) : nothing} ${composerView(s, a)}
      <div class="footer" ?hidden=${!slotted('footer')}>
        <slot name="footer" @slotchange=${onSlot}></slot>
      </div>
    </div>`;
  }
}

/** The properties the model follows: a change frees the old runtime and prepares the new one. */
const FOLLOWED = [
  'runtime',
  'model',
  'modelUrl',
  'modelLibUrl',
  'workerUrl',
  'maxModelSize',
  'maxMemory',
  'engine',
] as const;

/** Dispatch `event` (outside the class body: the manifest lists the events from `@fires`). */
const fire = (target: EventTarget, event: Event) => target.dispatchEvent(event);

/** Lit's dev mode (its development build), where an illegal status transition is raised. */
const DEV_MODE = () => (globalThis as { litIssuedWarnings?: unknown }).litIssuedWarnings !== undefined;

const toAttribute = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

declare global {
  interface HTMLElementTagNameMap {
    'ai-chat': AiChat;
  }
}
