/**
 * What fits, before the first byte, in one place for the page and the worker:
 * - `checkLimits`, the one limit check: the page's limits (or this device's memory when the page
 *   sets none) against what a model costs. Used by the page (before consent), the worker's router
 *   (which runtime's model fits), WebLLM's `auto` (which records qualify) and the CPU's catalog
 *   pick. `limit` and `actual` are bytes for both kinds.
 * - `firstThatFits`: the first of several runtimes that can serve, for the page and the router.
 */
import type { ErrorCode, ThresholdKind } from '../types.js';
import { formatBytes } from './size.js';

/** Default `latency-threshold`, ms per output token (the page's third limit, checked after a reply). */
export const DEFAULT_LATENCY_THRESHOLD = 50;

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
  /** Which runtime runs the model: `wasm` needs RAM, the others graphics memory. */
  runtime?: string;
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
      // The CPU runtime's memory is the device's RAM.
      detail: `needs ${formatBytes(needs)} of ${cost.runtime === 'wasm' ? '' : 'GPU '}memory, ${limits.maxMemory !== undefined ? 'this page allows' : 'this device allows'} ${formatBytes(memoryLimit)}`,
    };
  }
  return undefined;
}

export interface FirstFitOptions<C, R> {
  /** Whether an error means "this candidate cannot serve here": the next one is tried. */
  skip(error: unknown): boolean;
  /** Whether a result fits (absent: every result fits). */
  fits?(result: R): boolean;
  /** Called for a candidate passed over after an error, before the next is tried. */
  passed?(candidate: C): Promise<unknown>;
}

/**
 * Try `candidates` in order with `attempt`, and settle with the first whose result fits. Another
 * error than one to `skip` ends the search at once. When some succeeded but none fits: the first
 * that succeeded (a refusal then names a real model). When none succeeded: the last error.
 */
export async function firstThatFits<C, R>(
  candidates: readonly C[],
  attempt: (candidate: C) => Promise<R>,
  options: FirstFitOptions<C, R>,
): Promise<{ candidate: C; result: R }> {
  let first: { candidate: C; result: R } | undefined;
  let last: unknown = new Error('No runtime is allowed');
  for (const candidate of candidates) {
    try {
      const result = await attempt(candidate);
      if (!options.fits || options.fits(result)) return { candidate, result };
      first ??= { candidate, result };
    } catch (error) {
      if (!options.skip(error)) throw error;
      last = error;
      await options.passed?.(candidate);
    }
  }
  if (first) return first;
  throw last;
}
