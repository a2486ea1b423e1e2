/**
 * The model of one `<ai-chat>`: which runtime serves it, what the model costs and whether it fits
 * (the check before consent), loading with progress, and its cache. It follows the element's
 * properties the way lit's Task follows its arguments: when what the runtime is made from changes,
 * the work in flight is cancelled, the old runtime freed, and the new one prepared (checked for the
 * consent card, or loaded at once with `autoload`). The latest call wins; nothing here throws
 * synchronously.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { createRuntime, type RuntimeInputs } from '../engine/page/registry.js';
import { runtimeKeys, type RuntimeKeys } from '../engine/page/runtime-keys.js';
import type { Runtime, RuntimeModel } from '../engine/runtime.js';
import { chatError, toChatError, type AiChatError } from '../errors.js';
import { AiChatProgressEvent, AiChatReadyEvent, AiChatThresholdEvent } from '../events.js';
import { checkLimits } from '../fit/limits.js';
import type { Settings } from '../fit/settings.js';
import type { ModelPhase } from '../fit/status.js';
import type { ModelInfo, ProgressReport } from '../types.js';

export interface ModelHost extends ReactiveControllerHost {
  dispatchEvent(event: Event): boolean;
  readonly settings: Settings;
  readonly autoload: boolean;
  readonly isConnected: boolean;
  /** The page's `model` is not a known model: use `auto` instead (the switch follows). */
  useAuto(): void;
  /** What the runtime is made from, as the properties say now. */
  runtimeInputs(): RuntimeInputs;
  /** Show and fire a failure; it stays until dismissed, retried or replaced. */
  fail(error: unknown): AiChatError;
  /** Show and fire a problem that changes no status (a bad attribute value). */
  warn(error: unknown): AiChatError;
  clearFailure(): void;
  /** Stop the reply in progress: the model under it is changing. */
  stopReply(): void;
  /** Something the status derives from changed. */
  changed(): void;
  /** True while a reply streams (a worker death then fails the reply, not the model). */
  readonly replying: boolean;
}

/** What the page sees of a runtime's model (`modelInfo`): no internal figures. */
const infoOf = ({ memoryLimitBytes: _, ...model }: RuntimeModel): ModelInfo => model;

export class ModelController implements ReactiveController {
  phase: ModelPhase = 'idle';
  progress: ProgressReport | undefined;
  modelInfo: ModelInfo | undefined;

  #host: ModelHost;
  #runtime: Runtime | undefined;
  #keys: RuntimeKeys | undefined;
  #ready = false;
  /** Cancels the check or load in flight; replaced by every unload and switch. */
  #op = new AbortController();
  #checking: Promise<void> | undefined;
  #loading: Promise<void> | undefined;
  #unwatch: (() => void) | undefined;

  constructor(host: ModelHost) {
    this.#host = host;
    host.addController(this);
  }

