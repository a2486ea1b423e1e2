/**
 * The narrow engine interface `<ai-chat>` talks to: the subset of WebLLM's `MLCEngineInterface`
 * it uses. A page may hand in any object of this shape (`el.engine = ...`): a remote
 * OpenAI-compatible endpoint, another runtime, or a scripted engine for stories and tests.
 * Types only: importing this module costs nothing at run time.
 */
import type { ChatRole } from '../types.js';

export interface CompletionMessage {
  role: ChatRole;
  content: string;
}

export interface CompletionRequest {
  messages: CompletionMessage[];
  stream: true;
  stream_options?: { include_usage?: boolean };
  temperature?: number;
  max_tokens?: number;
}

/** `usage.extra` as WebLLM reports it on the last chunk. */
export interface UsageExtra {
  prefill_tokens_per_s?: number;
  decode_tokens_per_s?: number;
  time_to_first_token_s?: number;
  time_per_output_token_s?: number;
}

export interface CompletionUsage {
  /** Tokens of the whole prompt, those read from a cache included. */
  prompt_tokens?: number;
  /** Of `prompt_tokens`, those read from the runtime's cache rather than evaluated (OpenAI's field). */
  prompt_tokens_details?: { cached_tokens?: number } | null;
  completion_tokens?: number;
  total_tokens?: number;
  extra?: UsageExtra;
}

export interface CompletionChunk {
  choices: Array<{ delta?: { content?: string | null }; finish_reason?: string | null }>;
  usage?: CompletionUsage | null;
}

/** WebLLM's `InitProgressReport`. */
export interface InitProgressReport {
  progress: number;
  timeElapsed?: number;
  text: string;
}

export interface ChatEngine {
  chat: {
    completions: {
      create(request: CompletionRequest): Promise<AsyncIterable<CompletionChunk>>;
    };
  };
  /** Load `model`. Optional: engines without it are ready at once. */
  reload?(model: string, options?: unknown): Promise<void>;
  unload?(): Promise<void>;
  interruptGenerate?(): void;
  setInitProgressCallback?(callback: (report: InitProgressReport) => void): void;
  /** Tokens the engine's model reads at once: the element then fits each request into them. */
  contextWindow?: number;
}
