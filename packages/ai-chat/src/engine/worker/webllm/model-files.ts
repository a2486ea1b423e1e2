/**
 * The files a model load needs, where WebLLM looks for them in the cache, and their sizes: read
 * from the cache when present, else from small requests (the config, `tensor-cache.json` and
 * `HEAD`s, or one-byte ranged `GET`s where a host refuses `HEAD`), never from the weights.
 * The index is validated before any size is used (`model-index.ts`), and a cached file counts as
 * cached only when it matches: a shard of another length, an HTML page or JSON that does not parse
 * is treated as not downloaded, so "already downloaded" cannot lie.
 */
import type { ChatConfigLike } from '../../../fit/estimate.js';
import { cachedResponse, cachedSize, openScope, type CacheScope } from '../shared/cache-store.js';
import { named } from '../../errors.js';
import { fetchOk, fileName, isHtml, readSmallText, remoteSize } from '../shared/http.js';
import { readIndex } from './model-index.js';
import { cleanModelUrl, type ModelRecordLike } from './model-records.js';

export interface ModelFile {
  url: string;
  /** Where WebLLM reads it; `undefined` when WebLLM fetches it itself, uncached (a library on localhost or a relative URL). */
  scope: CacheScope | undefined;
  bytes: number;
  kind: 'config' | 'library' | 'index' | 'tokenizer' | 'shard';
  /** Already complete in the cache. */
  cached: boolean;
  /** For shards: the MD5 the index gives (lowercase hex). */
  md5?: string;
}

export interface ModelPlan {
  base: string;
  files: ModelFile[];
  /** Bytes of every file (what the model costs to download the first time). */
  totalBytes: number;
  /** Bytes of the weight shards alone. */
  weightBytes: number;
  cached: boolean;
  /** The model's `mlc-chat-config.json`. */
  config: ChatConfigLike;
}

const invalidFile = (url: string, why: string) =>
  named('ModelFilesInvalidError', `${fileName(url)} cannot be used: ${why}`);

/** Parse a model's JSON file; throws `ModelFilesInvalidError` when it is not JSON. */
export function parseJson(url: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalidFile(url, 'it is not valid JSON');
  }
}

const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

/** Keep the numbers of `value` at `keys` that are finite numbers (a hostile config's others are dropped). */
function numbers<K extends string>(
  value: Record<string, unknown>,
  keys: readonly K[],
): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {};
  for (const key of keys) if (finite(value[key])) out[key] = value[key];
  return out;
}

/**
 * Our view of `mlc-chat-config.json` (WebLLM reads the file itself): an object, with only the
 * fields the estimate and the tokenizer choice read, each of its type, so a hostile config cannot
 * make a figure `NaN` or a string.
 */
