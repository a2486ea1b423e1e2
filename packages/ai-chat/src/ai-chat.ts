import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query } from 'lit/decorators.js';
import { ChatController } from './controllers/chat-controller.js';
import { PersistController } from './controllers/persist-controller.js';
import { MessageWindow } from './controllers/message-window.js';
import { ScrollController } from './controllers/scroll-controller.js';
import type { ChatEngine } from './engine/engine.js';
import { chatError } from './errors.js';
import { readSettings, type Settings } from './fit/settings.js';
import { formatBytes } from './fit/size.js';
import { isPreparing } from './fit/status.js';
import { styles } from './ai-chat.styles.js';
import { errorText } from './i18n/error-text.js';
import { langOf, loadStrings, stringsFor } from './i18n/locale.js';
import { longText } from './render/long-text.js';
import { markdown, preloadMarkdown } from './render/markdown-directive.js';
import { format, type Strings } from './strings.js';
import type { ChatMessage, ChatStats, ChatStatus, ModelInfo } from './types.js';

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
 * @csspart stats - The figures of the last reply.
 *
 * @cssproperty --ai-chat-background - Background of the chat.
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

  /** A WebLLM `model_id`, or `auto`: the best model that fits the limits and this device. */
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

  #chat = new ChatController(this);
  #settings: Settings = readSettings({
    latencyThreshold: undefined,
    temperature: undefined,
    maxTokens: undefined,
    maxModelSize: undefined,
    maxMemory: undefined,
  }).settings;
  #notice = '';
  #window = new MessageWindow(this, () => this.renderRoot?.querySelector?.('[part="messages"]') ?? null);

  @query('textarea') private input!: HTMLTextAreaElement | null;

  constructor() {
    super();
    new PersistController(this, {
      messages: () => this.#chat.messages,
      draft: () => this.#chat.draft,
      restore: (messages) => (this.messages = messages),
      fail: (error) => this.#chat.fail(error),
      text: (key) => this.#t(key),
    });
    new ScrollController(
      this,
      () => this.renderRoot?.querySelector?.('[part="messages"]') ?? null,
      () => this.#chat.messages.reduce((n, m) => n + (m.role === 'user' ? 1 : 0), 0),
    );
  }

  /** The status: `idle`, `checking`, `downloading`, `loading`, `ready`, `generating`, `error`. Read-only. */
  get status(): ChatStatus {
    return this.#chat.status;
  }

  /** The conversation. Settable (for example to restore one). */
  get messages(): ChatMessage[] {
    return this.#chat.messages;
  }
  set messages(value: ChatMessage[]) {
    this.#chat.messages = Array.isArray(value)
      ? value
          .filter(
            (m) => m && typeof m.content === 'string' && ['user', 'assistant', 'system'].includes(m.role),
          )
          .map((m) => ({ ...m }))
      : [];
    this.requestUpdate();
  }

  /** The figures of the last reply. */
  get stats(): ChatStats | undefined {
    return this.#chat.stats;
  }

  /** What is known about the model: id, download size, memory need, whether cached. */
  get modelInfo(): ModelInfo | undefined {
    return this.#chat.modelInfo;
  }

  /** The validated settings in force (bad attribute values replaced by defaults). */
  get settings(): Settings {
    return this.#settings;
  }

  /** Load the model; resolves when ready. */
  load(): Promise<void> {
    return this.#chat.load();
  }

  /** Send a user message; resolves with the assistant's reply. */
  send(text: string): Promise<ChatMessage | undefined> {
    return this.#chat.send(text);
  }

  /** End the reply in progress. */
  stop(): void {
    this.#chat.stop();
  }

  /** Start a new conversation. */
  reset(): void {
    this.#chat.reset();
  }

  /** Free the engine; cancels a download in progress. */
  unload(): Promise<void> {
    return this.#chat.unload();
  }

  /** Remove the model's downloaded files from the browser's cache. */
  clearCache(): Promise<void> {
    return this.#chat.clearCache();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const keys = ['latencyThreshold', 'temperature', 'maxTokens', 'maxModelSize', 'maxMemory'] as const;
    if (keys.some((key) => changed.has(key))) {
      const { settings, problems } = readSettings(this);
      this.#settings = settings;
      for (const problem of problems) {
        const key = keys.find((k) => changed.has(k) && toAttribute(k) === problem.attribute);
        if (key) this.#chat.warn(chatError('invalid-attribute', problem.message));
      }
    }
    if (changed.has('theme') && this.theme != null && this.theme !== 'light' && this.theme !== 'dark') {
      this.#chat.warn(
        chatError(
          'invalid-attribute',
          `theme="${String(this.theme)}" is not valid: expected light or dark. Following the system.`,
        ),
      );
      this.theme = undefined;
    }
    if (changed.has('model') && (typeof this.model !== 'string' || !this.model.trim())) {
      this.#chat.warn(
        chatError(
          'invalid-attribute',
          `model="${String(this.model)}" is not valid: expected a model id or auto. Using auto.`,
        ),
      );
      this.model = 'auto';
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    // `status` is reflected (read-only): CSS and tests can select `ai-chat[status='ready']`.
    if (this.getAttribute('status') !== this.status) this.setAttribute('status', this.status);
    // The Markdown code loads while the model does (after consent), ready for the first reply.
    if (['downloading', 'loading', 'ready'].includes(this.status)) preloadMarkdown();
    // After this update, not inside it: checking and loading change the status, which renders again.
    if ((changed.has('autoload') || changed.has('engine')) && this.autoload && this.status === 'idle') {
      queueMicrotask(() => this.autoload && this.status === 'idle' && this.load().catch(() => undefined));
      return;
    }
    const modelKeys = [
      'model',
      'modelUrl',
      'modelLibUrl',
      'workerUrl',
      'maxModelSize',
      'maxMemory',
      'engine',
    ] as const;
    if (!this.autoload && !this.engine && modelKeys.some((key) => changed.has(key))) {
      queueMicrotask(() => this.isConnected && void this.#chat.check());
    }
  }

  protected override async scheduleUpdate(): Promise<unknown> {
    // A language other than English is a chunk: render once it is here, never English first.
    const pending = loadStrings(this.lang || langOf(this));
    if (pending) await pending;
    return super.scheduleUpdate();
  }

  #t(key: keyof Strings): string {
    return this.#strings[key];
  }

  #stringsFor: [Strings, Partial<Strings>, Strings] | undefined;
  /** The strings in force: the page's overrides over the table for the language. */
  get #strings(): Strings {
    // The property first: an attribute set from `lang` is reflected only after render.
    const table = stringsFor(this.lang || langOf(this));
    const cached = this.#stringsFor;
    if (cached && cached[0] === table && cached[1] === this.strings) return cached[2];
    const strings = { ...table, ...this.strings };
    this.#stringsFor = [table, this.strings, strings];
    return strings;
  }

  get #canSend(): boolean {
    const status = this.status;
    return (
      status === 'ready' ||
      (status === 'error' && this.#chat.hasEngine) ||
      (status === 'idle' && !!this.engine)
    );
  }

  #submit() {
    const input = this.input;
    if (!input) return;
    const text = input.value;
    if (!text.trim()) return;
    if (this.status === 'generating') {
      this.#notice = this.#t('busy');
      this.requestUpdate();
      return;
    }
    if (!this.#canSend) return;
    this.#notice = '';
    input.value = '';
    this.send(text).catch(() => {
      // The failure is shown by the element; give the text back if nothing else was typed.
      if (this.input && !this.input.value) this.input.value = text;
    });
    input.focus();
  }

  #onKeydown(event: KeyboardEvent) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.#submit();
    }
  }

  #consent() {
    this.load().catch(() => undefined);
    this.#focusInput();
  }

  /** Put focus back in the input once the control that had it is gone. */
  #focusInput() {
    void this.updateComplete.then(() => this.input?.focus());
  }

  #retry() {
    this.#chat.dismissError();
    this.load().catch(() => undefined);
  }

  protected override render() {
    const status = this.status;
    const chat = this.#chat;
    return html`<div part="base" class="base">
      <div part="header" class="header"><slot name="header"></slot></div>
      ${this.#renderConsent()} ${isPreparing(status) ? this.#renderProgress() : nothing}
      ${this.#renderError()}
      <div
        part="messages"
        class="messages"
        role="log"
        aria-live="polite"
        aria-label=${this.#t('logLabel')}
        aria-busy=${status === 'generating' ? 'true' : 'false'}
      >
        ${
          chat.messages.length === 0 && !chat.draft
            ? html`<div class="empty"><slot name="empty">${this.#t('empty')}</slot></div>`
            : nothing
        }
        ${this.#window.render(
          [...chat.messages.filter((m) => m.role !== 'system'), ...(chat.draft ? [chat.draft] : [])],
          (m) => this.#renderMessage(m, m === chat.draft),
          [this.#strings, this.allowImages],
        )}
      </div>
      ${this.#renderStats()}
      <form class="composer" @submit=${(e: Event) => (e.preventDefault(), this.#submit())}>
        <textarea
          part="input"
          rows="1"
          dir="auto"
          aria-label=${this.#t('inputLabel')}
          placeholder=${this.placeholder ?? this.#t('placeholder')}
          @keydown=${this.#onKeydown}
          @input=${() => this.#notice && ((this.#notice = ''), this.requestUpdate())}
        ></textarea>
        ${
          status === 'generating'
            ? html`<button
                part="stop-button"
                type="button"
                class="stop"
                @click=${() => (this.stop(), this.#focusInput())}
              >
                ${this.#t('stop')}
              </button>`
            : html`<button part="send-button" type="submit" class="send" ?disabled=${!this.#canSend}>
                ${this.#t('send')}
              </button>`
        }
      </form>
      ${this.#notice ? html`<p class="notice" role="status">${this.#notice}</p>` : nothing}
      <div class="footer"><slot name="footer"></slot></div>
    </div>`;
  }

  #renderMessage(message: ChatMessage, streaming = false) {
    const who = message.role === 'user' ? 'user' : 'assistant';
    return html`<div
      part="message message-${who}"
      class="message ${who}"
      data-role=${who}
      ?data-streaming=${streaming}
    >
      <span class="visually-hidden">${this.#t(who === 'user' ? 'you' : 'assistant')}:</span>
      ${
        who === 'user'
          ? html`<div class="content" dir="auto">${longText(message.content)}</div>`
          : html`<div
              class="content"
              dir="auto"
              ${markdown(message.content, streaming, {
                allowImages: this.allowImages,
                copyLabel: this.#t('copyCode'),
                copyName: this.#t('copyCodeLabel'),
                copiedLabel: this.#t('copied'),
              })}
            ></div>`
      }
      ${message.interrupted ? html`<span class="interrupted">${this.#t('interrupted')}</span>` : nothing}
    </div>`;
  }

  #renderConsent() {
    // Shown while waiting for consent; also after a preflight that could not reach the model host,
    // so the visitor can still start (which tries again).
    const waiting =
      this.status === 'idle' ||
      (this.status === 'error' && this.#chat.error?.code === 'network' && !this.#chat.hasEngine);
    if (!waiting || this.engine || this.autoload) return nothing;
    const info = this.modelInfo;
    const facts = info
      ? info.cached
        ? [this.#t('consentCached')]
        : [
            info.downloadBytes
              ? format(this.#t('consentSize'), { size: formatBytes(info.downloadBytes) })
              : '',
            info.vramMB
              ? format(this.#t('consentMemory'), { memory: formatBytes(info.vramMB * 2 ** 20) })
              : '',
          ].filter(Boolean)
      : [];
    return html`<section part="consent" class="consent" aria-label=${this.#t('consentTitle')}>
      <p class="title">${this.#t('consentTitle')}</p>
      <p class="model">
        ${format(this.#t('consentModel'), { model: info?.id ?? this.model })}${facts.length ? html` · ${facts.join(' · ')}` : nothing}
      </p>
      <p class="privacy">${this.#t('consentPrivacy')}</p>
      <button type="button" class="primary" @click=${this.#consent}>
        ${info?.cached ? this.#t('consentButtonCached') : this.#t('consentButton')}
      </button>
    </section>`;
  }

  #renderProgress() {
    const p = this.#chat.progress;
    const label =
      this.status === 'checking'
        ? this.#t('checking')
        : this.status === 'downloading'
          ? this.#t('downloading')
          : this.#t('loading');
    const bytes =
      p && p.totalBytes
        ? `${formatBytes(p.loadedBytes)} / ${formatBytes(p.totalBytes)}${p.bytesPerSecond ? ` · ${formatBytes(p.bytesPerSecond)}/s` : ''}`
        : '';
    return html`<div part="progress" class="progress" role="group" aria-label=${label}>
      <div class="progress-row">
        <span class="label">${label}</span><span class="bytes">${bytes}</span>
        <button type="button" class="link" @click=${() => this.unload()}>${this.#t('cancel')}</button>
      </div>
      <progress max="1" .value=${p ? p.progress : 0} aria-label=${label}></progress>
    </div>`;
  }

  #renderError() {
    const error = this.#chat.error;
    if (!error) return nothing;
    const canRetry = !NO_RETRY.has(error.code) && !this.#chat.hasEngine;
    return html`<div part="error" class="error" role="alert">
      <p>${errorText(error, this.#strings)}</p>
      <div class="actions">
        ${canRetry ? html`<button type="button" @click=${this.#retry}>${this.#t('retry')}</button>` : nothing}
        ${error.code === 'quota-exceeded' ? html`<button type="button" @click=${() => this.clearCache()}>${this.#t('clearCache')}</button>` : nothing}
        <button type="button" class="link" @click=${() => this.#chat.dismissError()}>
          ${this.#t('dismiss')}
        </button>
      </div>
    </div>`;
  }

  #renderStats() {
    const s = this.stats;
    if (!s) return nothing;
    return html`<p part="stats" class="stats rating-${s.rating}">
      ${format(this.#t('statsLine'), { tps: s.tokensPerSecond.toFixed(1), ms: s.msPerToken.toFixed(1), ttft: Math.round(s.ttftMs), rating: s.rating })}
    </p>`;
  }
}

/** Errors a retry cannot fix: the page or the device must change first. */
const NO_RETRY = new Set([
  'invalid-attribute',
  'model-too-large',
  'insufficient-memory',
  'shader-f16-unsupported',
  'webgpu-unavailable',
]);

const toAttribute = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

declare global {
  interface HTMLElementTagNameMap {
    'ai-chat': AiChat;
  }
}
