/**
 * The element's numeric and size attributes, validated. A bad value never throws: it is reported
 * as a problem naming the attribute, and the default is used instead.
 */
import { DEFAULT_LATENCY_THRESHOLD } from '../fit/rating.js';
import { parseByteSize } from '../fit/size.js';

export interface Settings {
  latencyThreshold: number;
  temperature: number | undefined;
  maxTokens: number | undefined;
  /** Largest download allowed, bytes. */
  maxModelSize: number | undefined;
  /** Largest GPU memory allowed, bytes. */
  maxMemory: number | undefined;
  /** When the conversation outgrows the model's context: leave the oldest turns out, or stop. */
  contextPolicy: ContextPolicy;
}

export type ContextPolicy = 'trim' | 'error';

export interface RawSettings {
  latencyThreshold: unknown;
  temperature: unknown;
  maxTokens: unknown;
  maxModelSize: unknown;
  maxMemory: unknown;
  contextPolicy: unknown;
}

export interface AttributeProblem {
  attribute: string;
  message: string;
}

const isUnset = (value: unknown) => value === undefined || value === null || value === '';

/**
 * Any value as a page author reads it in a message, at most 80 characters. Never throws: a Symbol,
 * an object without a prototype (`Object.create(null)`) or one whose `toString` throws is named by
 * its kind.
 */
export function shown(value: unknown): string {
  try {
    return String(value).slice(0, 80);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** Above this many tokens a reply cap is no cap a runtime can take (llama.cpp's is a 32-bit int). */
export const MAX_TOKENS_LIMIT = 2 ** 31 - 1;

function number(value: unknown): number {
  if (typeof value === 'number') return value;
  // Decimal only: `0x10`, `0b1`, `Infinity` are not numbers a page author means.
  if (typeof value === 'string' && /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?\s*$/i.test(value))
    return Number(value);
  return Number.NaN;
}

export function readSettings(raw: RawSettings): { settings: Settings; problems: AttributeProblem[] } {
  const problems: AttributeProblem[] = [];
  const problem = (attribute: string, value: unknown, expected: string, fallback: string) =>
    problems.push({
      attribute,
      message: `${attribute}="${shown(value)}" is not valid: expected ${expected}. Using ${fallback}.`,
    });

  let latencyThreshold = DEFAULT_LATENCY_THRESHOLD;
  if (!isUnset(raw.latencyThreshold)) {
    const n = number(raw.latencyThreshold);
    if (Number.isFinite(n) && n > 0) latencyThreshold = n;
    else
      problem(
        'latency-threshold',
        raw.latencyThreshold,
        'a positive number of ms per token',
        `${DEFAULT_LATENCY_THRESHOLD}`,
      );
  }

  let temperature: number | undefined;
  if (!isUnset(raw.temperature)) {
    const n = number(raw.temperature);
    if (Number.isFinite(n) && n >= 0 && n <= 2) temperature = n;
    else problem('temperature', raw.temperature, 'a number from 0 to 2', "the model's default");
  }

  let maxTokens: number | undefined;
  if (!isUnset(raw.maxTokens)) {
    const n = number(raw.maxTokens);
    if (Number.isInteger(n) && n > 0 && n <= MAX_TOKENS_LIMIT) maxTokens = n;
    else
      problem(
        'max-tokens',
        raw.maxTokens,
        `a whole number from 1 to ${MAX_TOKENS_LIMIT}`,
        "the model's default",
      );
  }

  const size = (attribute: string, value: unknown, fallback: string) => {
    if (isUnset(value)) return undefined;
    const bytes = typeof value === 'string' || typeof value === 'number' ? parseByteSize(value) : undefined;
    if (bytes !== undefined && bytes > 0) return bytes;
    problem(attribute, value, 'a size such as 800MB, 1.5GB, 2GiB or a number of bytes', fallback);
    return undefined;
  };
  const maxModelSize = size('max-model-size', raw.maxModelSize, 'no limit');
  const maxMemory = size('max-memory', raw.maxMemory, "this device's limit");

  const contextPolicy: ContextPolicy = raw.contextPolicy === 'error' ? 'error' : 'trim';
  if (!isUnset(raw.contextPolicy) && raw.contextPolicy !== contextPolicy)
    problem('context-policy', raw.contextPolicy, 'trim or error', 'trim');

  return {
    settings: { latencyThreshold, temperature, maxTokens, maxModelSize, maxMemory, contextPolicy },
    problems,
  };
}

/**
 * The converter of a reflected text property (`theme`, `lang`): a value that is not text is not
 * written to the attribute (it is removed), so reflecting can never throw on a Symbol or an object
 * without a prototype. The value itself is checked, and said, by `readInputs`.
 */
export const textAttribute = {
  toAttribute: (value: unknown): string | null => (typeof value === 'string' ? value : null),
};

export type UrlKey = 'modelUrl' | 'modelLibUrl' | 'workerUrl';

/**
 * The URL attributes, validated: each must be an http(s) URL, absolute or relative to `base`
 * (`worker-url` may also be a `blob:` URL). `javascript:`, `data:`, other schemes, values that do
 * not parse and values that are not text are problems; the attribute is then ignored (unset).
 */
export function checkUrls(
  raw: Record<UrlKey, unknown>,
  base: string,
): Array<AttributeProblem & { key: UrlKey }> {
  const problems: Array<AttributeProblem & { key: UrlKey }> = [];
  for (const key of ['modelUrl', 'modelLibUrl', 'workerUrl'] as const) {
    const value = raw[key];
    if (isUnset(value)) continue;
    const attribute = key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    let url: URL | undefined;
    try {
      url = typeof value === 'string' ? new URL(value.trim(), base) : undefined;
    } catch {
      url = undefined;
    }
    const schemes = key === 'workerUrl' ? ['http:', 'https:', 'blob:'] : ['http:', 'https:'];
    if (url && schemes.includes(url.protocol)) continue;
    problems.push({
      key,
      attribute,
      message: `${attribute}="${shown(value)}" is not valid: expected an http or https URL, absolute or relative to the page. Ignoring it.`,
    });
  }
  return problems;
}
