/**
 * The `builtin` runtime: the browser's own model through the Prompt API (`LanguageModel`), on the
 * page (the API does not exist in workers). Nothing is downloaded by us: where the browser has its
 * model, a reply can start at once; where it can download one, `create()` asks it to, from the
 * consent click (the browser wants a user activation for that).
 *
 * One session per conversation: a request that extends what the session has seen sends only the
 * new turn; any other (reset, a restored or edited history, a new system prompt) re-creates the
 * session from the history, the system prompt as its initial prompt. A stopped or failed reply
 * drops the session (what the browser kept of it is not known); the next reply re-creates it.
 * `promptStreaming` yields deltas in Chrome (the spec's and the web-platform tests' reading), so
 * each chunk is appended as it comes. Token counts come from the session's `measureContextUsage`,
 * and the context window from its `contextWindow`.
 */
import type { ProgressReport } from '../../types.js';
import type { CompletionChunk, CompletionMessage, CompletionRequest, CompletionUsage } from '../engine.js';
import { named } from '../errors.js';
import type { Runtime, RuntimeModel, TokenCount } from '../runtime.js';
import { nameOf, RuntimeUnavailableError, translate } from './builtin-errors.js';
import {
  builtinAvailability,
  expected,
  fraction,
  measure,
  read,
  usageOf,
  pageLanguageModel,
  planTurn,
  type AvailabilityOptions,
  type LanguageModelApi,
  type PromptMessage,
  type PromptSession,
} from './prompt-api.js';

export const BUILTIN_LABEL = "the browser's built-in model";

export interface BuiltinRuntimeOptions {
  /** The element's languages (BCP 47), declared as the expected input and output languages. */
  languages?: readonly string[];
  /** Serve only a model the browser has ready (other runtimes follow in the page's list). */
  onlyAvailable?: boolean;
  /** The Prompt API to use; default `globalThis.LanguageModel`, read at each call. */
  api?: LanguageModelApi;
}

export function createBuiltinRuntime(options: BuiltinRuntimeOptions = {}): Runtime {
  return new BuiltinRuntime(options);
}

class BuiltinRuntime implements Runtime {
  #options: BuiltinRuntimeOptions;
  #session: PromptSession | undefined;
  /** The messages the session holds (its initial prompts and every finished turn). */
  #seen: CompletionMessage[] | undefined;
  #overflowed = false;

  constructor(options: BuiltinRuntimeOptions) {
    this.#options = options;
  }

