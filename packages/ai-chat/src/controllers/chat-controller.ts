/**
 * The life of one `<ai-chat>`: the status machine, the engine (a shared model worker or the page's
 * own engine), the conversation and the figures of each reply. The element only renders what
 * this controller holds and forwards its methods here.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatEngine, CompletionChunk, CompletionRequest, CompletionUsage } from '../engine/engine.js';
import { acquireWorker, poolKey, type Lease } from '../engine/page/pool.js';
import type { ModelSpec, PreflightResult } from '../engine/protocol.js';
import { AiChatError, chatError, toChatError } from '../errors.js';
import {
  AiChatErrorEvent,
  AiChatMessageEvent,
  AiChatProgressEvent,
  AiChatReadyEvent,
  AiChatStatsEvent,
  AiChatStatusEvent,
  AiChatThresholdEvent,
} from '../events.js';
import { checkLimits } from '../fit/limits.js';
import type { Settings } from '../fit/settings.js';
import { computeStats, type ReplyTiming } from '../fit/stats.js';
import { canTransition } from '../fit/status.js';
import type { ChatMessage, ChatStats, ChatStatus, ModelInfo, ProgressReport } from '../types.js';

/** What the controller reads from its element. */
export interface ChatHost extends ReactiveControllerHost, EventTarget {
  model: string;
  modelUrl: string | undefined;
  modelLibUrl: string | undefined;
  workerUrl: string | undefined;
  engine: ChatEngine | undefined;
  systemPrompt: string | undefined;
  /** The validated numeric settings (bad attribute values already replaced by defaults). */
  readonly settings: Settings;
}

const now = () => performance.now();
/** A streaming reply renders at most this often (ms): about 30 times a second. */
const DRAFT_MS = 32;

export class ChatController implements ReactiveController {
  status: ChatStatus = 'idle';
  messages: ChatMessage[] = [];
  /** The assistant reply while it streams. */
  draft: ChatMessage | undefined;
  progress: ProgressReport | undefined;
  error: AiChatError | undefined;
  stats: ChatStats | undefined;
  modelInfo: ModelInfo | undefined;

