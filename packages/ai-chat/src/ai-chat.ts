import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { controls, styles } from './ai-chat.styles.js';
import { ChatViewController } from './controllers/chat-view-controller.js';
import { ComposerController } from './controllers/composer-controller.js';
import { ConversationController } from './controllers/conversation-controller.js';
import { LauncherController } from './controllers/launcher-controller.js';
import { LocaleController } from './controllers/locale-controller.js';
import { ModelController } from './controllers/model-controller.js';
import { StatusController } from './controllers/status-controller.js';
import type { ChatEngine } from './engine/engine.js';
import { DEFAULT_RUNTIME } from './engine/kinds.js';
import { chatError } from './errors.js';
import { DEFAULT_LATENCY_THRESHOLD } from './fit/limits.js';
import { validMessages } from './state/messages.js';
import { envOf, readInputs } from './state/inputs.js';
import { readSettings, textAttribute, type Settings } from './state/settings.js';
import type { Strings } from './i18n/en.js';
import type { ChatMessage, ChatStats, ChatStatus, ModelInfo } from './types.js';
import { composerView } from './view/composer.js';
import { consentView } from './view/consent.js';
import { errorView } from './view/error.js';
import { errorShown, panelFor, type ViewState } from './view/state.js';
import { viewActions } from './controllers/actions.js';

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
 * @slot launcher-label - With `launcher`: a label beside the launcher button's icon (its accessible name then).
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
 * @csspart launcher - With `launcher`: the round button in the page's corner.
 * @csspart launcher-panel - With `launcher`: the panel the chat opens in.
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
 * @cssproperty --ai-chat-height - The element's height when the page gives it none (default `min(560px, 100svh)`).
 * @cssproperty --ai-chat-measure - Largest width of messages, cards and the composer (the reading measure).
 * @cssproperty --ai-chat-max-height - Largest height of the message log.
 * @cssproperty --ai-chat-launcher-background - With `launcher`: the button's color (default: the accent).
 * @cssproperty --ai-chat-launcher-color - With `launcher`: the button's icon and label color.
 * @cssproperty --ai-chat-launcher-right - With `launcher`: the button's distance from the right edge (`auto` with `--ai-chat-launcher-left`).
 * @cssproperty --ai-chat-launcher-left - With `launcher`: the button's distance from the left edge (default `auto`).
 * @cssproperty --ai-chat-launcher-bottom - With `launcher`: the button's distance from the bottom edge.
 * @cssproperty --ai-chat-code-background - Background of code in replies.
 * @cssproperty --ai-chat-code-keyword - Highlighted keywords in code blocks.
 * @cssproperty --ai-chat-code-string - Highlighted strings in code blocks.
 * @cssproperty --ai-chat-code-number - Highlighted numbers, titles and types in code blocks.
 */
export class AiChat extends LitElement {
  static override styles = styles;

  /** Runtimes in order of preference: `builtin` (the browser's own model, when ready), `webgpu` (WebLLM), `wasm` (llama.cpp on the CPU). */
  @property() runtime = DEFAULT_RUNTIME;
  /** A WebLLM `model_id`, a GGUF catalog id, or `auto`: the best model that fits the limits and this device. */
  @property({ reflect: false }) model = 'auto';
  /** Largest download allowed: `800MB`, `1.5GB`, `2GiB` or bytes. */
  @property({ attribute: 'max-model-size' }) maxModelSize: string | undefined;
  /** Largest GPU memory the model may need (`4GB`, `3GiB`, bytes). Default: from the device. */
  @property({ attribute: 'max-memory' }) maxMemory: string | undefined;
  /** Ms per output token above which a reply counts as too slow. */
  @property({ attribute: 'latency-threshold' }) latencyThreshold: number | string = DEFAULT_LATENCY_THRESHOLD;
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
  /** When the conversation outgrows the model's context: `trim` (the oldest turns left out, the visitor told) or `error`. */
  @property({ attribute: 'context-policy' }) contextPolicy: 'trim' | 'error' | undefined;
  /** Input placeholder. */
  @property() placeholder: string | undefined;
  /** `tabs`: tabs of this site that want the same model share one loaded copy; `none`: this element loads its own. */
  @property() share = 'tabs';
  /** Load the model at once, without asking. */
  @property({ type: Boolean }) autoload = false;
  /** A round button in the page's corner; the chat opens as a panel on click. Nothing loads or starts before. */
  @property({ type: Boolean, reflect: true }) launcher = false;
  /** Questions the empty state offers as buttons; each sends itself. */
  @property({ attribute: false }) suggestions: string[] = [];
  /** Show the last reply's figures under the log (the `ai-chat-stats` event fires either way). */
  @property({ type: Boolean, attribute: 'show-stats' }) showStats = false;
  /** Key under which the conversation is saved (IndexedDB) and restored on reload. */
  @property() persist: string | undefined;
  /** `light` or `dark` forces a color scheme; otherwise it follows `prefers-color-scheme`. */
  @property({ reflect: true, converter: textAttribute }) theme: 'light' | 'dark' | undefined;
  /** Show images from Markdown in replies (`![alt](https://…)`). Off: their alt text is shown. */
  @property({ type: Boolean, attribute: 'allow-images' }) allowImages = false;
  /** Language of the element's strings (`zh-Hant`, `zh-TW`, `zh-HK` → Traditional Chinese; else English). Default: the nearest `lang`. */
  @property({ reflect: true, converter: textAttribute }) override lang!: string;
  /** A custom engine with WebLLM's `chat.completions.create`; replaces the worker. */
  @property({ attribute: false }) engine: ChatEngine | undefined;
  /** Every string the element shows; set some to translate or reword. */
  @property({ attribute: false }) strings: Partial<Strings> = {};

