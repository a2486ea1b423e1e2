/**
 * The model of one `<ai-chat>`: which runtime serves it, what the model costs and whether it fits (the
 * check before consent), loading with progress, and its cache. It follows the element's properties as
 * lit's Task follows its arguments: when what the runtime is made from changes, the work in flight is
 * cancelled, the old runtime freed, the new one prepared (checked for the consent card, or loaded at once
 * with `autoload`). The latest call wins; nothing here throws synchronously.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { createRuntime } from '../engine/page/registry.js';
import { runtimeKeys, type RuntimeKeys } from '../engine/page/runtime-keys.js';
import type { Runtime, RuntimeModel, ShownModel } from '../engine/runtime.js';
import { chatError, toChatError } from '../errors.js';
import { AiChatProgressEvent, AiChatReadyEvent, AiChatThresholdEvent } from '../events.js';
import { checkLimits } from '../fit/limits.js';
import { envOf, readInputs, type InputSource, type Inputs } from '../state/inputs.js';
import type { ProgressReport } from '../types.js';
import { afterPaint } from './after-paint.js';
import type { StatusController } from './status-controller.js';

export interface ModelHost extends ReactiveControllerHost, Element, InputSource {
  readonly autoload: boolean;
}

/** What the page sees of a runtime's model (`modelInfo`): no internal figures. */
const infoOf = ({ memoryLimitBytes: _, ...model }: RuntimeModel): ShownModel => model;

export class ModelController implements ReactiveController {
  progress: ProgressReport | undefined;
  modelInfo: ShownModel | undefined;
  /** The visitor (or the page, through `load()`/`send()`) has agreed to load the model. */
  consented = false;
  /** Bytes a cancelled download had fetched (kept in the cache): the consent card says what is left. */
  resumeBytes = 0;

  #host: ModelHost;
  #status: StatusController;
  /** The inputs the runtime was made from. */
  #inputs: Inputs | undefined;
  #runtime: Runtime | undefined;
  #keys: RuntimeKeys | undefined;
  /** A `model` the runtimes do not know: `auto` is used instead while the property says so. */
  #unknown: string | undefined;
  #autoload = false;
  #ready = false;
  /** Cancels the check, load or reply in flight; replaced by every unload and switch (one per run). */
  #op = new AbortController();
  #checking: Promise<void> | undefined;
  #loading: Promise<void> | undefined;
  #unwatch: (() => void) | undefined;

  constructor(host: ModelHost, status: StatusController) {
    this.#host = host;
    this.#status = status;
    host.addController(this);
  }

