/**
 * A short probe of this device for the CPU runtime's speed prediction: how many bytes of int8
 * weights one thread multiplies and sums per millisecond, the work that dominates decoding. It runs
 * in the worker for at most `budgetMs` (a few hundred ms), once per worker.
 */
import type { SpeedProbe } from '../../fit/cpu.js';

let measured: SpeedProbe | undefined;

export function probeSpeed(budgetMs = 150): SpeedProbe {
  if (measured) return measured;
  const size = 1 << 20; // 1 MiB of weights: a row block that stays in cache, like llama.cpp's tiles
  const weights = new Int8Array(size);
  const input = new Int8Array(size);
  for (let i = 0; i < size; i++) {
    weights[i] = (i * 37) & 0x7f;
    input[i] = (i * 11) & 0x3f;
  }
  let sum = 0;
  let bytes = 0;
  // One warm-up pass lets the JIT compile the loop before the clock starts.
  const pass = () => {
    let s = 0;
    for (let i = 0; i < size; i += 4)
      s +=
        weights[i]! * input[i]! +
        weights[i + 1]! * input[i + 1]! +
        weights[i + 2]! * input[i + 2]! +
        weights[i + 3]! * input[i + 3]!;
    return s;
  };
  sum += pass();
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < budgetMs) {
    sum += pass();
    bytes += size;
    elapsed = performance.now() - start;
  }
  measured = { bytesPerMs: Math.round((bytes / Math.max(elapsed, 0.001)) * (sum === -1 ? 0 : 1)) };
  return measured;
}
