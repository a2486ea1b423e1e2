/**
 * A model id as a visitor reads it: `Llama-3.2-1B-Instruct-q4f16_1-MLC` → `Llama 3.2 · 1B`.
 * Pure. Drops the runtime suffix (`-MLC`, `-MLC-1k`, `-GGUF`, `.gguf`), the quantization (`q4f16_1`,
 * `Q4_K_M`) and the tuning word (`Instruct`, `Chat`, `it`); keeps the family and the size.
 */
const QUANT = /^(?:q\d+f\d+(?:_\d+)?|q\d+(?:_[a-z0-9]+)*|i?q\d_\w+|f16|f32|bf16|fp16)$/i;
const TUNING = /^(?:instruct|chat|it)$/i;
const SIZE = /^\d+(?:\.\d+)?[bm]$/i;

export function friendlyModelName(id: string): string {
  const bare = id
    .trim()
    .replace(/^.*\//, '')
    .replace(/\.gguf$/i, '')
    .replace(/-(?:MLC(?:-\w+)?|GGUF)$/i, '')
    // A GGUF file name may carry the quantization after a dot: `model.Q4_K_M`.
    .replace(/\.(?:i?q\d\w*|f16|f32|bf16)$/i, '');
  if (!bare || bare.toLowerCase() === 'auto') return '';
  const words = bare.split('-').filter((w) => w && !QUANT.test(w) && !TUNING.test(w));
  const sizeAt = words.findIndex((w) => SIZE.test(w));
  const name = words
    .filter((_, i) => i !== sizeAt)
    .map((w, i) => (i === 0 ? w[0]!.toUpperCase() + w.slice(1) : w))
    .join(' ');
  if (sizeAt === -1) return name || bare;
  return `${name} · ${words[sizeAt]!.toUpperCase()}`;
}
