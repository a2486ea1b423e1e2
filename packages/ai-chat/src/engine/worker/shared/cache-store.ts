/**
 * The Cache API entries WebLLM 0.2.86 reads (its default "cache" backend): scope `webllm/config`
 * for `mlc-chat-config.json`, `webllm/wasm` for the model library, `webllm/model` for
 * `tensor-cache.json`, the weight shards and the tokenizer, each keyed by its URL.
 */
export type CacheScope = 'webllm/model' | 'webllm/wasm' | 'webllm/config' | typeof GGUF_SCOPE;
/** The CPU runtime's GGUF files, in pieces (see `gguf-download.ts`). */
export const GGUF_SCOPE = 'ai-chat/gguf';

export const SCOPES: readonly CacheScope[] = ['webllm/config', 'webllm/wasm', 'webllm/model'];

const opened = new Map<CacheScope, Promise<Cache>>();
export function openScope(scope: CacheScope): Promise<Cache> {
  let cache = opened.get(scope);
  if (!cache) {
    cache = caches.open(scope);
    opened.set(scope, cache);
  }
  return cache;
}

export async function cachedResponse(scope: CacheScope, url: string): Promise<Response | undefined> {
  return (await openScope(scope)).match(new Request(url));
}

/** Bytes of a cached entry, from its Content-Length (WebLLM's own entries keep the server's headers) or its body. */
export async function cachedSize(response: Response): Promise<number> {
  const length = Number(response.headers.get('content-length'));
  return Number.isFinite(length) && length > 0 ? length : (await response.clone().blob()).size;
}

/** Remove every entry of a model: its files under `modelBase` and its library URL, in every scope. */
export async function deleteModelEntries(modelBase: string, libUrl: string): Promise<number> {
  let removed = 0;
  for (const scope of SCOPES) {
    const cache = await openScope(scope);
    for (const request of await cache.keys()) {
      if (request.url.startsWith(modelBase) || request.url === libUrl) {
        if (await cache.delete(request)) removed++;
      }
    }
  }
  return removed;
}