export function readConfig(value: unknown): ChatConfigLike & { tokenizer_files?: string[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalidFile('mlc-chat-config.json', 'it is not an object');
  const raw = value as Record<string, unknown>;
  const model = raw.model_config;
  const config: ChatConfigLike & { tokenizer_files?: string[] } = {
    ...numbers(raw, ['context_window_size', 'sliding_window_size', 'prefill_chunk_size'] as const),
  };
  if (typeof raw.quantization === 'string') config.quantization = raw.quantization;
  if (typeof model === 'object' && model !== null && !Array.isArray(model))
    config.model_config = numbers(
      model as Record<string, unknown>,
      [
        'num_hidden_layers',
        'num_attention_heads',
        'num_key_value_heads',
        'hidden_size',
        'head_dim',
        'context_window_size',
      ] as const,
    );
  if (Array.isArray(raw.tokenizer_files))
    config.tokenizer_files = raw.tokenizer_files.filter((f): f is string => typeof f === 'string');
  return config;
}

/** A cached entry that is usable: not an HTML page, and of the expected length when one is known. */
async function usable(hit: Response | undefined, bytes?: number): Promise<boolean> {
  if (!hit || isHtml(hit)) return false;
  return bytes === undefined || (await cachedSize(hit)) === bytes;
}

/** Read a JSON file of the model from the cache, or fetch it; a cached copy that does not check is dropped. */
async function readJson<T>(
  scope: CacheScope,
  url: string,
  check: (value: unknown) => T,
  signal?: AbortSignal,
): Promise<{ value: T; bytes: number; cached: boolean }> {
  const hit = await cachedResponse(scope, url);
  if (await usable(hit)) {
    try {
      const text = await hit!.clone().text();
      return { value: check(parseJson(url, text)), bytes: await cachedSize(hit!), cached: true };
    } catch {
      // A cached copy that does not parse or check is not the file: forget it and fetch it again.
    }
  }
  if (hit) await (await openScope(scope)).delete(new Request(url));
  const response = await fetchOk(url, signal ? { signal } : {});
  if (isHtml(response)) {
    void response.body?.cancel().catch(() => undefined);
    throw invalidFile(url, 'the host answered with a web page');
  }
  const text = await readSmallText(url, response);
  return {
    value: check(parseJson(url, text)),
    bytes: new TextEncoder().encode(text).byteLength,
    cached: false,
  };
}

async function sizeOf(
  scope: CacheScope | undefined,
  url: string,
  signal?: AbortSignal,
): Promise<{ bytes: number; cached: boolean }> {
  const hit = scope ? await cachedResponse(scope, url) : undefined;
  if (await usable(hit)) return { bytes: await cachedSize(hit!), cached: true };
  return { bytes: await remoteSize(url, signal), cached: false };
}

/** WebLLM does not cache a library on localhost or on a relative URL; it fetches it itself. */
export const libraryScope = (url: string): CacheScope | undefined =>
  url.includes('localhost') || !url.startsWith('http') ? undefined : 'webllm/wasm';

export async function planModel(record: ModelRecordLike, signal?: AbortSignal): Promise<ModelPlan> {
  const base = cleanModelUrl(record.model);
  const configUrl = new URL('mlc-chat-config.json', base).href;
  const indexUrl = new URL('tensor-cache.json', base).href;
  // Both at once; when both fail, the config's failure is the one reported, whichever answers first.
  const reading = readJson('webllm/config', configUrl, readConfig, signal);
  const indexReading = readJson('webllm/model', indexUrl, (value) => readIndex(value, base), signal);
  void indexReading.catch(() => undefined);
  const config = await reading;
  const index = await indexReading;
  const tokenizerFiles = config.value.tokenizer_files;
  const tokenizerName =
    Array.isArray(tokenizerFiles) && !tokenizerFiles.includes('tokenizer.json')
      ? 'tokenizer.model'
      : 'tokenizer.json';
  const tokenizerUrl = new URL(tokenizerName, base).href;
  const libScope = libraryScope(record.model_lib);
  const [library, tokenizer] = await Promise.all([
    sizeOf(libScope, record.model_lib, signal),
    sizeOf('webllm/model', tokenizerUrl, signal),
  ]);
  const shards = index.value;
  const cachedShards = await Promise.all(
    shards.map(async (s) => usable(await cachedResponse('webllm/model', s.url), s.nbytes)),
  );
  const files: ModelFile[] = [
    { url: configUrl, scope: 'webllm/config', bytes: config.bytes, kind: 'config', cached: config.cached },
    { url: record.model_lib, scope: libScope, bytes: library.bytes, kind: 'library', cached: library.cached },
    { url: indexUrl, scope: 'webllm/model', bytes: index.bytes, kind: 'index', cached: index.cached },
    {
      url: tokenizerUrl,
      scope: 'webllm/model',
      bytes: tokenizer.bytes,
      kind: 'tokenizer',
      cached: tokenizer.cached,
    },
    ...shards.map((s, i) => ({
      url: s.url,
      scope: 'webllm/model' as const,
      bytes: s.nbytes,
      kind: 'shard' as const,
      cached: cachedShards[i]!,
      ...(s.md5 ? { md5: s.md5 } : {}),
    })),
  ];
  const weightBytes = shards.reduce((n, s) => n + s.nbytes, 0);
  return {
    base,
    files,
    totalBytes: files.reduce((n, f) => n + f.bytes, 0),
    weightBytes,
    config: config.value,
    // As WebLLM's `hasModelInCache`: the index and every shard (plus, for us, config, tokenizer and library).
    cached: files.every((f) => f.cached || f.scope === undefined),
  };
}
