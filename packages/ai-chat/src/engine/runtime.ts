/**
 * The one interface the element's controllers talk to, whatever runs the model: the shared model
 * worker (WebLLM on WebGPU, llama.cpp on the CPU), the browser's own model (the Prompt API, on the
 * page), or an engine the page hands in (`el.engine`). The controllers hold one `Runtime` and never
 * ask which kind it is. Adding a runtime: see "Where things are" in the package README. Types
 * only: importing this module costs nothing at run time.
 */
import type { ModelInfo, ProgressReport } from '../types.js';
import type { CompletionChunk, CompletionMessage, CompletionRequest } from './engine.js';
import type { RuntimeKind } from './kinds.js';

export type { RuntimeKind };

/**
 * What the element shows of a model: what the page sees (`ModelInfo`), and who downloads it, so
 * that the consent card words it without asking which runtime runs it.
 */
export interface ShownModel extends ModelInfo {
  /**
   * Absent: we download the model's files (`downloadBytes`, nothing when `cached`). `browser`: the
   * model is the browser's own, which the browser downloads itself first when `browserDownload`.
   */
  download?: 'browser';
  /**
   * Nothing to download or load on this device (the browser's own model when available, a model
   * another tab holds): the element starts it without a consent card.
   */
  free?: true;
  /**
   * A load of this model, or (for `auto`) of a larger one, died with the page before: said on the
   * card, and as a memory threshold (`limit` what this device is now held to, `actual` its need).
   */
  crash?: { model: string; label?: string | undefined; limit: number; actual: number };
}

/** What a runtime knows of its model before the first byte, and after it loads. */
export interface RuntimeModel extends ShownModel {
  /** Which runtime runs it: one of `RuntimeKind`, or `custom` for a page-supplied engine. */
  runtime: RuntimeKind | 'custom';
  /** The memory limit this device sets when the page sets none, bytes (0: no limit known). */
  memoryLimitBytes: number;
}

/** What messages cost in a request, counted with the model's own tokenizer. */
export interface TokenCount {
  /** Tokens of each message, its chat template's share included. */
  each: number[];
  /** Tokens every request adds around its messages (the template's start, the generation prompt). */
  fixed: number;
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
  /**
   * Count what `messages` cost with the loaded model's own tokenizer. Absent, or resolving
   * undefined: the runtime has no tokenizer at hand, and the element estimates (`fit/context.ts`).
   */
  countTokens?(messages: CompletionMessage[], signal: AbortSignal): Promise<TokenCount | undefined>;
  /** Free the model (a shared worker ends when no element uses it). Never rejects. */
  unload(): Promise<void>;
  /** Remove the model's downloaded files, where the runtime downloads any. */
  clearCache(): Promise<void>;
  /** Call `listener` once if the runtime dies on its own (a worker crash); returns an unsubscribe. */
  onExit(listener: (error: unknown) => void): () => void;
}
