/**
 * The page's limits against what a model costs, before the first byte. Pure.
 * `limit` and `actual` are bytes for both kinds.
 */
import type { ErrorCode, ThresholdKind } from '../types.js';
import { formatBytes } from './size.js';

export interface Refusal {
  kind: Extract<ThresholdKind, 'model-size' | 'memory'>;
  code: Extract<ErrorCode, 'model-too-large' | 'insufficient-memory'>;
  limit: number;
  actual: number;
  /** Plain words: what it costs against what is allowed. */
  detail: string;
}

export interface Cost {
  downloadBytes: number;
  vramMB: number;
  /** The device's default memory limit, bytes (used when the page sets no `max-memory`). */
  memoryLimitBytes: number;
}

export function checkLimits(
  cost: Cost,
  limits: { maxModelSize?: number | undefined; maxMemory?: number | undefined },
): Refusal | undefined {
  if (limits.maxModelSize !== undefined && cost.downloadBytes > limits.maxModelSize) {
    return {
      kind: 'model-size',
      code: 'model-too-large',
      limit: limits.maxModelSize,
      actual: cost.downloadBytes,
      detail: `${formatBytes(cost.downloadBytes)} download, this page allows ${formatBytes(limits.maxModelSize)}`,
    };
  }
  const memoryLimit = limits.maxMemory ?? cost.memoryLimitBytes;
  const needs = Math.round(cost.vramMB * 2 ** 20);
  if (memoryLimit > 0 && needs > memoryLimit) {
    return {
      kind: 'memory',
      code: 'insufficient-memory',
      limit: memoryLimit,
      actual: needs,
      detail: `needs ${formatBytes(needs)} of GPU memory, ${limits.maxMemory !== undefined ? 'this page allows' : 'this device allows'} ${formatBytes(memoryLimit)}`,
    };
  }
  return undefined;
}
