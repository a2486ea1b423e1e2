/**
 * A scripted engine: WebLLM's engine interface (`chat.completions.create` streaming chunks,
 * `reload`, `interruptGenerate`, `unload`, `setInitProgressCallback`) with the arithmetic replaced
 * by a script. For tests, stories and benchmarks, where no GPU or model is at hand: everything
 * around it (streaming, stop, stats, rendering, the worker protocol) runs for real.
 */
import type {
  ChatEngine,
  CompletionChunk,
  CompletionRequest,
  CompletionUsage,
  InitProgressReport,
  UsageExtra,
} from '../engine/engine.js';

export interface ScriptedReply {
  /** The reply: a string (split into word tokens) or the exact tokens. */
  text: string | string[];
  /** Delay before each token, ms (default: the engine's `tokenDelayMs`). */
  tokenDelayMs?: number;
  /** Delay before the first token, ms (default: `tokenDelayMs`). */
  firstTokenDelayMs?: number;
  /** Fail after this many tokens with this error (name and message, as WebLLM's errors cross the worker). */
  failAfter?: number;
  error?: { name: string; message: string };
  /** Report these `usage.extra` figures instead of the ones measured while streaming. */
  extra?: UsageExtra;
  /** Stop yielding after this many tokens and never end, ignoring `interruptGenerate` (a stalled engine). */
  stallAfter?: number;
  /** `create()` never resolves (an engine that hangs before its first chunk). */
  createStalls?: boolean;
}

export interface ScriptedEngineOptions {
  /** Replies in order, or a function of the request. Default: an echo of the last user message. */
  replies?: ScriptedReply[] | ((request: CompletionRequest) => ScriptedReply);
  tokenDelayMs?: number;
  /** Report WebLLM-style `usage.extra` on the last chunk (default true). */
  usageExtra?: boolean;
  /** Steps and delay of the simulated `reload` progress. */
  loadSteps?: number;
  loadStepMs?: number;
  /** Make `reload` fail with this error. */
  loadError?: { name: string; message: string };
  /**
   * Hold a lock from `create()` until the stream has been read to its end (or `return()`ed), as
   * web-llm 0.2.79's `MLCEngine` does: a second `create()` waits for it.
   */
  holdsLock?: boolean;
  /**
   * The model's context window in tokens (words, see `tokenize`): said as the engine's
   * `contextWindow`, and a request whose messages hold more is refused as WebLLM refuses it
   * (`ContextWindowSizeExceededError`, with the count in its message), before any token.
   */
  contextWindow?: number;
}

/** Split text into word tokens that keep their leading space, as BPE tokenizers do. */
export function tokenize(text: string): string[] {
  return text.match(/\s*\S+|\s+/g) ?? [];
}

/** The tokens of a request's messages (words). */
export const countTokens = (messages: readonly { content: string }[]): number =>
  messages.reduce((n, m) => n + tokenize(m.content).length, 0);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function named(error: { name: string; message: string }): Error {
  const e = new Error(error.message);
  e.name = error.name;
  return e;
}

export class ScriptedEngine implements ChatEngine {
  /** Every request received, for assertions. */
  readonly requests: CompletionRequest[] = [];
  loadedModel: string | undefined;
  interrupts = 0;
  /** Requests refused as longer than `contextWindow`. */
  refused = 0;
  #options: ScriptedEngineOptions;
  #turn = 0;
  #interrupted = false;
  #progress: ((report: InitProgressReport) => void) | undefined;

  /** The context window, when the options give one. */
  readonly contextWindow: number | undefined;

  constructor(options: ScriptedEngineOptions = {}) {
    this.#options = options;
    this.contextWindow = options.contextWindow;
  }

  #lock: Promise<void> = Promise.resolve();

