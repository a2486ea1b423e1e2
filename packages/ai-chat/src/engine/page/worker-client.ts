/**
 * The page side of the protocol: one `WorkerClient` per model worker. It is shared by every
 * element that uses the same model (see `pool.ts`): loads are joined, generations are queued,
 * and a worker that dies rejects whatever was waiting on it.
 */
import type { ProgressReport } from '../../types.js';
import type { CompletionChunk, CompletionMessage, CompletionRequest } from '../engine.js';
import type { TokenCount } from '../runtime.js';
import type { ModelSpec, PreflightResult, WireError, WorkerRequest, WorkerResponse } from '../protocol.js';
import { stallWatch } from '../stall-watch.js';

type Pending = {
  resolve(value: unknown): void;
  reject(error: WireError): void;
  onProgress?(report: ProgressReport): void;
  onChunk?(chunk: CompletionChunk): void;
};

type Outgoing = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/**
 * A load with no word from the worker for this long: its thread is stuck (the worker's own watchdog,
 * 2 minutes from llama.cpp's last read, cannot fire then). The worker is ended and the load fails
 * with `ModelLoadStalledError`, recoverable: Try again starts a fresh worker.
 */
export const LOAD_STALL_MS = 180_000;

export const WORKER_DIED: WireError = {
  name: 'WorkerDied',
  message: 'The model worker stopped unexpectedly',
};

export class WorkerClient {
  #worker: Worker;
  #nextId = 1;
  #pending = new Map<number, Pending>();
  #dead: WireError | undefined;
  #load: Promise<PreflightResult> | undefined;
  #progressListeners = new Set<(report: ProgressReport) => void>();
  #queue: Promise<unknown> = Promise.resolve();
  #exitListeners = new Set<(error: WireError) => void>();
  #stallMs: number;