  #host: ChatHost;
  #lease: Lease | undefined;
  #leaseKey = '';
  #stopWatching: (() => void) | undefined;
  /** The engine that is loaded and ready (a custom one, or set when the worker is ready). */
  #ready: ChatEngine | Lease | undefined;
  #loading: Promise<void> | undefined;
  #checking: Promise<void> | undefined;
  /** Bumped by `unload()`: work started under an older epoch is cancelled. */
  #epoch = 0;
  #abort: AbortController | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(host: ChatHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    // Moving the element in the page disconnects and reconnects it in one task: keep the engine then.
    queueMicrotask(() => {
      if (!(this.#host as unknown as Element).isConnected) void this.unload();
    });
  }

  /** True when a model is loaded and a message can be sent at once. */
  get hasEngine(): boolean {
    return this.#ready !== undefined;
  }

  get spec(): ModelSpec {
    const { model, modelUrl, modelLibUrl } = this.#host;
    const { maxModelSize, maxMemory } = this.#host.settings;
    return {
      model,
      ...(modelUrl ? { modelUrl } : {}),
      ...(modelLibUrl ? { modelLibUrl } : {}),
      ...(maxModelSize !== undefined ? { maxDownloadBytes: maxModelSize } : {}),
      ...(maxMemory !== undefined ? { maxMemoryBytes: maxMemory } : {}),
    };
  }

  /**
   * Preflight before consent: what the model costs and whether it fits, shown on the consent card.
   * Only the small preflight code runs in the worker; nothing is downloaded. No-op with a custom engine.
   */
  check(): Promise<void> {
    if (
      this.#host.engine ||
      this.#loading ||
      this.#ready ||
      !(this.status === 'idle' || this.status === 'error')
    ) {
      return this.#checking ?? Promise.resolve();
    }
    const epoch = this.#epoch;
    this.error = undefined;
    this.#setStatus('checking');
    const run = (async () => {
      try {
        await this.#preflight(this.#acquire());
        if (epoch === this.#epoch && !this.#loading) this.#setStatus('idle');
      } catch (error) {
        if (epoch !== this.#epoch || this.#loading) return;
        this.#dropDeadWorker();
        this.fail(error);
        this.#setStatus('error');
      }
    })();
    this.#checking = run.finally(() => {
      if (this.#checking === guarded) this.#checking = undefined;
    });
    const guarded = this.#checking;
    return guarded;
  }

  /** Run the preflight, keep its figures, and refuse a model over a limit (throws the refusal). */
  async #preflight(lease: Lease): Promise<PreflightResult> {
    const epoch = this.#epoch;
    let info: PreflightResult;
    try {
      info = await lease.client.preflight(this.spec);
    } catch (error) {
      if (epoch === this.#epoch && this.#unknownModel(error)) return this.#preflight(this.#acquire());
      throw error;
    }
    if (epoch !== this.#epoch) throw chatError('aborted');
    this.modelInfo = {
      id: info.id,
      downloadBytes: info.downloadBytes,
      vramMB: info.vramMB,
      cached: info.cached,
    };
    this.#host.requestUpdate();
    const refusal = checkLimits(info, this.#host.settings);
    if (refusal) {
      this.#host.dispatchEvent(new AiChatThresholdEvent(refusal.kind, refusal.limit, refusal.actual));
      throw chatError(refusal.code, refusal.detail);
    }
    return info;
  }

  /** An unknown model id is a bad attribute: say so, and go on with `auto`. */
  #unknownModel(error: unknown): boolean {
    const spec = this.spec;
    if (spec.model === 'auto' || spec.modelUrl || toChatError(error).code !== 'model-not-found') return false;
    this.warn(
      chatError(
        'invalid-attribute',
        `model="${spec.model}" is not a known model: expected a WebLLM model id or auto. Using auto.`,
      ),
    );
    this.#host.model = 'auto';
    return true;
  }

  #setStatus(status: ChatStatus) {
    if (status === this.status || !canTransition(this.status, status)) return;
    this.status = status;
    this.#host.requestUpdate();
    this.#host.dispatchEvent(new AiChatStatusEvent(status));
  }

  /** Report an error: shown in the element, fired as `ai-chat-error`; the element stays usable. */
  fail(error: unknown): AiChatError {
    const chat = toChatError(error, this.#host.model);
    this.error = chat;
    this.#host.dispatchEvent(new AiChatErrorEvent(chat.code, chat.message, chat.recoverable));
    this.#host.requestUpdate();
    return chat;
  }

  /** Report a bad attribute value: shown and fired, status unchanged. */
  warn(error: AiChatError): void {
    this.fail(error);
  }

  dismissError(): void {
    this.error = undefined;
    if (this.status === 'error') this.#setStatus(this.#ready ? 'ready' : 'idle');
    this.#host.requestUpdate();
  }

  #progress(report: ProgressReport) {
    this.progress = report;
    if (report.phase === 'load' && this.status === 'downloading') this.#setStatus('loading');
    this.#host.dispatchEvent(new AiChatProgressEvent(report));
    this.#host.requestUpdate();
  }

  /** Load the model; resolves when ready. Joins a load in progress. */
  load(): Promise<void> {
    if (this.#ready) {
      if (this.status === 'error' || this.status === 'idle') this.#setStatus('ready');
      return Promise.resolve();
    }
    this.#loading ??= this.#load().finally(() => (this.#loading = undefined));
    return this.#loading;
  }

  async #load(): Promise<void> {
    const epoch = this.#epoch;
    const cancelled = () => epoch !== this.#epoch;
    this.error = undefined;
    this.progress = undefined;
    const custom = this.#host.engine;
    try {
      if (custom) {
        this.#setStatus('loading');
        custom.setInitProgressCallback?.((report) =>
          cancelled()
            ? undefined
            : this.#progress({
                phase: 'load',
                progress: report.progress,
                loadedBytes: 0,
                totalBytes: 0,
                text: report.text,
              }),
        );
        await custom.reload?.(this.#host.model);
        if (cancelled()) throw chatError('aborted');
        this.modelInfo = { id: this.#host.model, downloadBytes: 0, vramMB: 0, cached: true };
        this.#ready = custom;
      } else {
        // A consent-card check in flight: let it finish, then check again with the final settings.
        if (this.#checking) await this.#checking;
        this.#setStatus('checking');
        const info = await this.#preflight(this.#acquire());
        if (cancelled()) throw chatError('aborted');
        this.#setStatus(info.cached ? 'loading' : 'downloading');
        const lease = this.#acquire();
        const loaded = await lease.client.load(this.spec, (report) => cancelled() || this.#progress(report));
        if (cancelled()) throw chatError('aborted');
        this.modelInfo = { ...this.modelInfo!, cached: loaded.cached };
        this.#ready = lease;
      }
      this.progress = undefined;
      this.#setStatus('ready');
      const info = this.modelInfo!;
      this.#host.dispatchEvent(new AiChatReadyEvent(info.id, info.downloadBytes, info.vramMB));
    } catch (error) {
      if (cancelled()) throw toChatError(error);
      this.#dropDeadWorker();
      const chat = this.fail(error);
      this.#setStatus('error');
      throw chat;
    }
  }

  #acquire(): Lease {
    const key = poolKey(this.spec, this.#host.workerUrl);
    if (this.#lease?.client.alive && this.#leaseKey === key) return this.#lease;
    if (this.#lease) {
      // The model changed: give the old worker back (it ends if no other element uses it).
      this.#stopWatching?.();
      void this.#lease.release();
      this.#ready = undefined;
    }
    const lease = acquireWorker(this.spec, this.#host.workerUrl);
    this.#lease = lease;
    this.#leaseKey = key;
    this.#stopWatching = lease.client.onExit((error) => {
      if (this.#lease !== lease || error.name === 'AbortError') return;
      // The worker died under us: forget it, say so, and let the next load start a new one.
      this.#dropDeadWorker();
      if (this.status !== 'generating' && !this.#loading) {
        this.fail(error);
        this.#setStatus('error');
      }
    });
    return lease;
  }

  #dropDeadWorker() {
    if (this.#lease && !this.#lease.client.alive) {
      this.#stopWatching?.();
      void this.#lease.release();
      this.#lease = undefined;
      this.#ready = undefined;
    }
  }

  /**
   * Send a user message and stream the reply. Calls are queued: a second `send()` during a reply
   * waits for it. Sending is consent: an idle element loads its model first.
   * Resolves with the assistant message (undefined for empty text).
   */
  send(text: string): Promise<ChatMessage | undefined> {
    const content = String(text ?? '');
    if (!content.trim()) return Promise.resolve(undefined);
    const turn = this.#queue.then(() => this.#reply(content));
    this.#queue = turn.catch(() => undefined);
    return turn;
  }

  async #reply(content: string): Promise<ChatMessage> {
    const epoch = this.#epoch;
    await this.load();
    const engine = this.#ready;
    if (!engine || epoch !== this.#epoch) throw chatError('aborted');
    this.error = undefined;
    const user: ChatMessage = { role: 'user', content };
    this.#append(user);
    const request = this.#request();
    const abort = new AbortController();
    this.#abort = abort;
    const draft: ChatMessage = { role: 'assistant', content: '' };
    this.draft = draft;
    this.#setStatus('generating');
    const timing: ReplyTiming = {
      start: now(),
      firstToken: undefined,
      end: 0,
      chunks: 0,
      promptChars: request.messages.reduce((n, m) => n + m.content.length, 0),
    };
    let usage: CompletionUsage | undefined;
    let failure: unknown;
    try {
      const stream: AsyncIterable<CompletionChunk> =
        'client' in engine
          ? engine.client.generate(request, abort.signal)
          : await engine.chat.completions.create(request);
      for await (const chunk of stream) {
        if (abort.signal.aborted) break;
        const delta = chunk.choices?.[0]?.delta?.content;
        if (delta) {
          timing.firstToken ??= now();
          timing.chunks++;
          draft.content += delta;
          this.#draftChanged();
        }
        if (chunk.usage) usage = chunk.usage;
      }
    } catch (error) {
      if (!abort.signal.aborted) failure = error;
    }
    timing.end = now();
    if (this.#abort === abort) this.#abort = undefined;
    this.draft = undefined;
    const interrupted = abort.signal.aborted || failure !== undefined;
    const reply: ChatMessage = interrupted ? { ...draft, interrupted: true } : { ...draft };
    if (reply.content) this.#append(reply);
    if (timing.chunks > 0) this.#report(timing, usage);
    if (failure !== undefined) {
      this.#dropDeadWorker();
      const chat = this.fail(failure);
      this.#setStatus('error');
      throw chat;
    }
    if (epoch === this.#epoch) this.#setStatus('ready');
    this.#host.requestUpdate();
    return reply;
  }

  #draftTimer: ReturnType<typeof setTimeout> | undefined;
  /**
   * The draft grew: render it at most every DRAFT_MS. Tokens that arrive in between (a fast
   * model, or a burst from a buffering proxy) cost one render, not one each.
   */
  #draftChanged() {
    if (this.#draftTimer !== undefined) return;
    this.#draftTimer = setTimeout(() => {
      this.#draftTimer = undefined;
      this.#host.requestUpdate();
    }, DRAFT_MS);
  }

  #append(message: ChatMessage) {
    this.messages = [...this.messages, message];
    this.#host.dispatchEvent(new AiChatMessageEvent(message));
    this.#host.requestUpdate();
  }

  #request(): CompletionRequest {
    const { systemPrompt } = this.#host;
    const { temperature, maxTokens } = this.#host.settings;
    const history = this.messages.map(({ role, content }) => ({ role, content }));
    return {
      messages: systemPrompt ? [{ role: 'system', content: systemPrompt }, ...history] : history,
      stream: true,
      stream_options: { include_usage: true },
      ...(temperature !== undefined ? { temperature } : {}),
      ...(maxTokens !== undefined ? { max_tokens: maxTokens } : {}),
    };
  }

  #report(timing: ReplyTiming, usage: CompletionUsage | undefined) {
    const threshold = this.#host.settings.latencyThreshold;
    const stats = computeStats(timing, usage, threshold);
    this.stats = stats;
    this.#host.dispatchEvent(new AiChatStatsEvent(stats));
    if (stats.msPerToken > threshold) {
      this.#host.dispatchEvent(new AiChatThresholdEvent('latency', threshold, stats.msPerToken));
    }
  }

