/**
 * The CPU runtime's downloader: one large GGUF file into the Cache API, in pieces of at most
 * `pieceBytes`, each stored as soon as it is complete. A cut connection (or a cancel) keeps every
 * byte received; the next attempt asks for the rest with an HTTP Range request from the last byte
 * kept (and retries a cut by itself a few times). The cached file is the pieces' blobs joined:
 * one copy on disk, handed to wllama as one Blob without reading it into memory.
 */
import { GGUF_SCOPE, openScope } from '../shared/cache-store.js';
import type { DownloadOptions, DownloadProgress } from '../shared/download-report.js';
import { cachedGgufBlob, deleteGguf, keptPieces, pieceUrl } from './gguf-cache.js';
import { named } from '../../errors.js';
import { fetchOk, fileName } from '../shared/http.js';
import { checkQuota } from '../shared/quota.js';

export interface GgufDownloadOptions extends Pick<
  DownloadOptions,
  'signal' | 'onProgress' | 'reportEveryMs' | 'storage'
> {
  /** Largest piece stored at once (a cut loses at most this much). */
  pieceBytes?: number;
  /** Times a cut connection is resumed by itself before the error reaches the page. */
  retries?: number;
}

const isNetworkError = (error: unknown) => (error as Error | undefined)?.name === 'NetworkError';
const wait = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });

/** Download `url` (`totalBytes` long) into the cache, resuming what is kept; resolves with the file. */
export async function downloadGguf(
  url: string,
  totalBytes: number,
  options: GgufDownloadOptions = {},
): Promise<Blob> {
  const { onProgress, reportEveryMs = 100, pieceBytes = 16 * 2 ** 20, retries = 3, signal } = options;
  signal?.throwIfAborted();
  const cache = await openScope(GGUF_SCOPE);
  let pieces = await keptPieces(url);
  if (pieces.length && pieces[0]!.total !== totalBytes) {
    await deleteGguf(url); // the file changed on the server: start over
    pieces = [];
  }
  let kept = pieces.reduce((n, p) => n + p.bytes, 0);
  await checkQuota(totalBytes - kept, 'storage' in options ? options.storage : globalThis.navigator?.storage);
  const started = performance.now();
  const startKept = kept;
  let received = 0;
  let lastReport = 0;
  const report = (force = false) => {
    const now = performance.now();
    if (!onProgress || (!force && now - lastReport < reportEveryMs)) return;
    lastReport = now;
    const seconds = (now - started) / 1000;
    const progress: DownloadProgress = {
      loadedBytes: kept + received,
      totalBytes,
      bytesPerSecond: seconds > 0 ? Math.round((kept + received - startKept) / seconds) : 0,
      file: url,
    };
    onProgress(progress);
  };
  report(true);

  let parts: Uint8Array[] = [];
  const etag = pieces[0]?.etag ?? null;
  const store = async () => {
    if (!received) return;
    const headers = {
      'content-length': String(received),
      'x-total-length': String(totalBytes),
      ...(etag ? { etag } : {}),
    };
    const body = new Blob(parts as BlobPart[]);
    try {
      await cache.put(new Request(pieceUrl(url, kept)), new Response(body, { headers }));
    } catch (error) {
      if ((error as Error).name === 'QuotaExceededError')
        throw named('QuotaExceededError', `needs ${Math.ceil((totalBytes - kept) / 1e6)} MB of storage`);
      throw error;
    }
    kept += received;
    received = 0;
    parts = [];
  };

  for (let attempt = 0; kept < totalBytes; attempt++) {
    try {
      const headers: Record<string, string> = kept > 0 ? { Range: `bytes=${kept}-` } : {};
      if (kept > 0 && etag) headers['If-Range'] = etag;
      const response = await fetchOk(url, { headers, ...(signal ? { signal } : {}) });
      if (kept > 0 && response.status !== 206) {
        // The server sent the whole file (no Range support, or it changed): start over.
        await deleteGguf(url);
        kept = 0;
      }
      if (!response.body) throw named('NetworkError', `${fileName(url)} arrived without a body`);
      const reader = response.body.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          parts.push(value);
          received += value.byteLength;
          if (received >= pieceBytes) await store();
          report();
        }
      } catch {
        throw signal?.aborted
          ? signal.reason
          : named('NetworkError', `the connection dropped during ${fileName(url)}`);
      }
      await store();
      if (kept !== totalBytes)
        throw named('NetworkError', `${fileName(url)} arrived incomplete (${kept} of ${totalBytes} bytes)`);
    } catch (error) {
      // Keep every byte received: the next request resumes from there.
      await store().catch(() => undefined);
      if (!isNetworkError(error) || attempt >= retries || signal?.aborted)
        throw signal?.aborted ? signal.reason : error;
      await wait(250 * (attempt + 1), signal);
    }
  }
  report(true);
  const blob = await cachedGgufBlob(url);
  if (!blob || blob.size !== totalBytes)
    throw named('NetworkError', `${fileName(url)} could not be read back from the cache`);
  return blob;
}
