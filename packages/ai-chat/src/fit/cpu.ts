/**
 * Fit on the CPU runtime (llama.cpp in WebAssembly), pure: a GGUF model's shape from its header,
 * the memory it needs for the context used, the wasm build this browser needs, and the decode
 * speed predicted from a short probe of this device.
 */

/** What the CPU runtime needs to know of a model, from its GGUF header or the catalog. */
export interface CpuModelShape {
  architecture: string;
  layers: number;
  embedding: number;
  heads: number;
  kvHeads: number;
  /** Size of one attention head (key/value), usually embedding / heads. */
  headDim: number;
  /** The context the model was trained for. */
  contextLength: number;
  /** Bytes of all tensors (about the file's size). */
  weightBytes: number;
  /** ggml type name of most weights ("Q8_0", "Q4_K"). */
  quantization: string;
}

/** The context the CPU runtime opens: the model's, capped (a longer one costs memory and speed). */
export const CPU_CONTEXT_CAP = 4096;
export const contextToUse = (shape: Pick<CpuModelShape, 'contextLength'>, cap = CPU_CONTEXT_CAP) =>
  Math.max(256, Math.min(shape.contextLength || cap, cap));

/** KV cache bytes for `context` tokens: keys and values, f16, every layer. */
export function kvCacheBytes(shape: CpuModelShape, context: number): number {
  return 2 * shape.layers * context * shape.kvHeads * shape.headDim * 2;
}

/**
 * Memory the model needs on the CPU, bytes: its weights, the KV cache of the context used, and
 * llama.cpp's compute buffers (estimated: a tenth of the weights, at least 64 MiB).
 */
export function cpuMemoryBytes(shape: CpuModelShape, context = contextToUse(shape)): number {
  return shape.weightBytes + kvCacheBytes(shape, context) + Math.max(64 * 2 ** 20, shape.weightBytes / 10);
}

/** Which of wllama's two builds this browser runs: the fast one needs JSPI and Memory64. */
export type WasmBuild = 'jspi-memory64' | 'compat';
export const wasmBuildFor = (features: { jspi: boolean; memory64: boolean }): WasmBuild =>
  features.jspi && features.memory64 ? 'jspi-memory64' : 'compat';

/** A short measurement of this device: how fast one thread streams through int8 weights. */
export interface SpeedProbe {
  /** Bytes of int8 weights multiplied and summed per millisecond, one thread. */
  bytesPerMs: number;
}

/**
 * Predicted decode time per token, ms. Decoding reads every weight once per token, so the time is
 * the weight bytes over this device's speed at that, times a factor measured on generated models
 * (llama.cpp's kernels against the probe's plain loop, see the bench), plus a fixed cost per token.
 * Extra threads help less than linearly; the compat build is slower.
 */
export function predictMsPerToken(
  weightBytes: number,
  probe: SpeedProbe,
  options: { threads?: number; build?: WasmBuild; quantization?: string } = {},
): number {
  const threads = Math.max(1, options.threads ?? 1);
  // 4-bit weights cost more work per byte (two weights per byte, unpacked).
  const perByte = /^(Q4|IQ4|Q3|Q2|IQ3|IQ2)/i.test(options.quantization ?? '') ? FOUR_BIT_FACTOR : 1;
  const perThread = (weightBytes * perByte) / Math.max(1, probe.bytesPerMs) / CALIBRATION;
  const ms = perThread / threads ** 0.7 + FIXED_MS_PER_TOKEN;
  return Math.round(ms * (options.build === 'compat' ? 1.6 : 1) * 10) / 10;
}

/**
 * llama.cpp's speed over the probe's, per byte of 8-bit weights: about 2.5, measured here on
 * generated q8_0 models of 3.6 to 91 MB through <ai-chat> (one thread, wllama 3.13; `pnpm bench`
 * prints predicted against measured). On this oversubscribed machine runs scattered by up to 2×.
 */
export const CALIBRATION = 2.5;
/** The same for 4-bit weights, per byte: about 2.5 times slower (a generated q4_0 model of 14 MB). */
export const FOUR_BIT_FACTOR = 2.5;
export const FIXED_MS_PER_TOKEN = 2;
