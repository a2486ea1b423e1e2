/** Public types of `<ai-chat>`. Pure declarations: no runtime code. */
import type { RuntimeKind } from './engine/kinds.js';

/** The element's status machine. */
export type ChatStatus = 'idle' | 'checking' | 'downloading' | 'loading' | 'ready' | 'generating' | 'error';

export type ChatRole = 'system' | 'user' | 'assistant';

/** One message of the conversation. */
export interface ChatMessage {
  role: ChatRole;
  content: string;
  /** Set on an assistant message whose reply was stopped or cut before it ended. */
  interrupted?: boolean;
}

/** The figures of one reply, as in `ai-chat-stats`. */
export interface ChatStats {
  /** Time to first token, ms. */
  ttftMs: number;
  /** Decode time per output token, ms; `null` for a reply of fewer than two tokens (no decode to time). */
  msPerToken: number | null;
  /** Decode tokens per second; `null` for a reply of fewer than two tokens. */
  tokensPerSecond: number | null;
  /** Prefill (prompt) tokens per second. */
  prefillTokensPerSecond: number;
  /** Prompt tokens evaluated for this reply (those the runtime read from its cache are not counted). */
  promptTokens: number;
  completionTokens: number;
  /** The latency band of `msPerToken`; `null` when there is no per-token figure. */
  rating: LatencyRating | null;
  /** `engine` when the figures come from the engine's `usage.extra`, `measured` when from the element's clock. */
  source: 'engine' | 'measured';
}

export type LatencyRating = 'excellent' | 'good' | 'acceptable' | 'slow';

/** What the element knows about its model before (and after) loading. */
export interface ModelInfo {
  id: string;
  /** Which runtime runs it: `webgpu`, `wasm`, `builtin`, or `custom` (a page-supplied engine). */
  runtime?: RuntimeKind | 'custom';
  /** A friendly name for the visitor, when the runtime knows one. */
  label?: string;
  /** Bytes to download (0 when unknown). */
  downloadBytes: number;
  /** GPU memory needed, MB (0 when unknown). */
  vramMB: number;
  /** True when every file of the model is already in the browser's cache. */
  cached: boolean;
  /** Predicted decode speed on this device before the first byte, ms per token (CPU runtime). */
  predictedMsPerToken?: number;
  /**
   * CPU runtime: wllama's build (`jspi-memory64`, the fast one, or `compat`) and its threads; before
   * the load what this browser will run, after it what the worker loaded.
   */
  cpu?: { build: 'jspi-memory64' | 'compat'; threads: number };
  /** The browser downloads its own model, size unknown (built-in runtime). */
  browserDownload?: boolean;
  /** Tokens the model reads at once (its context window), once loaded, where the runtime says. */
  contextWindow?: number;
}

export type ProgressPhase = 'download' | 'load';

export interface ProgressReport {
  phase: ProgressPhase;
  /** 0..1 */
  progress: number;
  loadedBytes: number;
  totalBytes: number;
  text: string;
  /** Download speed, while downloading. */
  bytesPerSecond?: number;
}

export type ErrorCode =
  | 'webgpu-unavailable'
  | 'shader-f16-unsupported'
  | 'model-too-large'
  | 'insufficient-memory'
  | 'model-not-found'
  | 'invalid-attribute'
  | 'network'
  | 'quota-exceeded'
  | 'device-lost'
  | 'context-window-exceeded'
  | 'aborted'
  | 'storage'
  | 'engine';

export type ThresholdKind = 'latency' | 'model-size' | 'memory';
