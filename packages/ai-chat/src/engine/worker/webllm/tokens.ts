/**
 * What WebLLM's loaded model can tell about tokens: its context window, and counts with its own
 * tokenizer. web-llm 0.2.86 keeps both inside `MLCEngine` (its loaded pipeline's `tokenizer` and
 * chat config, fields it does not declare public): they are read by shape, and where they are not
 * there (another web-llm) the window comes from the model's config and the page estimates counts.
 */
import { MESSAGE_OVERHEAD, REQUEST_OVERHEAD } from '../../../fit/context.js';
import type { ChatConfigLike } from '../../../fit/estimate.js';
import type { CompletionMessage } from '../../engine.js';
import type { TokenCount } from '../../runtime.js';

interface Encoder {
  encode(text: string): ArrayLike<number>;
}

/** The values of one of the engine's maps by model id (`loadedModelIdTo…`), when it has it. */
function loaded(engine: unknown, field: string): unknown[] {
  const map = (engine as Record<string, unknown> | null)?.[field];
  return map instanceof Map ? [...map.values()] : [];
}

/** The loaded model's tokenizer, or undefined. */
export function tokenizerOf(engine: unknown): Encoder | undefined {
  for (const pipeline of loaded(engine, 'loadedModelIdToPipeline')) {
    const tokenizer = (pipeline as { tokenizer?: Partial<Encoder> } | null)?.tokenizer;
    if (typeof tokenizer?.encode === 'function') return tokenizer as Encoder;
  }
  return undefined;
}

/**
 * What `messages` cost with WebLLM's tokenizer: each message's text, plus the role and separators
 * its conversation template adds (about `MESSAGE_OVERHEAD`); undefined without a tokenizer.
 */
export function countWith(engine: unknown, messages: CompletionMessage[]): TokenCount | undefined {
  const tokenizer = tokenizerOf(engine);
  if (!tokenizer) return undefined;
  return {
    each: messages.map((m) => tokenizer.encode(m.content).length + MESSAGE_OVERHEAD),
    fixed: REQUEST_OVERHEAD,
  };
}

const positive = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n > 0;

/**
 * The context window the model runs with: the loaded chat config's, else the model's config with
 * its record's overrides. Undefined with a sliding window (WebLLM then never overflows) or unknown.
 */
export function contextWindowOf(
  engine: unknown,
  config: ChatConfigLike,
  overrides: Record<string, unknown> = {},
): number | undefined {
  const [chat] = loaded(engine, 'loadedModelIdToChatConfig') as Array<ChatConfigLike | undefined>;
  const merged = { ...config, ...overrides, ...chat } as ChatConfigLike;
  if (positive(merged.sliding_window_size)) return undefined;
  const window = merged.context_window_size ?? merged.model_config?.context_window_size;
  return positive(window) ? window : undefined;
}
