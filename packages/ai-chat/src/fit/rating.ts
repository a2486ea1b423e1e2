import type { LatencyRating } from '../types.js';
import { DEFAULT_LATENCY_THRESHOLD } from './limits.js';

export { DEFAULT_LATENCY_THRESHOLD };

/**
 * The rating band of a reply, from its ms per output token: `excellent` below 20, `good` below 30,
 * `acceptable` up to the threshold, `slow` above it. A threshold under 30 narrows the upper bands.
 */
export function rateLatency(msPerToken: number, threshold = DEFAULT_LATENCY_THRESHOLD): LatencyRating {
  if (!Number.isFinite(msPerToken) || msPerToken > threshold) return 'slow';
  if (msPerToken < 20) return 'excellent';
  if (msPerToken < 30) return 'good';
  return 'acceptable';
}