  /** End the reply in progress (no-op when there is none). */
  stop(): void {
    if (!this.#abort) return;
    this.#abort.abort();
    const engine = this.#ready;
    if (engine && !('client' in engine)) engine.interruptGenerate?.();
  }

  /** Start a new conversation: stops the reply in progress and forgets the messages. */
  reset(): void {
    this.stop();
    this.messages = [];
    this.draft = undefined;
    this.stats = undefined;
    if (this.status === 'error' && this.#ready) this.dismissError();
    this.#host.requestUpdate();
  }

  /** Free the engine (the worker ends when no element uses it); cancels a download. Keeps the messages. */
  async unload(): Promise<void> {
    this.#epoch++;
    this.stop();
    const lease = this.#lease;
    const ready = this.#ready;
    this.#lease = undefined;
    this.#ready = undefined;
    this.#stopWatching?.();
    this.progress = undefined;
    this.error = undefined;
    if (this.status !== 'idle') {
      this.status = 'idle';
      this.#host.dispatchEvent(new AiChatStatusEvent('idle'));
    }
    this.#host.requestUpdate();
    try {
      if (lease) await lease.release();
      else if (ready && !('client' in ready)) await ready.unload?.();
    } catch {
      // Unloading never fails for the caller: the engine is gone either way.
    }
  }

  /** Remove the model's downloaded files from the browser's cache. */
  async clearCache(): Promise<void> {
    if (this.#host.engine) return;
    const lease = this.#lease?.client.alive ? undefined : acquireWorker(this.spec, this.#host.workerUrl);
    const client = (lease ?? this.#lease)!.client;
    try {
      await client.clearCache(this.spec);
      if (this.modelInfo) this.modelInfo = { ...this.modelInfo, cached: false };
      this.#host.requestUpdate();
    } catch (error) {
      this.fail(error);
    } finally {
      await lease?.release();
    }
  }
}
