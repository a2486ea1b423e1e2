/**
 * Model selection, pure: which models of a list qualify on this device and within the page's
 * limits, and which is best. Used by `model="auto"` (in the worker) and unit-tested on a table
 * of devices.
 */
import type { DeviceInfo } from './device.js';

/** The fields of a WebLLM `ModelRecord` that selection reads. */
export interface RecordLike {
  model_id: string;
  vram_required_MB?: number;
  low_resource_required?: boolean;
  buffer_size_required_bytes?: number;
  required_features?: string[];
  model_type?: number;
}

export interface Limits {
  /** Largest download allowed, bytes. */
  maxDownloadBytes?: number | undefined;
  /** Largest GPU memory the model may need, MB. */
  maxMemoryMB?: number | undefined;
}

/**
 * The memory limit when the page sets none: three quarters of `navigator.deviceMemory`
 * (Chromium reports at most 8 GB, so at most 6 GB), or 4 GB where the browser does not tell.
 * Models near the device's whole memory are what crash phones and laptops.
 */
export function defaultMemoryLimitMB(device: Pick<DeviceInfo, 'deviceMemoryGB'>): number {
  return device.deviceMemoryGB ? Math.round(device.deviceMemoryGB * 1024 * 0.75) : 4096;
}

export const needsF16 = (record: RecordLike) =>
  record.required_features?.includes('shader-f16') === true ||
  /f16/i.test(record.model_id.split('-MLC')[0]!.split('-').pop() ?? '');

/** Chat models: instruction-tuned or chat variants, not embedding or vision models. */
export const isChatModel = (record: RecordLike) =>
  (record.model_type === undefined || record.model_type === 0) &&
  /instruct|chat|-it-|-it$/i.test(record.model_id);

/** Why a record cannot run here, or `undefined` when it can (download size is checked apart). */
export function refusal(
  record: RecordLike,
  device: DeviceInfo,
  limits: Limits,
): 'webgpu' | 'shader-f16' | 'memory' | 'buffer' | undefined {
  if (!device.webgpu) return 'webgpu';
  if (needsF16(record) && !device.shaderF16) return 'shader-f16';
  const maxMemoryMB = limits.maxMemoryMB ?? defaultMemoryLimitMB(device);
  if ((record.vram_required_MB ?? 0) > maxMemoryMB) return 'memory';
  if ((record.buffer_size_required_bytes ?? 0) > device.maxStorageBufferBindingSize) return 'buffer';
  return undefined;
}

/**
 * Parameters in billions, from the id (`8B`, `1.5B`, `360M`); where the id does not say, estimated
 * from the memory need (about 1 GB per billion at 4-bit with its runtime buffers).
 */
export function paramsBillions(record: RecordLike): number {
  const match = /(\d+(?:\.\d+)?)([BM])(?![a-z])/i.exec(record.model_id);
  if (match) return Number(match[1]) / (match[2]!.toUpperCase() === 'M' ? 1000 : 1);
  return (record.vram_required_MB ?? 0) / 1000;
}

/** Math and code models answer general chat poorly: general chat models come first. */
export const isSpecialized = (record: RecordLike) => /math|coder/i.test(record.model_id);

/** `-1k` variants trade context (1,024 tokens) for memory: a chat needs its context. */
export const isShortContext = (record: RecordLike) => /-1k$/i.test(record.model_id);

/** Plain code-unit order (not locale order, which may ignore `-` and `.`). */
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Candidates for `model="auto"`, best first: chat models that run on this device within the
 * memory limit; general chat models before math and code models; full-context models before
 * `-1k` variants; then the most parameters (the most capable model); at equal size f16 before f32
 * (faster and smaller where the device supports it), the smaller memory need, and finally the id
 * in reverse code-unit order (`Llama-3.1-…` before `Llama-3-…`, `Qwen2.5` before `Qwen2`: newer
 * versions first), so the order is deterministic. The caller takes the first whose download size
 * fits `maxDownloadBytes`.
 */
export function rankCandidates<R extends RecordLike>(
  records: readonly R[],
  device: DeviceInfo,
  limits: Limits,
): R[] {
  return records
    .filter((record) => isChatModel(record) && refusal(record, device, limits) === undefined)
    .sort(
      (a, b) =>
        Number(isSpecialized(a)) - Number(isSpecialized(b)) ||
        Number(isShortContext(a)) - Number(isShortContext(b)) ||
        paramsBillions(b) - paramsBillions(a) ||
        Number(needsF16(b)) - Number(needsF16(a)) ||
        (a.vram_required_MB ?? 0) - (b.vram_required_MB ?? 0) ||
        byCodeUnits(b.model_id, a.model_id),
    );
}