  #status = new StatusController(this);
  #locale = new LocaleController(this);
  #model = new ModelController(this, this.#status);
  #conversation = new ConversationController(this, this.#model, this.#status);
  #composer = new ComposerController(this, this.#conversation);
  #launcher = new LauncherController(this, this.#locale);
  #chat = new ChatViewController(this, {
    model: this.#model,
    conversation: this.#conversation,
    status: this.#status,
    locale: this.#locale,
    before: controls.styleSheet,
  });
  #settings: Settings = readSettings(this).settings;

  /** The status: `idle`, `checking`, `downloading`, `loading`, `ready`, `generating`, `error`. Read-only. */
  get status(): ChatStatus {
    return this.#status.status;
  }

  /** The conversation. Settable (for example to restore one); a reply in progress is stopped. */
  get messages(): ChatMessage[] {
    return this.#conversation.messages;
  }
  set messages(value: ChatMessage[]) {
    this.#conversation.replace(validMessages(value));
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
    return this.#model.request();
  }

  /** Send a user message; resolves with the assistant's reply. */
  send(text: string): Promise<ChatMessage | undefined> {
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
    // A bad value is said when it is set; the default is used meanwhile (the property keeps it).
    const inputs = readInputs(this, envOf(this));
    this.#settings = inputs.settings;
    for (const { key, message } of inputs.problems)
      if (changed.has(key as keyof AiChat)) this.#status.warn(chatError('invalid-attribute', message));
  }

  protected override async scheduleUpdate(): Promise<unknown> {
    // A language other than English is a chunk: render once it is here, never English first.
    const strings = this.#locale.ready();
    if (strings) await strings;
    await this.#launcher.ready(); // a launcher sleeps until the visitor shows interest
    await this.#chat.ready(); // the conversation's half of the view, likewise: the first render has it
    return super.scheduleUpdate();
  }

  /** A plain snapshot of the element for the views (they never see a controller). */
  #view(): ViewState {
    const { messages, draft, stats } = this.#conversation;
    const model = this.#model;
    return {
      status: this.status,
      strings: this.#locale.strings,
      messages: messages.filter((m) => m.role !== 'system'),
      draft,
      progress: model.progress,
      error: this.#status.error,
      errorInLog: !!this.#status.error && this.#status.error === this.#conversation.failure,
      seenFrom: this.#conversation.seenFrom,
      modelInfo: model.modelInfo,
      model: this.model,
      hasEngine: model.ready !== undefined,
      customEngine: !!this.engine,
      stats,
      showStats: this.showStats,
      notice: this.#composer.notice,
      allowImages: this.allowImages,
      placeholder: this.placeholder,
      resumeBytes: model.resumeBytes,
      awayFromLatest: this.#chat.scroll?.away ?? false,
      consented: model.consented || this.autoload,
      suggestions: this.suggestions,
      windowed: this.#chat.window?.render.bind(this.#chat.window),
    };
  }

  /** What the views' buttons do. */
  #actions = viewActions(this, {
    model: this.#model,
    conversation: this.#conversation,
    composer: this.#composer,
    status: this.#status,
    chat: this.#chat,
    view: () => this.#view(),
  });

  protected override render() {
    const s = this.#view();
    const panel = panelFor(s);
    const a = this.#actions;
    const { error } = s;
    const card = error ? errorView(s, error, a) : nothing;
    const chat = this.#chat.view;
    const slotted = (name: string) => !!this.querySelector(`:scope > [slot="${name}"]`);
    const onSlot = () => this.requestUpdate();
    return this.#launcher.wrap(
      html`<div part="base" class="base" data-panel=${panel}>
        <div part="header" class="header" ?hidden=${!slotted('header')}>
          <slot name="header" @slotchange=${onSlot}></slot>
        </div>
        ${panel === 'consent' ? consentView(s, a) : nothing}
        ${panel === 'progress' && chat ? chat.progressView(s, a) : nothing}
        ${error && errorShown(error, panel, s) ? card : nothing} ${chat ? chat.logView(s, a, card) : nothing}
        ${chat ? chat.statsView(s) : nothing} ${composerView(s, a)}
        <div class="footer" ?hidden=${!slotted('footer')}>
          <slot name="footer" @slotchange=${onSlot}></slot>
        </div>
      </div>`,
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ai-chat': AiChat;
  }
}