  readonly chat = {
    completions: {
      create: async (request: CompletionRequest): Promise<AsyncIterable<CompletionChunk>> => {
        const prompt = countTokens(request.messages);
        if (this.contextWindow !== undefined && prompt > this.contextWindow) {
          this.refused++;
          throw named({
            name: 'ContextWindowSizeExceededError',
            message: `Prompt tokens exceed context window size: number of prompt tokens: ${prompt}; context window size: ${this.contextWindow}`,
          });
        }
        const reply = this.#reply(request);
        this.#turn++;
        if (reply.createStalls) await new Promise(() => undefined);
        if (!this.#options.holdsLock) return this.#stream(request, reply);
        const previous = this.#lock;
        let release!: () => void;
        this.#lock = new Promise((resolve) => (release = resolve));
        await previous;
        return this.#locked(this.#stream(request, reply), release);
      },
    },
  };

  /** True while a stream holds the lock (`holdsLock`). */
  locked = false;

  async *#locked(
    stream: AsyncGenerator<CompletionChunk>,
    release: () => void,
  ): AsyncGenerator<CompletionChunk> {
    this.locked = true;
    try {
      yield* stream;
    } finally {
      this.locked = false;
      release();
    }
  }

  setInitProgressCallback(callback: (report: InitProgressReport) => void): void {
    this.#progress = callback;
  }

  async reload(model: string): Promise<void> {
    const steps = this.#options.loadSteps ?? 3;
    for (let i = 1; i <= steps; i++) {
      await sleep(this.#options.loadStepMs ?? 5);
      this.#progress?.({
        progress: i / steps,
        timeElapsed: 0,
        text: `Loading model from cache[${i}/${steps}]`,
      });
    }
    if (this.#options.loadError) throw named(this.#options.loadError);
    this.loadedModel = model;
  }

  async unload(): Promise<void> {
    this.loadedModel = undefined;
  }

  interruptGenerate(): void {
    this.interrupts++;
    this.#interrupted = true;
  }

  #reply(request: CompletionRequest): ScriptedReply {
    const replies = this.#options.replies;
    if (typeof replies === 'function') return replies(request);
    if (replies?.length) return replies[Math.min(this.#turn, replies.length - 1)]!;
    const last = [...request.messages].reverse().find((m) => m.role === 'user');
    return { text: `You said: ${last?.content ?? ''}` };
  }

  async *#stream(request: CompletionRequest, reply: ScriptedReply): AsyncGenerator<CompletionChunk> {
    this.requests.push(request);
    this.#interrupted = false;
    const tokens = Array.isArray(reply.text) ? reply.text : tokenize(reply.text);
    const delay = reply.tokenDelayMs ?? this.#options.tokenDelayMs ?? 2;
    const start = performance.now();
    let first = start;
    let sent = 0;
    for (const [i, token] of tokens.entries()) {
      if (reply.failAfter !== undefined && i >= reply.failAfter)
        throw named(reply.error ?? { name: 'Error', message: 'scripted failure' });
      if (reply.stallAfter !== undefined && i >= reply.stallAfter) await new Promise(() => undefined);
      await sleep(i === 0 ? (reply.firstTokenDelayMs ?? delay) : delay);
      if (this.#interrupted) break;
      if (i === 0) first = performance.now();
      sent++;
      yield { choices: [{ delta: { content: token }, finish_reason: null }] };
    }
    const end = performance.now();
    const promptTokens = countTokens(request.messages);
    const usage: CompletionUsage = {
      prompt_tokens: promptTokens,
      completion_tokens: sent,
      total_tokens: promptTokens + sent,
    };
    if (this.#options.usageExtra !== false && sent > 0) {
      const ttft = (first - start) / 1000;
      const perToken = sent > 1 ? (end - first) / 1000 / (sent - 1) : ttft;
      usage.extra = {
        time_to_first_token_s: ttft,
        time_per_output_token_s: perToken,
        decode_tokens_per_s: perToken > 0 ? 1 / perToken : 0,
        prefill_tokens_per_s: ttft > 0 ? promptTokens / ttft : 0,
        ...reply.extra,
      };
    }
    yield { choices: [{ delta: {}, finish_reason: this.#interrupted ? 'abort' : 'stop' }], usage };
  }
}
