/**
 * The worker side of the protocol, independent of any model runtime: it serves a `WorkerBackend`
 * (the router in `worker.ts`, a scripted engine in tests) over `postMessage`.
 */
import type { ProgressReport } from '../../types.js';
import type { ChatEngine, CompletionMessage } from '../engine.js';
import type { TokenCount } from '../runtime.js';
import {
  toWireError,
  type ModelSpec,
  type PreflightResult,
  type WorkerRequest,
  type WorkerResponse,
} from '../protocol.js';

export interface WorkerBackend<Result = PreflightResult> {
  engine: ChatEngine;
  preflight(spec: ModelSpec): Promise<Result>;
  load(spec: ModelSpec, report: (progress: ProgressReport) => void, from?: ModelSpec): Promise<Result>;
  unload(): Promise<void>;
  clearCache(spec: ModelSpec): Promise<void>;
  /** What messages cost with the loaded model's tokenizer; undefined where it has none at hand. */
  count?(messages: CompletionMessage[]): Promise<TokenCount | undefined>;
}

/** What one runtime's backend learns of its model: the router adds which runtime it is. */
export type BackendResult = Omit<PreflightResult, 'runtime'>;

/** One runtime's backend (`webllm/`, `wllama/`), served through the router. */
export type RuntimeBackend = WorkerBackend<BackendResult>;

interface Port {
  postMessage(message: WorkerResponse): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerRequest>) => void): void;
}

/** Take the Web Lock `name` and never give it back: it is freed when this worker ends, however it ends. */
function holdForLife(name: string): Promise<void> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) return Promise.resolve();
  return new Promise<void>((held) => {
    void locks.request(name, () => {
      held();
      return new Promise<never>(() => undefined);
    });
  });
}

export function serveBackend(port: Port, backend: WorkerBackend): void {
  const post = (message: WorkerResponse) => port.postMessage(message);
  /** The generation in progress (one at a time: the page side queues). */
  let generating: number | undefined;

  async function answer(id: number, work: () => Promise<unknown>) {
    try {
      post({ type: 'result', id, value: await work() });
    } catch (error) {
      post({ type: 'error', id, error: toWireError(error) });
    }
  }

  port.addEventListener('message', ({ data }) => {
    switch (data.type) {
      case 'preflight':
        return void answer(data.id, () => backend.preflight(data.spec));
      case 'load':
        return void answer(data.id, () =>
          backend.load(data.spec, (report) => post({ type: 'progress', id: data.id, report }), data.from),
        );
      case 'generate':
        generating = data.id;
        return void answer(data.id, async () => {
          try {
            const stream = await backend.engine.chat.completions.create(data.request);
            for await (const chunk of stream) post({ type: 'chunk', id: data.id, chunk });
          } finally {
            generating = undefined;
          }
        });
      case 'count':
        return void answer(data.id, async () => (await backend.count?.(data.messages)) ?? null);
      case 'interrupt':
        try {
          if (generating === data.target) backend.engine.interruptGenerate?.();
        } finally {
          post({ type: 'result', id: data.id });
        }
        return;
      case 'unload':
        return void answer(data.id, () => backend.unload());
      case 'clear-cache':
        return void answer(data.id, () => backend.clearCache(data.spec));
      case 'hold':
        return void answer(data.id, () => holdForLife(data.name));
    }
  });
}
