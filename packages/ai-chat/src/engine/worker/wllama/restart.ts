/**
 * A llama.cpp module that crashed (an abort inside llama.cpp: wllama rejects with its
 * `RuntimeError` "(ABORT) …", and answers every later call "wllama has crashed, please reload the
 * module") is dead for good. The CPU backend's engine goes through `restartable`: a crash marks the
 * instance dead, and the next reply first starts a fresh instance from the cached file, so that
 * Try again works.
 */
import type { ChatEngine, CompletionChunk } from '../../engine.js';

/** Whether `error` says the module is dead (not a failure of one request, which leaves it working). */
export function isModuleCrash(error: unknown): boolean {
  const message = String((error as { message?: unknown } | null)?.message ?? error);
  return message.startsWith('(ABORT)') || message.includes('please reload the module');
}

export interface Restart {
  /** The module crashed: the next reply needs a fresh instance. */
  crashed(): void;
  /** Resolves when a live instance is there (starting a fresh one after a crash). */
  ready(): Promise<void>;
}

export function restartable(engine: ChatEngine, restart: Restart): ChatEngine {
  const watch = (error: unknown) => {
    if (isModuleCrash(error)) restart.crashed();
    return error;
  };
  async function* watched(stream: AsyncIterable<CompletionChunk>): AsyncGenerator<CompletionChunk> {
    try {
      yield* stream;
    } catch (error) {
      throw watch(error);
    }
  }
  return {
    chat: {
      completions: {
        async create(request) {
          await restart.ready();
          try {
            return watched(await engine.chat.completions.create(request));
          } catch (error) {
            throw watch(error);
          }
        },
      },
    },
    interruptGenerate: () => engine.interruptGenerate?.(),
  };
}
