/**
 * Our own downloader: it puts a model's files into exactly the cache entries WebLLM 0.2.86 reads,
 * so WebLLM then loads from the cache. It gives byte-accurate progress and speed, cancels with an
 * AbortSignal (files already complete stay), skips complete files on the next run (a file cut
 * halfway is fetched again), and checks the storage quota before the first byte.
 */
import { openScope } from './cache-store.js';
import { fetchOk, fileName, named } from './http.js';
import type { ModelFile, ModelPlan } from './model-files.js';

export interface DownloadProgress {
  loadedBytes: number;
  totalBytes: number;
  bytesPerSecond: number;
  file: string;
}

export interface DownloadOptions {
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
  /** Files fetched at once (WebLLM uses 4). */
  concurrency?: number;
  /** Smallest interval between progress reports, ms (the last report always comes). */
  reportEveryMs?: number;
  storage?: { estimate(): Promise<{ quota?: number; usage?: number }> } | undefined;
}

const mb = (bytes: number) => `${Math.ceil(bytes / 1e6)} MB`;

/** Throws `QuotaExceededError` naming the size needed when the browser's storage cannot hold the rest. */
export async function checkQuota(neededBytes: number, storage: DownloadOptions['storage']): Promise<void> {
  if (!storage || neededBytes <= 0) return;
  let estimate: { quota?: number; usage?: number };
  try {
    estimate = await storage.estimate();
  } catch {
    return; // No estimate: the cache itself will say when it is full.
  }
  if (estimate.quota === undefined) return;
  const free = estimate.quota - (estimate.usage ?? 0);
  if (free < neededBytes) {
    throw named(
      'QuotaExceededError',
      `needs ${mb(neededBytes)} of storage, ${mb(Math.max(0, free))} available`,
    );
  }
}

export async function downloadModel(plan: ModelPlan, options: DownloadOptions = {}): Promise<void> {
  const { onProgress, concurrency = 4, reportEveryMs = 100 } = options;
  // One signal for every request: the caller's cancel, or the first failure, stops them all.
  const inner = new AbortController();
  const signal = inner.signal;
  const outer = options.signal;
  if (outer?.aborted) throw outer.reason;
  outer?.addEventListener('abort', () => inner.abort(outer.reason), { once: true });
  const pending = plan.files.filter((f) => !f.cached && f.scope !== undefined);
  const remaining = pending.reduce((n, f) => n + f.bytes, 0);
  await checkQuota(remaining, 'storage' in options ? options.storage : globalThis.navigator?.storage);
  let loaded = plan.totalBytes - remaining;
  const started = performance.now();
  const startLoaded = loaded;
  let lastReport = 0;
  const report = (file: string, force = false) => {
    const now = performance.now();
    if (!force && now - lastReport < reportEveryMs) return;
    lastReport = now;
    const seconds = (now - started) / 1000;
    onProgress?.({
      loadedBytes: loaded,
      totalBytes: plan.totalBytes,
      bytesPerSecond: seconds > 0 ? Math.round((loaded - startLoaded) / seconds) : 0,
      file,
    });
  };
  report('', true);

  const fetchOne = async (file: ModelFile) => {
    signal.throwIfAborted();
    const response = await fetchOk(file.url, { signal });
    if (!response.body) throw named('NetworkError', `${fileName(file.url)} arrived without a body`);
    const reader = response.body.getReader();
    const parts: Uint8Array[] = [];
    let got = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        got += value.byteLength;
        loaded += value.byteLength;
        report(file.url);
      }
    } catch {
      loaded -= got;
      throw signal.aborted
        ? signal.reason
        : named('NetworkError', `the connection dropped during ${fileName(file.url)}`);
    }
    const expected = Number(response.headers.get('content-length'));
    if (Number.isFinite(expected) && expected > 0 && got !== expected) {
      loaded -= got;
      throw named('NetworkError', `${fileName(file.url)} arrived incomplete (${got} of ${expected} bytes)`);
    }
    // Only a complete file enters the cache: a cut file is fetched again next time.
    const headers = new Headers(response.headers);
    headers.set('content-length', String(got));
    const cache = await openScope(file.scope!);
    try {
      await cache.put(
        new Request(file.url),
        new Response(new Blob(parts as BlobPart[]), { status: 200, headers }),
      );
    } catch (error) {
      if ((error as Error).name === 'QuotaExceededError')
        throw named('QuotaExceededError', `needs ${mb(remaining)} of storage`);
      throw error;
    }
    // Account for a server whose Content-Length differs from the index's nbytes.
    loaded += file.bytes - got;
    report(file.url);
  };

  // Small files first (config, index, tokenizer), then the library and shards, `concurrency` at a time.
  const queue = [...pending].sort((a, b) => Number(a.kind === 'shard') - Number(b.kind === 'shard'));
  const workers = Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
    for (let file = queue.shift(); file; file = queue.shift()) await fetchOne(file);
  });
  try {
    await Promise.all(workers);
  } catch (error) {
    queue.length = 0; // no further requests
    if (!signal.aborted) inner.abort(error);
    throw outer?.aborted ? outer.reason : error;
  }
  report('', true);
}
