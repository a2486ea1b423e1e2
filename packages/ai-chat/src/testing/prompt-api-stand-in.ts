/**
 * A stand-in for the Prompt API (`LanguageModel`) with the shape and the rules Chrome follows, for
 * tests and stories where the browser has no model of its own: the four availability states, a
 * user activation required to start a download, `downloadprogress` events on the monitor (a
 * fraction), sessions streaming deltas from `promptStreaming`, an `AbortSignal` that stops them,
 * and a context window that overflows (`QuotaExceededError` and a `contextoverflow` event).
 * Tokens are words (`tokenize`). Replies are scripted: an echo of the prompt by default.
 */
import type {
  Availability,
  AvailabilityOptions,
  CreateOptions,
  DownloadMonitor,
  LanguageModelApi,
  PromptMessage,
  PromptOptions,
  PromptSession,
} from '../engine/page/prompt-api.js';
import { tokenize } from './scripted-engine.js';

export interface PromptApiStandInOptions {
  /** The state `availability()` starts in (default `available`). */
  availability?: Availability;
  /** Languages the model knows (default `en`, `es`, `ja`, as Chrome's); others are `unavailable`. */
  languages?: string[];
  /** Download events and the time between them (defaults 4 and 5 ms). */
  downloadSteps?: number;
  downloadStepMs?: number;
  /** Tokens a session holds, prompts and replies together (default 4096). */
  contextWindow?: number;
  /** The reply to the last prompt, given the whole conversation the session holds. Default: an echo. */
  reply?: (input: string, history: readonly PromptMessage[]) => string;
  /** Delay before each streamed token, ms (default 2). */
  tokenDelayMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const toMessages = (input: string | PromptMessage[]): PromptMessage[] =>
  typeof input === 'string'
    ? [{ role: 'user', content: input }]
    : input.map(({ role, content }) => ({ role, content }));
const count = (messages: readonly PromptMessage[]) =>
  messages.reduce((n, m) => n + tokenize(m.content).length, 0);
const aborted = (signal: AbortSignal | undefined) =>
  signal?.reason instanceof DOMException
    ? signal.reason
    : new DOMException('The operation was aborted.', 'AbortError');

/** One conversation with the stand-in's model. */
export class StandInSession extends EventTarget implements PromptSession {
  readonly contextWindow: number;
  /** Everything the session holds: initial prompts, prompts, finished replies. */
  readonly history: PromptMessage[];
  destroyed = false;
  oncontextoverflow: ((event: Event) => void) | null = null;
  #api: PromptApiStandIn;

  constructor(api: PromptApiStandIn, initialPrompts: PromptMessage[], contextWindow: number) {
    super();
    this.#api = api;
    this.history = initialPrompts;
    this.contextWindow = contextWindow;
  }

  get contextUsage(): number {
    return count(this.history);
  }

  async measureContextUsage(input: string | PromptMessage[]): Promise<number> {
    this.#alive();
    return count(toMessages(input));
  }

  async append(input: string | PromptMessage[], options: PromptOptions = {}): Promise<void> {
    this.#alive();
    if (options.signal?.aborted) throw aborted(options.signal);
    this.#fit(toMessages(input));
    this.history.push(...toMessages(input));
  }

  promptStreaming(input: string | PromptMessage[], options: PromptOptions = {}): ReadableStream<string> {
    const signal = options.signal;
    const messages = toMessages(input);
    this.#api.prompts.push(messages);
    let cancelled = false;
    return new ReadableStream<string>({
      start: async (controller) => {
        try {
          this.#alive();
          if (signal?.aborted) throw aborted(signal);
          this.#fit(messages);
          const last = messages[messages.length - 1]?.content ?? '';
          const reply = (this.#api.options.reply ?? ((text) => `You said: ${text}`))(last, [
            ...this.history,
            ...messages,
          ]);
          const tokens = tokenize(reply);
          for (const token of tokens) {
            await sleep(this.#api.options.tokenDelayMs ?? 2);
            if (signal?.aborted) throw aborted(signal);
            if (cancelled || this.destroyed) return;
            // A reply that would not fit either: the browser stops it with the same error.
            this.#fit([...messages, { role: 'assistant', content: token }]);
            controller.enqueue(token);
          }
          this.history.push(...messages, { role: 'assistant', content: reply });
          controller.close();
        } catch (error) {
          controller.error(error);
        }
      },
      cancel: () => void (cancelled = true),
    });
  }