  get #api(): LanguageModelApi {
    const api = this.#options.api ?? pageLanguageModel();
    if (!api) throw new RuntimeUnavailableError('This browser has no built-in model (no Prompt API)');
    return api;
  }

  get #expected(): AvailabilityOptions {
    return expected(this.#options.languages);
  }

  async preflight(signal: AbortSignal): Promise<RuntimeModel> {
    const { api, languages, onlyAvailable = false } = this.#options;
    const availability = await builtinAvailability(api ?? pageLanguageModel(), languages, onlyAvailable);
    signal.throwIfAborted();
    const cached = availability === 'available';
    return {
      id: 'builtin',
      runtime: 'builtin',
      download: 'browser',
      label: BUILTIN_LABEL,
      downloadBytes: 0,
      vramMB: 0,
      cached,
      memoryLimitBytes: 0,
      // Ready in the browser: started without a consent card.
      ...(cached ? { free: true as const } : { browserDownload: true }),
    };
  }

  async load(onProgress: (report: ProgressReport) => void, signal: AbortSignal): Promise<RuntimeModel> {
    const model = await this.preflight(signal);
    const report = (phase: ProgressReport['phase'], progress: number, text: string) =>
      onProgress({ phase, progress, loadedBytes: 0, totalBytes: 0, text });
    let started = false;
    const starting = () => {
      if (!started) report('load', 0, "Starting the browser's built-in model");
      started = true;
    };
    if (model.cached) starting();
    if (this.#session) return this.#loaded(model);
    try {
      const session = await this.#api.create({
        ...this.#expected,
        signal,
        monitor: (monitor) =>
          monitor.addEventListener('downloadprogress', (event) => {
            if (started) return;
            const done = fraction(event);
            report('download', done, 'Your browser is downloading its built-in model');
            if (done >= 1) starting();
          }),
      });
      this.#use(session, []);
    } catch (error) {
      throw translate(error, true);
    }
    return this.#loaded(model);
  }

  #loaded(model: RuntimeModel): RuntimeModel {
    const session = this.#session;
    const window = session?.contextWindow ?? session?.inputQuota;
    return typeof window === 'number' && Number.isFinite(window) && window > 0
      ? { ...model, cached: true, contextWindow: window }
      : { ...model, cached: true };
  }

  /** Each message as the session would count it (`measureContextUsage`); undefined where it cannot. */
  async countTokens(messages: CompletionMessage[], signal: AbortSignal): Promise<TokenCount | undefined> {
    try {
      // A session to measure with; the next reply starts its own from the history (nothing seen).
      if (!this.#session) this.#use(await this.#api.create({ ...this.#expected, signal }), undefined);
    } catch {
      return undefined;
    }
    const session = this.#session!;
    const each: number[] = [];
    for (const message of messages) {
      const tokens = await measure(session, message.content);
      if (tokens === undefined) return undefined;
      each.push(tokens);
    }
    return { each, fixed: 0 };
  }

  #use(session: PromptSession | undefined, seen: CompletionMessage[] | undefined) {
    try {
      if (this.#session && this.#session !== session) this.#session.destroy();
    } catch {
      // A session the browser already ended: nothing left to free.
    }
    this.#session = session;
    this.#seen = session ? seen : undefined;
    this.#overflowed = false;
    const overflow = () => {
      if (this.#session === session) this.#overflowed = true;
    };
    session?.addEventListener('contextoverflow', overflow);
    session?.addEventListener('quotaoverflow', overflow);
  }

  /** The element sends one request at a time (its own queue), so one session is enough. */
  generate(request: CompletionRequest, signal: AbortSignal): AsyncIterable<CompletionChunk> {
    return this.#reply(request, signal);
  }

  async *#reply(request: CompletionRequest, signal: AbortSignal): AsyncGenerator<CompletionChunk> {
    if (signal.aborted) return;
    const plan = planTurn(this.#seen, request.messages);
    let text = '';
    let finished = false;
    try {
      if (plan.kind === 'recreate' || !this.#session) {
        const initialPrompts = plan.kind === 'recreate' ? plan.initialPrompts : [];
        const session = await this.#api.create({ ...this.#expected, initialPrompts, signal });
        this.#use(session, plan.kind === 'recreate' ? request.messages.slice(0, -1) : []);
      }
      const session = this.#session!;
      const turns: PromptMessage[] = plan.input;
      const prefix = turns.slice(0, -1);
      if (prefix.length) await session.append?.(prefix, { signal });
      const input = turns[turns.length - 1]!.content;
      const before = usageOf(session);
      const inputTokens = before === undefined ? undefined : await measure(session, input);
      for await (const delta of read(session.promptStreaming(input, { signal }))) {
        if (!delta) continue;
        text += delta;
        yield { choices: [{ delta: { content: delta }, finish_reason: null }] };
      }
      // Current Chrome rejects an overflowing prompt (QuotaExceededError, above); where a browser
      // instead drops the oldest turns and only fires `contextoverflow`, the reply shown stays but
      // the conversation has lost its start: say so, as the same error.
      if (this.#overflowed) throw translate(named('QuotaExceededError', 'context overflow'));
      finished = true;
      this.#seen = [...request.messages, { role: 'assistant', content: text }];
      yield {
        choices: [{ delta: {}, finish_reason: 'stop' }],
        usage: this.#usage(session, before, inputTokens),
      };
    } catch (error) {
      if (signal.aborted && nameOf(error) === 'AbortError') return;
      throw translate(error);
    } finally {
      // Stopped, failed or abandoned: what the session kept is unknown, so start afresh next time.
      if (!finished) this.#use(undefined, undefined);
    }
  }

  #usage(
    session: PromptSession,
    before: number | undefined,
    inputTokens: number | undefined,
  ): CompletionUsage {
    const after = usageOf(session);
    if (before === undefined || after === undefined || inputTokens === undefined) return {};
    const prompt = before + inputTokens;
    const completion = Math.max(0, after - prompt);
    return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
  }

  async unload(): Promise<void> {
    this.#use(undefined, undefined);
  }

  /** The browser keeps its model itself: there is nothing of ours to remove. */
  async clearCache(): Promise<void> {}

  /** The browser's model does not die under the page: nothing to report. */
  onExit(): () => void {
    return () => undefined;
  }
}
