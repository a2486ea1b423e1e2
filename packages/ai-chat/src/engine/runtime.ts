/**
 * The one interface the element's controllers talk to, whatever runs the model: the shared model
 * worker (WebLLM on WebGPU, llama.cpp on the CPU), the browser's own model (the Prompt API, on the
 * page), or an engine the page hands in (`el.engine`). The controllers hold one `Runtime` and never
 * ask which kind it is. Adding a runtime is one adapter implementing this interface, one row in
 * `page/registry.ts`, and its tests. Types only: importing this module costs nothing at run time.
 */
import type { ProgressReport } from '../types.js';
import type { CompletionChunk, CompletionRequest } from './engine.js';

/** The runtimes a page can list in `runtime`, in order of preference. */
export type RuntimeKind = 'webgpu' | 'wasm' | 'builtin';

/** What a runtime knows of its model before the first byte, and after it loads. */
export interface RuntimeModel {
  /** The resolved model id (`auto` resolved). */
  id: string;
  /** Which runtime runs it: one of `RuntimeKind`, or `custom` for a page-supplied engine. */
  runtime: RuntimeKind | 'custom';
  /** A friendly name for the visitor ("Llama 3.2 · 1B"), when the runtime knows one. */
  label?: string;
  /** Bytes to download (0 when nothing is downloaded, or unknown). */
  downloadBytes: number;
  /** Memory the model needs, MB (GPU memory on WebGPU, RAM on the CPU; 0 when unknown). */
  vramMB: number;
  /** True when nothing is left to download. */
  cached: boolean;
  /** The memory limit this device sets when the page sets none, bytes (0: no limit known). */
  memoryLimitBytes: number;
  /** The predicted decode speed on this device, ms per token (CPU runtime). */
  predictedMsPerToken?: number;
  /** The browser itself downloads the model, size unknown (built-in runtime, `downloadable`). */
  browserDownload?: boolean;
}

export interface Runtime {
  /**
   * Before the first byte: which model, what it costs, whether this device can run it. Rejects with
   * the reason it cannot (a coded error); never downloads weights.
   */
  preflight(signal: AbortSignal): Promise<RuntimeModel>;
  /** Download and start the model, reporting progress; resolves when a reply can be asked for. */
  load(onProgress: (report: ProgressReport) => void, signal: AbortSignal): Promise<RuntimeModel>;
  /**
   * Stream one reply to the whole conversation in `request`. Aborting `signal` (or ending the
   * iteration early) stops it; the runtime frees its engine for the next reply by itself.
   */
  generate(request: CompletionRequest, signal: AbortSignal): AsyncIterable<CompletionChunk>;
  /** Free the model (a shared worker ends when no element uses it). Never rejects. */
  unload(): Promise<void>;
  /** Remove the model's downloaded files, where the runtime downloads any. */
  clearCache(): Promise<void>;
  /** Call `listener` once if the runtime dies on its own (a worker crash); returns an unsubscribe. */
  onExit(listener: (error: unknown) => void): () => void;
}
