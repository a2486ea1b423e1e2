/**
 * A short probe of this device for the CPU runtime's speed prediction: how many bytes of int8
 * weights one thread multiplies and sums per millisecond, the work that dominates decoding. Like a
 * decoding step it streams through more weights than a CPU cache holds (8 MiB), against a short
 * input vector it reuses. It runs in the worker for at most `budgetMs`, once per worker.
 */
import type { SpeedProbe } from '../../../fit/cpu.js';

let measured: SpeedProbe | undefined;

export function probeSpeed(budgetMs = 150): SpeedProbe {
  if (measured) return measured;
  const size = 8 << 20;
  const weights = new Int8Array(size);
  const input = new Int8Array(4096);
  for (let i = 0; i < size; i++) weights[i] = (i * 37) & 0x7f;
  for (let i = 0; i < input.length; i++) input[i] = (i * 11) & 0x3f;
  let sum = 0;
  // One row block at a time, so the budget is checked often; the first pass warms up the JIT.
  const rows = (from: number, to: number) => {
    let s = 0;
    for (let i = from; i < to; i += 4) {
      const j = i & 4095;
      s +=
        weights[i]! * input[j]! +
        weights[i + 1]! * input[j + 1]! +
        weights[i + 2]! * input[j + 2]! +
        weights[i + 3]! * input[j + 3]!;
    }
    return s;
  };
  sum += rows(0, 1 << 20);
  const step = 1 << 20;
  const start = performance.now();
  let bytes = 0;
  let elapsed = 0;
  for (let at = 0; elapsed < budgetMs; at = (at + step) % size) {
    sum += rows(at, at + step);
    bytes += step;
    elapsed = performance.now() - start;
  }
  measured = { bytesPerMs: Math.round((bytes / Math.max(elapsed, 0.001)) * (sum === -1 ? 0 : 1)) };
  return measured;
}