  destroy(): void {
    this.destroyed = true;
  }

  #alive() {
    if (this.destroyed) throw new DOMException('The session was destroyed.', 'InvalidStateError');
  }

  /** Throw and fire `contextoverflow` when `messages` would not fit in what is left of the window. */
  #fit(messages: PromptMessage[]) {
    const requested = this.contextUsage + count(messages);
    if (requested <= this.contextWindow) return;
    const event = new Event('contextoverflow');
    this.dispatchEvent(event);
    this.oncontextoverflow?.(event);
    // Chrome's QuotaExceededError says what was asked for against the quota.
    throw Object.assign(
      new DOMException('The input is too large for the context window.', 'QuotaExceededError'),
      {
        requested,
        quota: this.contextWindow,
      },
    );
  }
}

/** The static side of `LanguageModel`: `availability()` and `create()`, plus what tests look at. */
export class PromptApiStandIn implements LanguageModelApi {
  state: Availability;
  readonly options: PromptApiStandInOptions;
  /** Every `create()` call's options, every session made, every prompt sent. */
  readonly creates: CreateOptions[] = [];
  readonly sessions: StandInSession[] = [];
  readonly prompts: PromptMessage[][] = [];

  constructor(options: PromptApiStandInOptions = {}) {
    this.options = options;
    this.state = options.availability ?? 'available';
  }

  #fits(options: AvailabilityOptions = {}): boolean {
    const known = this.options.languages ?? ['en', 'es', 'ja'];
    const asked = [...(options.expectedInputs ?? []), ...(options.expectedOutputs ?? [])].flatMap(
      (io) => io.languages ?? [],
    );
    return asked.every((lang) => known.includes(lang.split('-')[0]!.toLowerCase()));
  }

  async availability(options?: AvailabilityOptions): Promise<Availability> {
    return this.#fits(options) ? this.state : 'unavailable';
  }

  async create(options: CreateOptions = {}): Promise<StandInSession> {
    this.creates.push(options);
    const { signal } = options;
    if (signal?.aborted) throw aborted(signal);
    const monitor = new EventTarget() as DownloadMonitor;
    options.monitor?.(monitor);
    const state = await this.availability(options);
    if (state === 'unavailable') throw new DOMException('The model is not available.', 'NotSupportedError');
    if (state !== 'available') {
      // Chrome starts a download only from a click (or another user activation).
      if (!navigator.userActivation?.isActive)
        throw new DOMException(
          'Requires a user gesture when availability is "downloading" or "downloadable".',
          'NotAllowedError',
        );
      await this.#download(monitor, options.signal);
    }
    const initialPrompts = (options.initialPrompts ?? []).map(({ role, content }) => ({ role, content }));
    const window = this.options.contextWindow ?? 4096;
    if (count(initialPrompts) > window)
      throw new DOMException(
        'The initial prompts are too large for the context window.',
        'QuotaExceededError',
      );
    const session = new StandInSession(this, initialPrompts, window);
    this.sessions.push(session);
    return session;
  }

  async #download(monitor: DownloadMonitor, signal: AbortSignal | undefined) {
    this.state = 'downloading';
    const steps = this.options.downloadSteps ?? 4;
    for (let i = 0; i <= steps; i++) {
      if (i > 0) await sleep(this.options.downloadStepMs ?? 5);
      if (signal?.aborted) throw aborted(signal);
      monitor.dispatchEvent(Object.assign(new Event('downloadprogress'), { loaded: i / steps, total: 1 }));
    }
    this.state = 'available';
  }

  /** Make this stand-in the page's `LanguageModel`; returns the function that puts the old one back. */
  install(): () => void {
    const target = globalThis as { LanguageModel?: unknown };
    const had = Object.getOwnPropertyDescriptor(target, 'LanguageModel');
    Object.defineProperty(target, 'LanguageModel', { value: this, configurable: true, writable: true });
    return () => {
      if (had) Object.defineProperty(target, 'LanguageModel', had);
      else delete target.LanguageModel;
    };
  }
}