  constructor(worker: Worker, { stallMs = LOAD_STALL_MS }: { stallMs?: number } = {}) {
    this.#worker = worker;
    this.#stallMs = stallMs;
    worker.addEventListener('message', (event: MessageEvent<WorkerResponse>) => this.#receive(event.data));
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      // `spawn.ts` names why an entry did not start (`error.name`: `WorkerFilesMissing`,
      // `ContentSecurityPolicyError`).
      const name = (event.error as { name?: unknown } | null | undefined)?.name;
      this.#die({
        ...WORKER_DIED,
        ...(typeof name === 'string' ? { name } : {}),
        message: `${WORKER_DIED.message}: ${event.message || 'it failed to start'}`,
      });
    });
    worker.addEventListener('messageerror', () => this.#die(WORKER_DIED));
    this.#watchLife();
  }

  /**
   * A worker can end without an error event (`self.close()`, or killed by the browser). It holds a
   * Web Lock for its whole life; the page asks for the same lock and is granted it when the worker
   * is gone, whatever the way.
   */
  #watchLife() {
    const locks = globalThis.navigator?.locks;
    if (!locks) return;
    const name = `ai-chat-worker-${Math.random().toString(36).slice(2)}-${Date.now()}`;
    const stop = new AbortController();
    this.#exitListeners.add(() => stop.abort());
    this.#request<undefined>({ type: 'hold', name }).done.then(
      () =>
        locks
          .request(name, { signal: stop.signal }, () =>
            this.#die({ ...WORKER_DIED, message: `${WORKER_DIED.message}: it exited` }),
          )
          .catch(() => undefined),
      () => undefined,
    );
  }

  /** Call `listener` once when the worker dies or is terminated; returns an unsubscribe function. */
  onExit(listener: (error: WireError) => void): () => void {
    this.#exitListeners.add(listener);
    return () => this.#exitListeners.delete(listener);
  }

  get alive(): boolean {
    return !this.#dead;
  }

  #receive(message: WorkerResponse) {
    const pending = this.#pending.get(message.id);
    if (!pending) return;
    switch (message.type) {
      case 'progress':
        return pending.onProgress?.(message.report);
      case 'chunk':
        return pending.onChunk?.(message.chunk);
      case 'result':
        this.#pending.delete(message.id);
        return pending.resolve(message.value);
      case 'error':
        this.#pending.delete(message.id);
        return pending.reject(message.error);
    }
  }

  #die(error: WireError) {
    if (this.#dead) return;
    this.#dead = error;
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
    this.#worker.terminate();
    this.#exitListeners.forEach((listener) => listener(error));
  }

  #request<T>(
    message: Outgoing,
    handlers: Omit<Pending, 'resolve' | 'reject'> = {},
  ): { id: number; done: Promise<T> } {
    const id = this.#nextId++;
    const done = new Promise<T>((resolve, reject) => {
      if (this.#dead) return reject(this.#dead);
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject, ...handlers });
      this.#worker.postMessage({ ...message, id } as WorkerRequest);
    });
    return { id, done };
  }

  preflight(spec: ModelSpec): Promise<PreflightResult> {
    return this.#request<PreflightResult>({ type: 'preflight', spec }).done;
  }

  /** Load the model; a second caller joins the load in progress and gets its progress too. */
  load(
    spec: ModelSpec,
    onProgress: (report: ProgressReport) => void,
    from?: ModelSpec,
  ): Promise<PreflightResult> {
    this.#progressListeners.add(onProgress);
    this.#load ??= stallWatch(
      (moved) =>
        this.#request<PreflightResult>(
          { type: 'load', spec, ...(from ? { from } : {}) },
          {
            onProgress: (report) => {
              moved();
              this.#progressListeners.forEach((listener) => listener(report));
            },
          },
        ).done,
      this.#stallMs,
    ).catch((error: unknown) => {
      this.#load = undefined;
      // Silence: the worker's thread is stuck; it is ended (and whatever else waited on it fails).
      if ((error as WireError).name === 'ModelLoadStalledError') this.#die(error as WireError);
      throw error;
    });
    const forget = () => this.#progressListeners.delete(onProgress);
    return this.#load.finally(forget);
  }

  /**
   * Stream one reply. Generations from all sharers run one at a time, in call order. Ending the
   * iteration early (break, return, `signal` aborted) interrupts that reply only.
   */
  generate(request: CompletionRequest, signal?: AbortSignal): AsyncIterable<CompletionChunk> {
    const buffer: CompletionChunk[] = [];
    let wake: (() => void) | undefined;
    let finished = false;
    let failure: WireError | undefined;
    let id: number | undefined;
    const notify = () => {
      wake?.();
      wake = undefined;
    };
    const turn = this.#queue.then(() => {
      if (signal?.aborted) return;
      const started = this.#request<undefined>(
        { type: 'generate', request },
        {
          onChunk: (chunk) => {
            buffer.push(chunk);
            notify();
          },
        },
      );
      id = started.id;
      return started.done;
    });
    this.#queue = turn.catch(() => undefined);
    turn.then(
      () => {
        finished = true;
        notify();
      },
      (error: WireError) => {
        failure = error;
        finished = true;
        notify();
      },
    );
    const interrupt = () => {
      if (id !== undefined && !finished)
        this.#request({ type: 'interrupt', target: id }).done.catch(() => undefined);
    };
    signal?.addEventListener('abort', interrupt, { once: true });
    return {
      [Symbol.asyncIterator]: () => ({
        async next(): Promise<IteratorResult<CompletionChunk>> {
          for (;;) {
            if (buffer.length) return { value: buffer.shift()!, done: false };
            if (failure) throw failure;
            if (finished || signal?.aborted) return { value: undefined, done: true };
            await new Promise<void>((resolve) => (wake = resolve));
          }
        },
        async return(): Promise<IteratorResult<CompletionChunk>> {
          interrupt();
          // Let the queue move on only when the worker is done with this reply.
          await turn.catch(() => undefined);
          return { value: undefined, done: true };
        },
      }),
    };
  }

  /** Free the model in the worker, then end the worker. Cancels a load in progress. */
  async unload(): Promise<void> {
    if (this.#dead) return;
    try {
      await Promise.race([
        this.#request<undefined>({ type: 'unload' }).done,
        new Promise((resolve) => setTimeout(resolve, 2000)),
      ]);
    } finally {
      this.terminate();
    }
  }

  /** What `messages` cost with the loaded model's tokenizer; undefined where the worker has none. */
  async count(messages: CompletionMessage[]): Promise<TokenCount | undefined> {
    return (await this.#request<TokenCount | null>({ type: 'count', messages }).done) ?? undefined;
  }

  clearCache(spec: ModelSpec): Promise<void> {
    return this.#request<undefined>({ type: 'clear-cache', spec }).done;
  }

  terminate(): void {
    this.#die({ name: 'AbortError', message: 'The model was unloaded' });
  }
}
