/**
 * The `runtime` attribute: the runtimes a page allows, in order of preference. Pure.
 */
import type { RuntimeKind } from '../engine/runtime.js';

export const RUNTIME_KINDS: readonly RuntimeKind[] = ['webgpu', 'wasm', 'builtin'];
/** `builtin` is opt-in: the default list has the runtimes that download a model of our choosing. */
export const DEFAULT_RUNTIMES: readonly RuntimeKind[] = ['webgpu', 'wasm'];

/**
 * Parse `runtime="builtin webgpu wasm"` (spaces or commas). Unknown names and repeats are left out;
 * an empty or wholly unknown list gives the default, with a problem that names the attribute.
 */
export function parseRuntimes(value: unknown): { runtimes: RuntimeKind[]; problem?: string } {
  if (value === undefined || value === null || value === '') return { runtimes: [...DEFAULT_RUNTIMES] };
  const words =
    typeof value === 'string'
      ? value
          .toLowerCase()
          .split(/[\s,]+/)
          .filter(Boolean)
      : [];
  const known = [...new Set(words.filter((w): w is RuntimeKind => RUNTIME_KINDS.includes(w as RuntimeKind)))];
  const unknown = words.filter((w) => !RUNTIME_KINDS.includes(w as RuntimeKind));
  const shown = typeof value === 'string' ? value : String(value);
  if (known.length === 0)
    return {
      runtimes: [...DEFAULT_RUNTIMES],
      problem: `runtime="${shown}" is not valid: expected webgpu, wasm or builtin, in order of preference. Using webgpu wasm.`,
    };
  if (unknown.length)
    return {
      runtimes: known,
      problem: `runtime="${shown}": ${unknown.join(', ')} is not a runtime (webgpu, wasm, builtin). Using ${known.join(' ')}.`,
    };
  return { runtimes: known };
}
