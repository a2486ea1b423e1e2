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

/** What a browser offers the CPU runtime, as probed in the worker (`engine/worker/wllama/environment.ts`). */
export interface WasmFeatures {
  simd: boolean;
  exceptions: boolean;
  jspi: boolean;
  memory64: boolean;
}

/** What wllama needs in either build, and the words that name it when it is missing. */
const NEEDED: ReadonlyArray<[keyof CpuEnvironment, string]> = [
  ['simd', 'WebAssembly SIMD'],
  ['exceptions', 'WebAssembly exception handling'],
  ['worker', 'workers started by a worker'],
  ['cacheApi', 'the Cache API (a page served over https)'],
];
export interface CpuEnvironment extends WasmFeatures {
  /** `Worker` exists in the worker (wllama starts its own). */
  worker: boolean;
  /** The Cache API opens (the model is kept there). */
  cacheApi: boolean;
}

/** Which build runs here, and what is missing for the CPU runtime to start at all (empty: nothing). */
export function cpuSupport(env: CpuEnvironment): { build: WasmBuild; missing: string[] } {
  return { build: wasmBuildFor(env), missing: NEEDED.filter(([key]) => !env[key]).map(([, words]) => words) };
}

/** The browser engine, from the user agent: the same wasm runs at another speed in each. */
export type BrowserEngine = 'chromium' | 'firefox' | 'webkit';
export function browserEngineOf(userAgent: string): BrowserEngine {
  if (/\bFirefox\/\d/.test(userAgent)) return 'firefox';
  // Also "HeadlessChrome/" (headless Chromium, as driven by tests and benches).
  if (/(Chrome|Chromium|Edg)\/\d/.test(userAgent)) return 'chromium';
  return /AppleWebKit\//.test(userAgent) ? 'webkit' : 'chromium';
}

/** A short measurement of this device: how fast one thread streams through int8 weights. */
export interface SpeedProbe {
  /** Bytes of int8 weights multiplied and summed per millisecond, one thread. */
  bytesPerMs: number;
}

export { CALIBRATION, FOUR_BIT_FACTOR, type Calibration } from './cpu-calibration.js';
import { CALIBRATION, FOUR_BIT_FACTOR } from './cpu-calibration.js';

export interface PredictOptions {
  threads?: number;
  build?: WasmBuild;
  engine?: BrowserEngine;
  quantization?: string;
}

/**
 * Predicted decode time per token, ms: a fixed cost per token (sampling, the token's text, the
 * messages between wllama's worker and ours: what the probe does not see) plus the weights' term.
 * Decoding reads every weight once per token, so that term is the weight bytes over this device's
 * speed at that (the probe), over the engine's and build's speedup (llama.cpp's kernels against
 * the probe's plain loop). Both constants per engine and build: `cpu-calibration.ts`. Extra threads
 * help the weights' term less than linearly.
 */
export function predictMsPerToken(
  weightBytes: number,
  probe: SpeedProbe,
  options: PredictOptions = {},
): number {
  const threads = Math.max(1, options.threads ?? 1);
  const { speedup, fixedMs } = CALIBRATION[options.engine ?? 'chromium'][options.build ?? 'jspi-memory64'];
  const perByte = /^(Q4|IQ4|Q3|Q2|IQ3|IQ2)/i.test(options.quantization ?? '') ? FOUR_BIT_FACTOR : 1;
  const perThread = (weightBytes * perByte) / Math.max(1, probe.bytesPerMs) / speedup;
  return Math.round((perThread / threads ** 0.7 + fixedMs) * 10) / 10;
}
