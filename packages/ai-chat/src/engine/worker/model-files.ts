/**
 * The files a model load needs, where WebLLM looks for them in the cache, and their sizes: read
 * from the cache when present, else from small requests (the config, `tensor-cache.json` and
 * `HEAD`s), never from the weights.
 */
import type { ChatConfigLike } from '../../fit/estimate.js';
import { cachedResponse, cachedSize, type CacheScope } from './cache-store.js';
import { fetchOk } from './http.js';
import { cleanModelUrl, type ModelRecordLike } from './model-records.js';

export interface ModelFile {
  url: string;
  /** Where WebLLM reads it; `undefined` when WebLLM fetches it itself, uncached (a library on localhost or a relative URL). */
  scope: CacheScope | undefined;
  bytes: number;
  kind: 'config' | 'library' | 'index' | 'tokenizer' | 'shard';
  /** Already complete in the cache. */
  cached: boolean;
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

interface ShardEntry {
  dataPath: string;
  nbytes: number;
}

async function readJson<T>(
  scope: CacheScope,
  url: string,
  signal?: AbortSignal,
): Promise<{ value: T; bytes: number; cached: boolean }> {
  const hit = await cachedResponse(scope, url);
  if (hit) return { value: (await hit.clone().json()) as T, bytes: await cachedSize(hit), cached: true };
  const response = await fetchOk(url, signal ? { signal } : {});
  const text = await response.text();
  return { value: JSON.parse(text) as T, bytes: new TextEncoder().encode(text).byteLength, cached: false };
}

async function sizeOf(
  scope: CacheScope | undefined,
  url: string,
  signal?: AbortSignal,
): Promise<{ bytes: number; cached: boolean }> {
  const hit = scope ? await cachedResponse(scope, url) : undefined;
  if (hit) return { bytes: await cachedSize(hit), cached: true };
  const response = await fetchOk(url, { method: 'HEAD', ...(signal ? { signal } : {}) });
  return { bytes: Number(response.headers.get('content-length') ?? 0), cached: false };
}

/** WebLLM does not cache a library on localhost or on a relative URL; it fetches it itself. */
export const libraryScope = (url: string): CacheScope | undefined =>
  url.includes('localhost') || !url.startsWith('http') ? undefined : 'webllm/wasm';

export async function planModel(record: ModelRecordLike, signal?: AbortSignal): Promise<ModelPlan> {
  const base = cleanModelUrl(record.model);
  const configUrl = new URL('mlc-chat-config.json', base).href;
  const indexUrl = new URL('tensor-cache.json', base).href;
  const [config, index] = await Promise.all([
    readJson<ChatConfigLike & { tokenizer_files?: string[] }>('webllm/config', configUrl, signal),
    readJson<{ records?: ShardEntry[] }>('webllm/model', indexUrl, signal),
  ]);
  const tokenizerName =
    config.value.tokenizer_files?.includes('tokenizer.json') !== false ? 'tokenizer.json' : 'tokenizer.model';
  const tokenizerUrl = new URL(tokenizerName, base).href;
  const libScope = libraryScope(record.model_lib);
  const [library, tokenizer] = await Promise.all([
    sizeOf(libScope, record.model_lib, signal),
    sizeOf('webllm/model', tokenizerUrl, signal),
  ]);
  const shards = index.value.records ?? [];
  const cachedShards = await Promise.all(
    shards.map(async (s) => Boolean(await cachedResponse('webllm/model', new URL(s.dataPath, base).href))),
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
      url: new URL(s.dataPath, base).href,
      scope: 'webllm/model' as const,
      bytes: s.nbytes,
      kind: 'shard' as const,
      cached: cachedShards[i]!,
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
