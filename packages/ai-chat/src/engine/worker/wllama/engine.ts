/**
 * wllama's streaming chat completion as the OpenAI-style chunks the element reads. Chunks are not
 * tokens (wllama joins a character's bytes), so the figures come from llama.cpp's own timings
 * (`predicted_n`, `prompt_n`, …, sent with every chunk), in a last chunk's `usage` as WebLLM gives
 * them. An abort (`stop()`) ends the stream before the next token; the usage still comes, counting
 * every token generated.
 */
import type { Wllama } from '@wllama/wllama';
import type { ChatEngine, CompletionChunk, CompletionRequest, CompletionUsage } from '../../engine.js';

interface Timings {
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

/** llama.cpp's timings as WebLLM's `usage` (its `extra` figures). */
export function usageFromTimings(t: Timings): CompletionUsage {
  return {
    prompt_tokens: t.prompt_n,
    completion_tokens: t.predicted_n,
    total_tokens: t.prompt_n + t.predicted_n,
    extra: {
      prefill_tokens_per_s: t.prompt_per_second,
      decode_tokens_per_s: t.predicted_per_second,
      time_to_first_token_s: t.prompt_ms / 1000,
      time_per_output_token_s: t.predicted_per_token_ms / 1000,
    },
  };
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
    if (!signal.aborted) throw error;
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
          const stream = await getWllama().createChatCompletion({
            messages: request.messages,
            stream: true,
            timings_per_token: true,
            abortSignal: controller.signal,
            ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
            ...(request.max_tokens !== undefined ? { max_tokens: request.max_tokens } : {}),
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