  hostDisconnected(): void {
    // Moving the element in the page disconnects and reconnects it in one task: keep the model then.
    queueMicrotask(() => {
      if (!this.#host.isConnected) void this.unload();
    });
  }

  /** The runtime, once its model is loaded. */
  get ready(): Runtime | undefined {
    return this.#ready ? this.#runtime : undefined;
  }

  /** Follow the properties: a new runtime when what it is made from changed (called after each update). */
  follow(): void {
    const keys = runtimeKeys(this.#host.runtimeInputs());
    const same = this.#keys?.runtime === keys.runtime && (this.#ready || this.#keys.limits === keys.limits);
    if (same && this.#runtime) return;
    this.#keys = keys;
    const old = this.#runtime;
    this.#cancel();
    if (old) {
      this.#host.stopReply();
      void old.unload();
    }
    this.#unwatch?.();
    const runtime = createRuntime(this.#host.runtimeInputs());
    this.#runtime = runtime;
    this.#unwatch = runtime.onExit((error) => this.#exited(runtime, error));
    this.modelInfo = undefined;
    this.#host.clearFailure();
    this.#setPhase('idle');
    if (this.#host.autoload) this.load().catch(() => undefined);
    else if (!this.#host.runtimeInputs().engine) void this.check();
  }

  #cancel() {
    this.#op.abort();
    this.#op = new AbortController();
    this.#ready = false;
    this.#checking = undefined;
    this.#loading = undefined;
    this.progress = undefined;
  }

  #setPhase(phase: ModelPhase) {
    this.phase = phase;
    this.#host.changed();
  }

  /** What the model costs and whether it fits, for the consent card. Downloads nothing. */
  check(): Promise<void> {
    const runtime = this.#runtime;
    if (!runtime || this.#ready || this.#loading) return Promise.resolve();
    if (this.#checking) return this.#checking;
    const { signal } = this.#op;
    this.#host.clearFailure();
    this.#setPhase('checking');
    const run = (async () => {
      try {
        await this.#preflight(runtime, signal);
        if (!signal.aborted && !this.#loading) this.#setPhase('idle');
      } catch (error) {
        if (signal.aborted || this.#loading) return;
        this.phase = 'idle';
        this.#host.fail(error);
      }
    })();
    this.#checking = run;
    void run.then(() => this.#checking === run && (this.#checking = undefined));
    return run;
  }

  /** Ask the runtime what the model costs; refuse one over a limit (throws the refusal). */
  async #preflight(runtime: Runtime, signal: AbortSignal): Promise<RuntimeModel> {
    let model: RuntimeModel;
    try {
      model = await runtime.preflight(signal);
    } catch (error) {
      if (!signal.aborted && this.#unknownModel(error)) throw chatError('aborted');
      throw error;
    }
    if (signal.aborted) throw chatError('aborted');
    this.modelInfo = infoOf(model);
    this.#host.requestUpdate();
    const refusal = checkLimits(model, this.#host.settings);
    if (refusal) {
      this.#host.dispatchEvent(new AiChatThresholdEvent(refusal.kind, refusal.limit, refusal.actual));
      throw chatError(refusal.code, refusal.detail);
    }
    return model;
  }

  /** An unknown model id is a bad attribute: say so, and go on with `auto` (the switch follows). */
  #unknownModel(error: unknown): boolean {
    const { spec } = this.#host.runtimeInputs();
    if (spec.model === 'auto' || spec.modelUrl || toChatError(error).code !== 'model-not-found') return false;
    this.#host.warn(
      chatError(
        'invalid-attribute',
        `model="${spec.model}" is not a known model: expected a WebLLM model id, a GGUF catalog id or auto. Using auto.`,
      ),
    );
    // Cancel what runs now; the switch to `auto` follows.
    this.#cancel();
    this.#host.useAuto();
    return true;
  }

  #progress(report: ProgressReport) {
    // Progress never jumps back within a phase.
    const last = this.progress;
    const progress =
      last && last.phase === report.phase
        ? { ...report, progress: Math.max(last.progress, report.progress) }
        : report;
    this.progress = progress;
    if (report.phase === 'load' && this.phase === 'downloading') this.#setPhase('loading');
    this.#host.dispatchEvent(new AiChatProgressEvent(progress));
    this.#host.requestUpdate();
  }

  /** Load the model; resolves when ready. Joins a load in progress; a new load after `unload()` starts afresh. */
  load(): Promise<void> {
    // A property set just before this call counts: the latest inputs win.
    this.follow();
    if (this.#ready) {
      this.#host.clearFailure();
      return Promise.resolve();
    }
    if (!this.#loading) {
      const run = this.#load(this.#runtime!, this.#op.signal);
      this.#loading = run;
      run.then(
        () => this.#loading === run && (this.#loading = undefined),
        () => this.#loading === run && (this.#loading = undefined),
      );
    }
    return this.#loading;
  }

  async #load(runtime: Runtime, signal: AbortSignal): Promise<void> {
    try {
      this.#host.clearFailure();
      this.progress = undefined;
      const checking = this.#checking;
      if (checking) await checking;
      if (signal.aborted) throw chatError('aborted');
      this.#setPhase('checking');
      const model = await this.#preflight(runtime, signal);
      this.#setPhase(model.cached ? 'loading' : 'downloading');
      const loaded = await runtime.load((report) => signal.aborted || this.#progress(report), signal);
      if (signal.aborted) throw chatError('aborted');
      this.modelInfo = infoOf({ ...model, ...loaded, cached: loaded.cached });
      this.#ready = true;
      this.progress = undefined;
      this.#setPhase('ready');
      const info = this.modelInfo;
      this.#host.dispatchEvent(new AiChatReadyEvent(info.id, info.downloadBytes, info.vramMB));
    } catch (error) {
      if (signal.aborted) throw chatError('aborted');
      // Past the download every file is cached: a failure now may come from them (offer to clear).
      if (this.phase === 'loading' && this.modelInfo) this.modelInfo = { ...this.modelInfo, cached: true };
      this.progress = undefined;
      this.phase = 'idle';
      throw this.#host.fail(error);
    }
  }

  #exited(runtime: Runtime, error: unknown) {
    if (runtime !== this.#runtime) return;
    const wasReady = this.#ready;
    this.#ready = false;
    // A load or a reply in progress fails by itself, with its own error.
    if (this.#loading || this.#host.replying) return;
    this.#setPhase('idle');
    if (wasReady) this.#host.fail(error);
  }

  /** Free the model (the worker ends when no element uses it); cancels a check or download. */
  async unload(): Promise<void> {
    this.#cancel();
    this.#host.stopReply();
    this.#host.clearFailure();
    this.#setPhase('idle');
    await this.#runtime?.unload();
  }

  /** Remove the model's downloaded files from the browser's cache. */
  async clearCache(): Promise<void> {
    try {
      await this.#runtime?.clearCache();
      if (this.modelInfo) this.modelInfo = { ...this.modelInfo, cached: false };
      this.#host.requestUpdate();
    } catch (error) {
      this.#host.fail(error);
    }
  }
}
