/**
 * What a model costs, estimated before any request. Pure.
 *
 * - `estimateDownloadBytes`: a prebuilt model's download from what its id and record say (the
 *   parameter count, the quantization, a model library and tokenizer), good enough to rank and
 *   filter the whole list; the preflight then measures the chosen model to the byte.
 * - `estimateMemoryMB`: a self-hosted model's GPU memory need from its weights (to the byte) and its
 *   config (the KV cache for the context window). An estimate: WebLLM adds its own buffers.
 */
/** The fields of a WebLLM `ModelRecord` that estimates and selection read. */
export interface RecordLike {
  model_id: string;
  vram_required_MB?: number;
  low_resource_required?: boolean;
  buffer_size_required_bytes?: number;
  required_features?: string[];
  model_type?: number;
}

/** Families whose ids name no size, in billions of parameters. */
const KNOWN_SIZES: Array<[RegExp, number]> = [
  [/phi-3(?:\.5)?-mini/i, 3.8],
  [/phi-4-mini/i, 3.8],
  [/phi-2/i, 2.7],
  [/phi-1_5/i, 1.4],
];

/**
 * Parameters in billions, from the id (`8B`, `1.5B`, `360M`, `1_6b`) or the family (`Phi-3.5-mini`);
 * where neither says, estimated from the memory need (about 1 GB per billion at 4-bit with its
 * runtime buffers).
 */
export function paramsBillions(record: RecordLike): number {
  const known = KNOWN_SIZES.find(([pattern]) => pattern.test(record.model_id));
  if (known) return known[1];
  const match = /(?<![a-z\d])e?(\d+(?:[._]\d+)?)([BM])(?![a-z])/i.exec(record.model_id);
  if (match) return Number(match[1]!.replace('_', '.')) / (match[2]!.toUpperCase() === 'M' ? 1000 : 1);
  return (record.vram_required_MB ?? 0) / 1000;
}

/**
 * Bits per weight of an MLC quantization (`q4f16_1`: 4-bit weights in groups of 32 with one
 * 16-bit scale each, 4.5 bits; `q0f32`: unquantized 32-bit). `undefined` when the id names none.
 */
export function bitsPerWeight(modelId: string): number | undefined {
  const match = /q(\d)f(16|32)(?:_\d)?/i.exec(modelId);
  if (!match) return undefined;
  const bits = Number(match[1]);
  const floatBits = Number(match[2]);
  return bits === 0 ? floatBits : bits + floatBits / 32;
}

/** Ids understate parameters (`1B` is 1.24 billion, `0.6B` 0.75, `2b` 2.6): the estimate leans up. */
const NOMINAL_PARAMS_FACTOR = 1.15;
/** The model library, tokenizer and config (a few to about 30 MB). */
const OTHER_FILES_BYTES = 20e6;

/**
 * A prebuilt model's download, bytes: its weights (parameters × bits per weight) plus the model
 * library and tokenizer, never more than the memory it needs (the weights live in GPU memory).
 */
export function estimateDownloadBytes(record: RecordLike): number {
  const bits = bitsPerWeight(record.model_id) ?? 4.5;
  const weights = paramsBillions(record) * 1e9 * NOMINAL_PARAMS_FACTOR * (bits / 8);
  const vramBytes = (record.vram_required_MB ?? 0) * 2 ** 20;
  const bounded = vramBytes > 0 ? Math.min(weights, vramBytes) : weights;
  return Math.round(bounded + OTHER_FILES_BYTES);
}

/** The fields of an `mlc-chat-config.json` the memory estimate reads. */
export interface ChatConfigLike {
  context_window_size?: number;
  sliding_window_size?: number;
  prefill_chunk_size?: number;
  quantization?: string;
  model_config?: {
    num_hidden_layers?: number;
    num_attention_heads?: number;
    num_key_value_heads?: number;
    hidden_size?: number;
    head_dim?: number;
    context_window_size?: number;
  };
}

/**
 * A self-hosted model's GPU memory need, MB: its weights, plus the KV cache for the context window
 * (keys and values, per layer and KV head, in 16-bit floats or 32-bit for `f32` quantizations).
 * Where the config does not describe the layers, the weights alone (a lower bound).
 */
export function estimateMemoryMB(weightBytes: number, config: ChatConfigLike = {}): number {
  const model = config.model_config ?? {};
  const context =
    config.sliding_window_size && config.sliding_window_size > 0
      ? config.sliding_window_size
      : (config.context_window_size ?? model.context_window_size ?? 0);
  const layers = model.num_hidden_layers ?? 0;
  const heads = model.num_attention_heads ?? 0;
  const kvHeads = model.num_key_value_heads ?? heads;
  const headDim = model.head_dim ?? (heads > 0 && model.hidden_size ? model.hidden_size / heads : 0);
  const floatBytes = /f32/i.test(config.quantization ?? '') ? 4 : 2;
  const kvCache = 2 * layers * kvHeads * headDim * Math.max(0, context) * floatBytes;
  return (weightBytes + kvCache) / 2 ** 20;
}
