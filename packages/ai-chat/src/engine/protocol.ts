/**
 * The message protocol between the page and the model worker. Our own, small and typed, so the
 * page never imports web-llm. Each request carries an `id`; the worker answers with `progress`
 * or `chunk` messages for that id, then exactly one `result` or `error`.
 */
import type { DeviceInfo } from '../fit/device.js';
import type { ProgressReport } from '../types.js';
import type { CompletionChunk, CompletionRequest } from './engine.js';
import { isUnavailable } from './errors.js';
import type { Overflow } from './overflow.js';
import type { WorkerKind } from './kinds.js';
import type { RuntimeModel } from './runtime.js';

/** Which model to prepare: a WebLLM `model_id`, or a self-hosted model (`modelUrl` + `modelLibUrl`). */
export interface ModelSpec {
  model: string;
  /** The worker runtimes allowed, in order of preference (the page always says; absent: every one). */
  runtimes?: WorkerKind[];
  modelUrl?: string;
  modelLibUrl?: string;
  /** Limits for `auto`: the largest download and GPU memory (bytes) the chosen model may need. */
  maxDownloadBytes?: number;
  maxMemoryBytes?: number;
  /** For `auto` on the CPU: the largest model predicted under this many ms per token is preferred (default `DEFAULT_LATENCY_THRESHOLD`). */
  latencyThresholdMs?: number;
}

/**
 * What the worker learned before the first byte of weights (see the `fit` modules): the model as a
 * runtime knows it, which worker runtime runs it, and what this device offers.
 */
export interface PreflightResult extends Omit<RuntimeModel, 'runtime' | 'download'> {
  runtime: WorkerKind;
  device: DeviceInfo;
}

export type WorkerRequest =
  | { type: 'preflight'; id: number; spec: ModelSpec }
  /** `from`: the spec whose preflight chose the model `spec` names (this worker may have run it). */
  | { type: 'load'; id: number; spec: ModelSpec; from?: ModelSpec }
  | { type: 'generate'; id: number; request: CompletionRequest }
  /** Count what messages cost with the loaded model's tokenizer: `TokenCount`, or null without one. */
  | { type: 'count'; id: number; messages: CompletionRequest['messages'] }
  | { type: 'interrupt'; id: number; target: number }
  | { type: 'unload'; id: number }
  /** Hold the Web Lock `name` for the worker's whole life: the page learns of any exit when it is freed. */
  | { type: 'hold'; id: number; name: string }
  | { type: 'clear-cache'; id: number; spec: ModelSpec };

/** An error as it crosses the worker boundary: WebLLM's class name and message. */
export interface WireError {
  name: string;
  message: string;
  /** Plain words for the visitor, set only by our own code where the error is thrown. */
  detail?: string;
  /** This runtime cannot serve here: the page tries its next runtime (see `isUnavailable`). */
  unavailable?: true;
  /** A context overflow's count, where the runtime gave one (see `overflow`). */
  tokens?: Overflow;
}

export type WorkerResponse =
  | { type: 'progress'; id: number; report: ProgressReport }
  | { type: 'chunk'; id: number; chunk: CompletionChunk }
  | { type: 'result'; id: number; value?: unknown }
  | { type: 'error'; id: number; error: WireError };

const tokensOf = (error: Error): { tokens?: Overflow } => {
  const { tokens } = error as { tokens?: Overflow };
  return tokens ? { tokens } : {};
};

export function toWireError(error: unknown): WireError {
  const detail = (error as { detail?: unknown } | null)?.detail;
  if (error instanceof Error)
    return {
      name: error.name,
      message: error.message,
      ...(typeof detail === 'string' ? { detail } : {}),
      ...(isUnavailable(error) ? { unavailable: true } : {}),
      ...tokensOf(error),
    };
  if (typeof error === 'object' && error && 'message' in error)
    return { name: String((error as { name?: unknown }).name ?? 'Error'), message: String(error.message) };
  return { name: 'Error', message: String(error) };
}