  /** Follow the properties (as lit's Task): after this update; the first time, after the first paint. */
  hostUpdate(): void {
    const host = this.#host;
    const follow = () => host.isConnected && this.follow();
    if (!this.#keys) afterPaint(follow);
    else if (!this.#same(runtimeKeys(this.#read().runtime))) queueMicrotask(follow);
    else if (host.autoload && !this.#autoload)
      queueMicrotask(
        () => host.autoload && this.#status.status === 'idle' && this.request().catch(() => undefined),
      );
    this.#autoload = host.autoload;
  }

  hostDisconnected(): void {
    // Moving the element in the page disconnects and reconnects it in one task: keep the model then.
    queueMicrotask(() => this.#host.isConnected || void this.unload());
  }

  /** The runtime, once its model is loaded. */
  get ready(): Runtime | undefined {
    return this.#ready ? this.#runtime : undefined;
  }

  /** Aborted when the model under a reply goes (a switch, an unload): the reply stops. */
  get signal(): AbortSignal {
    return this.#op.signal;
  }

  /** The inputs as the properties say now, with `auto` for a model the runtimes do not know. */
  #read(): Inputs {
    const inputs = readInputs(this.#host, envOf(this.#host));
    const { spec } = inputs.runtime;
    if (spec.model !== this.#unknown) return inputs;
    return { ...inputs, runtime: { ...inputs.runtime, spec: { ...spec, model: 'auto' } } };
  }

  #same(keys: RuntimeKeys): boolean {
    return this.#keys?.runtime === keys.runtime && (this.#ready || this.#keys.limits === keys.limits);
  }

  /** A new runtime when what it is made from changed: the old one is freed, the new one checked or loaded. */
  follow(): void {
    const inputs = this.#read();
    const keys = runtimeKeys(inputs.runtime);
    if (this.#same(keys) && this.#runtime) return;
    this.#keys = keys;
    this.#inputs = inputs;
    const old = this.#runtime;
    this.#cancel(); // stops a reply on the old runtime
    if (old) void old.unload();
    this.#unwatch?.();
    const runtime = createRuntime(inputs.runtime);
    this.#runtime = runtime;
    this.#unwatch = runtime.onExit((error) => this.#exited(runtime, error));
    this.modelInfo = undefined;
    this.#status.clearFailure();
    this.#status.phase = 'idle';
    if (this.#host.autoload) this.load().catch(() => undefined);
    else if (!inputs.runtime.engine) void this.check();
  }

  #cancel() {
    this.#op.abort();
    this.#op = new AbortController();
    this.#ready = false;
    this.#checking = undefined;
    this.#loading = undefined;
    this.progress = undefined;
  }

  /** What the model costs and whether it fits, for the consent card. Downloads nothing. */
  check(): Promise<void> {
    const runtime = this.#runtime;
    if (!runtime || this.#ready || this.#loading) return Promise.resolve();
    if (this.#checking) return this.#checking;
    const { signal } = this.#op;
    this.#status.clearFailure();
    this.#status.phase = 'checking';
    const run = (async () => {
      try {
        // A model that costs nothing here (another tab's, the browser's own) starts without asking.
        if ((await this.#preflight(runtime, signal)).free) void this.request().catch(() => undefined);
        else if (!signal.aborted && !this.#loading) this.#status.phase = 'idle';
      } catch (error) {
        if (signal.aborted || this.#loading) return;
        this.#status.fail(error); // the phase after a failed check is idle
        this.#status.phase = 'idle';
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
    const { crash } = model; // a crash bears on it (`fit/crashes.ts`): said once, as a memory threshold
    if (crash && !this.modelInfo?.crash)
      this.#host.dispatchEvent(new AiChatThresholdEvent('memory', crash.limit, crash.actual));
    this.modelInfo = infoOf(model);
    this.#host.requestUpdate();
    const refusal = checkLimits(model, this.#inputs!.settings);
    if (refusal) {
      this.#host.dispatchEvent(new AiChatThresholdEvent(refusal.kind, refusal.limit, refusal.actual));
      throw chatError(refusal.code, refusal.detail);
    }
    return model;
  }

  /** An unknown model id is a bad attribute: say so, and go on with `auto`. */
  #unknownModel(error: unknown): boolean {
    const { spec } = this.#inputs!.runtime;
    if (spec.model === 'auto' || spec.modelUrl || toChatError(error).code !== 'model-not-found') return false;
    this.#status.warn(
      chatError(
        'invalid-attribute',
        `model="${spec.model}" is not a known model: expected a WebLLM model id, a GGUF catalog id or auto. Using auto.`,
      ),
    );
    // Cancel what runs now; the page's value stays (a framework would only set it again).
    this.#cancel();
    this.#unknown = spec.model;
    queueMicrotask(() => this.#host.isConnected && this.follow());
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
    if (report.phase === 'download') this.resumeBytes = Math.max(this.resumeBytes, report.loadedBytes);
    if (report.phase === 'load' && this.#status.phase === 'downloading') this.#status.phase = 'loading';
    this.#host.dispatchEvent(new AiChatProgressEvent(progress));
    this.#host.requestUpdate();
  }

  /** The visitor or the page asked for the model (consent given): it loads. */
  request(): Promise<void> {
    this.consent();
    return this.load();
  }

  /** The model was asked for: a check in flight now shows as progress. */
  consent(): void {
    if (!this.consented) this.#host.requestUpdate();
    this.consented = true;
  }

  /** The visitor cancelled: back to the consent card (what was downloaded stays cached). */
  cancel(): Promise<void> {
    this.consented = false;
    return this.unload();
  }

  /** Load the model; resolves when ready. Joins a load in progress; a new load after `unload()` starts afresh. */
  load(): Promise<void> {
    // A property set just before this call counts: the latest inputs win.
    this.follow();
    if (this.#ready) return Promise.resolve(this.#status.clearFailure());
    if (!this.#loading) {
      const run = this.#load(this.#runtime!, this.#op.signal);
      this.#loading = run;
      const done = () => this.#loading === run && (this.#loading = undefined);
      run.then(done, done);
    }
    return this.#loading;
  }

  async #load(runtime: Runtime, signal: AbortSignal): Promise<void> {
    try {
      this.#status.clearFailure();
      this.progress = undefined;
      const checking = this.#checking;
      if (checking) await checking;
      if (signal.aborted) throw chatError('aborted');
      this.#status.phase = 'checking';
      const model = await this.#preflight(runtime, signal);
      if (model.crash && !this.consented) return void (this.#status.phase = 'idle'); // on consent only
      this.#status.phase = model.cached ? 'loading' : 'downloading';
      const loaded = await runtime.load((report) => signal.aborted || this.#progress(report), signal);
      if (signal.aborted) throw chatError('aborted');
      const info = (this.modelInfo = infoOf({ ...model, ...loaded, cached: loaded.cached }));
      this.#ready = true;
      this.progress = undefined;
      this.resumeBytes = 0;
      this.#status.phase = 'ready';
      this.#host.dispatchEvent(new AiChatReadyEvent(info.id, info.downloadBytes, info.vramMB));
    } catch (error) {
      if (signal.aborted) throw chatError('aborted');
      // Past the download every file is cached: a failure now may come from them (offer to clear).
      if (this.#status.phase === 'loading' && this.modelInfo)
        this.modelInfo = { ...this.modelInfo, cached: true };
      this.progress = undefined;
      const chat = this.#status.fail(error);
      this.#status.phase = 'idle';
      throw chat;
    }
  }

  #exited(runtime: Runtime, error: unknown) {
    if (runtime !== this.#runtime) return;
    const wasReady = this.#ready;
    this.#ready = false;
    // A load or a reply in progress fails by itself, with its own error.
    if (this.#loading || this.#status.generating) return;
    this.#status.phase = 'idle';
    if (wasReady) this.#status.fail(error);
  }

  /** Free the model (the worker ends when no element uses it); cancels a check, download or reply. */
  async unload(): Promise<void> {
    this.#cancel();
    this.#status.clearFailure();
    this.#status.phase = 'idle';
    await this.#runtime?.unload();
  }

  /** Remove the model's downloaded files; a download in progress is cancelled first (in the worker). */
  async clearCache(): Promise<void> {
    try {
      if (this.#loading) {
        this.consented = false;
        this.#cancel();
        this.#status.phase = 'idle';
      }
      await this.#runtime?.clearCache();
      if (this.modelInfo) this.modelInfo = { ...this.modelInfo, cached: false };
      this.#host.requestUpdate();
    } catch (error) {
      this.#status.fail(error);
    }
  }
}
