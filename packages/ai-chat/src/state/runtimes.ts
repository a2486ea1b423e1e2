/**
 * The `runtime` attribute: the runtimes a page allows, in order of preference. Pure; the names come
 * from the runtime table (`engine/kinds.ts`).
 */
import { DEFAULT_RUNTIME, DEFAULT_RUNTIMES, RUNTIME_KINDS, type RuntimeKind } from '../engine/kinds.js';
import { shown as text } from './settings.js';

const isKind = (word: string): word is RuntimeKind => (RUNTIME_KINDS as readonly string[]).includes(word);

/** `a, b or c`. */
const either = (words: readonly string[]) => `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;

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
  const known = [...new Set(words.filter(isKind))];
  const unknown = words.filter((w) => !isKind(w));
  const shown = typeof value === 'string' ? value : text(value);
  if (known.length === 0)
    return {
      runtimes: [...DEFAULT_RUNTIMES],
      problem: `runtime="${shown}" is not valid: expected ${either(RUNTIME_KINDS)}, in order of preference. Using ${DEFAULT_RUNTIME}.`,
    };
  if (unknown.length)
    return {
      runtimes: known,
      problem: `runtime="${shown}": ${unknown.join(', ')} is not a runtime (${RUNTIME_KINDS.join(', ')}). Using ${known.join(' ')}.`,
    };
  return { runtimes: known };
}
