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
import { byteCount, fetchOk, fileName } from '../shared/http.js';
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

/** The file's version as its host names it: a strong `ETag`, else `Last-Modified` (what `If-Range` takes). */
export function validatorOf(response: Response): string | null {
  const etag = response.headers.get('etag');
  if (etag && !etag.startsWith('W/')) return etag;
  return response.headers.get('last-modified');
}

/**
 * Where a response puts its body in the file, and the file's length as the host says it now:
 * `Content-Range` of a 206, else the whole file (`Content-Length` of a 200). Pure.
 */
export function placeOf(status: number, headers: Headers): { start: number; total: number | undefined } {
  // A compressed body's length is not the file's.
  if (status !== 206)
    return {
      start: 0,
      total: headers.has('content-encoding') ? undefined : byteCount(headers.get('content-length')),
    };
  const range = /^\s*bytes\s+(\d+)-\d+\/(\d+|\*)\s*$/i.exec(headers.get('content-range') ?? '');
  if (!range) return { start: Number.NaN, total: undefined };
  return { start: Number(range[1]), total: range[2] === '*' ? undefined : Number(range[2]) };
}

/** The file is not the one the preflight measured (another length, another version): start over. */
const changed = (url: string, why: string) =>
  named('ModelFileChangedError', `${fileName(url)} changed on its server while it downloaded (${why})`);

/**
 * Download `url` (`totalBytes` long, as the preflight measured it) into the cache, resuming what is
 * kept; resolves with the file. The record of what is kept (see `keptPieces`) holds the file's
 * total and its validator: a resume asks `If-Range` with it, and a host whose file is no longer
 * that one (another validator, another total in `Content-Range`) starts the file over, or, when its
 * length changed too, deletes what is kept and fails with `ModelFileChangedError` (the next try
 * measures the new file before it downloads it). Nothing past the total is ever stored.
 */
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
  let validator = pieces[0]?.validator ?? null;
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
  const store = async () => {
    if (!received) return;
    const headers = {
      'content-length': String(received),
      'x-total-length': String(totalBytes),
      ...(validator ? { 'x-validator': validator } : {}),
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
  /** What is kept is of another file: forget it; a file of another length fails (measure it again). */
  const startOver = async (total: number | undefined) => {
    await deleteGguf(url);
    kept = 0;
    if (total !== undefined && total !== totalBytes)
      throw changed(url, `${total} bytes now, ${totalBytes} before`);
  };

  for (let attempt = 0; kept < totalBytes; attempt++) {
    try {
      const headers: Record<string, string> = kept > 0 ? { Range: `bytes=${kept}-` } : {};
      if (kept > 0 && validator) headers['If-Range'] = validator;
      const response = await fetchOk(url, { headers, ...(signal ? { signal } : {}) });
      const place = placeOf(response.status, response.headers);
      const now = validatorOf(response);
      const otherLength = place.total !== undefined && place.total !== totalBytes;
      if (place.start !== kept || (validator && now && now !== validator) || otherLength) {
        // A whole file (no Range support, or a new version under If-Range), another version, or
        // another length: what is kept is not this file's beginning.
        try {
          if (kept > 0 || otherLength) await startOver(place.total);
        } finally {
          if (place.start !== 0 || otherLength) void response.body?.cancel().catch(() => undefined);
        }
        // Ask again, from the first byte (a host that keeps answering another range is cut off).
        if (place.start !== 0 && attempt < retries) continue;
        if (place.start !== 0) throw named('NetworkError', `${fileName(url)} came from the wrong byte`);
      }
      // The version this file's pieces are recorded with (a file started over takes the new one).
      validator = kept === 0 ? now : (now ?? validator);
      if (!response.body) throw named('NetworkError', `${fileName(url)} arrived without a body`);
      const reader = response.body.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          if (kept + received + value.byteLength > totalBytes) {
            void reader.cancel().catch(() => undefined);
            throw changed(url, `more than ${totalBytes} bytes`);
          }
          parts.push(value);
          received += value.byteLength;
          if (received >= pieceBytes) await store();
          report();
        }
      } catch (error) {
        if ((error as Error).name === 'ModelFileChangedError') throw error;
        throw signal?.aborted
          ? signal.reason
          : named('NetworkError', `the connection dropped during ${fileName(url)}`);
      }
      await store();
      if (kept !== totalBytes)
        throw named('NetworkError', `${fileName(url)} arrived incomplete (${kept} of ${totalBytes} bytes)`);
    } catch (error) {
      if ((error as Error).name === 'ModelFileChangedError') {
        parts = [];
        received = 0;
        await deleteGguf(url);
        throw error;
      }
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
