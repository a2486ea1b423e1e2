/**
 * wllama's streaming chat completion as the OpenAI-style chunks the element reads. Chunks are not
 * tokens (wllama joins a character's bytes), so the figures come from llama.cpp's own timings
 * (`predicted_n`, `prompt_n`, …, sent with every chunk), in a last chunk's `usage` as WebLLM gives
 * them. An abort (`stop()`) ends the stream before the next token; the usage still comes, counting
 * every token generated.
 *
 * llama.cpp keeps the conversation's KV cache between requests (`cache_prompt`), and with
 * `CACHE_REUSE` at load it also reuses what follows a cut in the history (shifting it in the
 * cache): a turn costs its own message. Its refusal of a request longer than the context comes
 * before anything is evaluated, with its own count: it becomes WebLLM's overflow error with that
 * count (`overflow`), which the page fits the next request by.
 */
import type { Wllama } from '@wllama/wllama';
import type { ChatEngine, CompletionChunk, CompletionRequest, CompletionUsage } from '../../engine.js';
import { overflow } from '../../overflow.js';

/** wllama's load options that keep llama.cpp's cache useful after a cut (tokens of the smallest chunk reused). */
export const CACHE_REUSE = { n_cache_reuse: 64 } as const;

interface Timings {
  /** Prompt tokens read from the cache (absent in older builds). */
  cache_n?: number;
  prompt_n: number;
  prompt_ms: number;
  prompt_per_second: number;
  predicted_n: number;
  predicted_per_token_ms: number;
  predicted_per_second: number;
}

interface WllamaChunk {
  choices?: Array<{ delta?: { content?: string | null }; finish_reason?: string | null }>;
  timings?: Timings;
}

/**
 * llama.cpp's timings as OpenAI's `usage` (the whole prompt, of which `cached_tokens` came from the
 * cache) with WebLLM's `extra` figures.
 */
export function usageFromTimings(t: Timings): CompletionUsage {
  const cached = t.cache_n ?? 0;
  return {
    prompt_tokens: t.prompt_n + cached,
    prompt_tokens_details: { cached_tokens: cached },
    completion_tokens: t.predicted_n,
    total_tokens: t.prompt_n + cached + t.predicted_n,
    extra: {
      prefill_tokens_per_s: t.prompt_per_second,
      decode_tokens_per_s: t.predicted_per_second,
      time_to_first_token_s: t.prompt_ms / 1000,
      time_per_output_token_s: t.predicted_per_token_ms / 1000,
    },
  };
}

/** A value in a log line as words: an object by its message and type, never `[object Object]`. */
function inWords(value: unknown): string {
  if (typeof value !== 'object' || value === null) return String(value);
  const { message, type } = value as { message?: unknown; type?: unknown };
  if (typeof message === 'string') return typeof type === 'string' ? `${message} (${type})` : message;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/**
 * wllama's logger: quiet but for errors, said in words. A request longer than the context is no
 * error to log: the page fits the next request by it.
 */
export const wllamaLogger = {
  debug() {},
  log() {},
  warn() {},
  error(...args: unknown[]) {
    if (args.some((a) => (a as { type?: unknown } | null)?.type === 'exceed_context_size_error')) return;
    console.error(args.map(inWords).join(' '));
  },
};

/** llama.cpp's words for a request longer than the context (a known shape). */
const TOO_LONG = /request \((\d+) tokens\) exceeds the available context size \((\d+) tokens\)/;

/** llama.cpp's refusal of a request longer than the context as WebLLM's error, with its count. */
export function overflowFrom(error: unknown): unknown {
  const message = (error as { message?: unknown } | null)?.message;
  const words = typeof message === 'string' ? TOO_LONG.exec(message) : null;
  return words ? overflow(message as string, { needed: Number(words[1]), window: Number(words[2]) }) : error;
}

async function* adapt(
  stream: AsyncIterable<WllamaChunk>,
  signal: AbortSignal,
): AsyncGenerator<CompletionChunk> {
  let timings: Timings | undefined;
  let stopped = false;
  try {
    for await (const chunk of stream) {
      if (chunk.timings) timings = chunk.timings;
      // After an interrupt nothing more is passed on, but the stream is read to its end (wllama,
      // given the signal, ends it at once): the usage then counts every token llama.cpp generated,
      // which is what the interrupt test checks, and wllama's AbortError is awaited here.
      if (stopped) continue;
      const choice = chunk.choices?.[0];
      if (choice?.delta?.content || choice?.finish_reason)
        yield {
          choices: [
            { delta: { content: choice.delta?.content ?? '' }, finish_reason: choice.finish_reason ?? null },
          ],
        };
      stopped = signal.aborted;
    }
  } catch (error) {
    if (!signal.aborted) throw overflowFrom(error);
  }
  if (timings && timings.predicted_n > 0) yield { choices: [], usage: usageFromTimings(timings) };
}

export function wllamaEngine(getWllama: () => Wllama): ChatEngine {
  let current: AbortController | undefined;
  return {
    chat: {
      completions: {
        async create(request: CompletionRequest) {
          const controller = new AbortController();
          current = controller;
          const stream = await getWllama()
            .createChatCompletion({
              messages: request.messages,
              stream: true,
              timings_per_token: true,
              // The conversation's KV cache stays between turns: only what is new is evaluated.
              cache_prompt: true,
              abortSignal: controller.signal,
              ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
              ...(request.max_tokens !== undefined ? { max_tokens: request.max_tokens } : {}),
            })
            .catch((error: unknown) => {
              throw overflowFrom(error);
            });
          return adapt(stream as AsyncIterable<WllamaChunk>, controller.signal);
        },
      },
    },
    interruptGenerate() {
      current?.abort();
    },
  };
}
