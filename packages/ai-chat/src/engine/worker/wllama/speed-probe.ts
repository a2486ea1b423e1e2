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
  const step = 1 << 18;
  const start = performance.now();
  // Slices of at least 10 ms (a coarse clock, as Firefox's and WebKit's are, stays within a tenth),
  // of 256 KiB steps (so the bytes of a slice are known to a few percent), and the speed one slice
  // in ten reaches (the 90th percentile): a slice the scheduler gave to another process is a slow
  // slice, not time spread over the whole measure. On a busy machine most slices can be slow (with
  // the 75th percentile, one probe in WebKit read 61 MB/s where the others read 2,000); the fast
  // ones are the device's own speed. (The load a reply then meets is in the calibration: fit/cpu.ts.)
  const rates: number[] = [];
  let at = 0;
  for (let now = start; now - start < budgetMs;) {
    let bytes = 0;
    let end = now;
    for (; end - now < 10; end = performance.now(), at = (at + step) % size) {
      sum += rows(at, at + step);
      bytes += step;
    }
    rates.push(bytes / (end - now));
    now = end;
  }
  rates.sort((a, b) => a - b);
  measured = { bytesPerMs: Math.round(rates[Math.floor(rates.length * 0.9)]! * (sum === -1 ? 0 : 1)) };
  return measured;
}
