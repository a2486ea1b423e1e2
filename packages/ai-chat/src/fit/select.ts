/**
 * Model selection, pure: which models of a list qualify on this device and within the page's
 * limits, and which is best. Used by `model="auto"` (in the worker) and unit-tested on a table
 * of devices.
 */
import { defaultMemoryLimitMB, type DeviceInfo } from './device.js';
import { estimateDownloadBytes, paramsBillions, type RecordLike } from './estimate.js';
import { checkLimits } from './limits.js';

export { paramsBillions };
export type { RecordLike };

export interface Limits {
  /** Largest download allowed, bytes. */
  maxDownloadBytes?: number | undefined;
  /** Largest GPU memory the model may need, MB. */
  maxMemoryMB?: number | undefined;
}

export const needsF16 = (record: RecordLike) =>
  record.required_features?.includes('shader-f16') === true ||
  /f16/i.test(record.model_id.split('-MLC')[0]!.split('-').pop() ?? '');

/**
 * Chat models: instruction-tuned or chat variants (`Instruct`, `chat`, `-it`), never an embedding,
 * vision or base model, whatever the id says.
 */
export const isChatModel = (record: RecordLike) =>
  (record.model_type === undefined || record.model_type === 0) &&
  /instruct|chat|-it-|-it$/i.test(record.model_id) &&
  !/embed|vision|-base-/i.test(record.model_id);

/** Why a record cannot run here, or `undefined` when it can (download size is checked apart). */
export function refusal(
  record: RecordLike,
  device: DeviceInfo,
  limits: Limits,
): 'no-webgpu' | 'shader-f16' | 'memory' | 'buffer' | undefined {
  if (!device.webgpu) return 'no-webgpu';
  if (needsF16(record) && !device.shaderF16) return 'shader-f16';
  const cost = {
    downloadBytes: 0,
    vramMB: record.vram_required_MB ?? 0,
    memoryLimitBytes: defaultMemoryLimitMB(device) * 2 ** 20,
  };
  const maxMemory = limits.maxMemoryMB === undefined ? undefined : limits.maxMemoryMB * 2 ** 20;
  if (checkLimits(cost, { maxMemory })) return 'memory';
  if ((record.buffer_size_required_bytes ?? 0) > device.maxStorageBufferBindingSize) return 'buffer';
  return undefined;
}

/**
 * Math and code models answer general chat poorly, and a model tuned for one language (`jpn`)
 * answers the others worse: general chat models come first.
 */
export const isSpecialized = (record: RecordLike) => /math|coder|-jpn-/i.test(record.model_id);

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

/**
 * How far an estimate may exceed `maxDownloadBytes` and still be measured: estimates lean up, and a
 * model that truly fits must not be dropped on an estimate alone.
 */
export const ESTIMATE_TOLERANCE = 1.25;

/**
 * The ranked candidates worth measuring for `maxDownloadBytes`: those whose estimated download
 * (see `estimateDownloadBytes`) is within the limit and its tolerance, in rank order. The whole
 * list is estimated, with no request; the preflight measures them in this order.
 */
export function withinDownload<R extends RecordLike>(ranked: readonly R[], maxDownloadBytes?: number): R[] {
  if (maxDownloadBytes === undefined) return [...ranked];
  return ranked.filter((r) => estimateDownloadBytes(r) <= maxDownloadBytes * ESTIMATE_TOLERANCE);
}

/**
 * The smallest chat model this device can run (WebGPU, f16, buffers), whatever the limits: what a
 * refusal names when no chat model fits. General chat models first, then the smallest estimated
 * download, the smallest memory need, the id.
 */
export function smallestChatModel<R extends RecordLike>(
  records: readonly R[],
  device: DeviceInfo,
): R | undefined {
  return records
    .filter((r) => isChatModel(r) && refusal(r, device, { maxMemoryMB: Infinity }) === undefined)
    .sort(
      (a, b) =>
        Number(isSpecialized(a)) - Number(isSpecialized(b)) ||
        estimateDownloadBytes(a) - estimateDownloadBytes(b) ||
        (a.vram_required_MB ?? 0) - (b.vram_required_MB ?? 0) ||
        byCodeUnits(a.model_id, b.model_id),
    )[0];
}
