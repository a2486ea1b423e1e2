/**
 * Our own downloader: it puts a model's files into exactly the cache entries WebLLM 0.2.86 reads,
 * so WebLLM then loads from the cache. It gives byte-accurate progress and speed, cancels with an
 * AbortSignal (files already complete stay), skips complete files on the next run (a file cut
 * halfway is fetched again), and checks the storage quota before the first byte.
 */
import { openScope } from '../shared/cache-store.js';
import { named } from '../../errors.js';
import { fetchOk, fileName, isHtml } from '../shared/http.js';
import { Md5 } from './md5.js';
import type { DownloadOptions } from '../shared/download-report.js';
import { checkQuota, mb } from '../shared/quota.js';
import { parseJson, type ModelFile, type ModelPlan } from './model-files.js';
import { readIndex } from './model-index.js';

/** A downloaded file that is not the one the index names (internal: fetched again once). */
class ModelFileMismatch extends Error {
  override name = 'ModelFileMismatch';
  /** Its host now sends another file than the one the preflight measured (another length). */
  changed = false;
}

/** Why a fetched file does not match what the plan (from the index) says, or undefined when it does. */
async function checkFile(
  file: ModelFile,
  response: Response,
  parts: Uint8Array[],
  got: number,
  md5: Md5 | undefined,
): Promise<string | undefined> {
  if (isHtml(response)) return 'the host answered with a web page';
  if (file.kind === 'shard' && got !== file.bytes) return `${got} bytes where the index says ${file.bytes}`;
  // The library and tokenizer were measured by the preflight (HEAD): another length is another file.
  if (
    (file.kind === 'library' || file.kind === 'tokenizer') &&
    file.bytes > 0 &&
    got !== file.bytes &&
    !response.headers.has('content-encoding')
  )
    return `changed: ${got} bytes where its host said ${file.bytes}`;
  if (md5 && file.md5 && md5.hex() !== file.md5) return 'its MD5 differs from the index';
  if (file.kind === 'config' || file.kind === 'index') {
    const text = await new Blob(parts as BlobPart[]).text();
    try {
      const value = parseJson(file.url, text);
      if (file.kind === 'index') readIndex(value, new URL('./', file.url).href);
    } catch (error) {
      return (error as Error).message;
    }
  }
  return undefined;
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

  /** Fetch a file and check it against the index; throws `ModelFileMismatch` when it does not match. */
  const fetchChecked = async (file: ModelFile) => {
    signal.throwIfAborted();
    // Not through the HTTP cache: the file is kept in the Cache API (twice would double the disk
    // used), and a bad copy there would come back on the second try.
    const response = await fetchOk(file.url, { signal, cache: 'no-store' });
    if (!response.body) throw named('NetworkError', `${fileName(file.url)} arrived without a body`);
    const reader = response.body.getReader();
    const parts: Uint8Array[] = [];
    const md5 = file.md5 ? new Md5() : undefined;
    let got = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        md5?.update(value);
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
    if (
      Number.isFinite(expected) &&
      expected > 0 &&
      got !== expected &&
      !response.headers.has('content-encoding')
    ) {
      loaded -= got;
      throw named('NetworkError', `${fileName(file.url)} arrived incomplete (${got} of ${expected} bytes)`);
    }
    const mismatch = await checkFile(file, response, parts, got, md5);
    if (mismatch) {
      loaded -= got;
      const error = new ModelFileMismatch(
        `${fileName(file.url)} does not match the model's index: ${mismatch}`,
      );
      error.changed = mismatch.startsWith('changed: ');
      throw error;
    }
    return { response, parts, got };
  };

  const fetchOne = async (file: ModelFile) => {
    let fetched: Awaited<ReturnType<typeof fetchChecked>>;
    try {
      fetched = await fetchChecked(file);
    } catch (error) {
      // A file that does not match is fetched again once (a proxy's hiccup), then reported.
      if (!(error instanceof ModelFileMismatch)) throw error;
      fetched = await fetchChecked(file).catch((again: unknown) => {
        if (!(again instanceof ModelFileMismatch)) throw again;
        // Not cached: the next try measures the file again (a new version), or fetches it again.
        throw again.changed
          ? named(
              'ModelFileChangedError',
              `${fileName(file.url)} changed on its server while it downloaded (${again.message.split(': changed: ')[1]})`,
            )
          : named('NetworkError', again.message);
      });
    }
    const { response, parts, got } = fetched;
    // Only a complete file that matches the index enters the cache.
    const headers = new Headers(response.headers);
    headers.set('content-length', String(got));
    headers.delete('content-encoding');
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
    // Account for a file whose size was not known exactly beforehand (0: its host did not say).
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
