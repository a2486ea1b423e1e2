/** Fetches for the worker's preflight and downloader, with failures named for `toChatError`. */
import { named } from '../../errors.js';

const fileName = (url: string) => (URL.canParse(url) ? new URL(url).pathname.split('/').pop() : '') || url;

/** An HTTP error status as a named error: 404 is `ModelFilesNotFoundError`, others `NetworkError`. */
export function httpError(url: string, status: number): Error {
  return named(
    status === 404 ? 'ModelFilesNotFoundError' : 'NetworkError',
    `${fileName(url)} answered HTTP ${status}`,
  );
}

/**
 * `fetch`, where a request that gets no answer is named for why, told apart here (the browser only
 * says "Failed to fetch"): a host that answers, but not to this page (it sends no CORS headers),
 * is a `CorsError`; a host that does not answer at all a `NetworkError` naming it. A cancel
 * rethrows the signal's reason.
 */
export async function fetchAnswer(url: string, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch {
    if (init.signal?.aborted) throw init.signal.reason;
    const host = URL.canParse(url) ? new URL(url).host : '';
    // Does the host answer at all (without CORS: an opaque answer, nothing read), and does it
    // answer this page (a plain HEAD with CORS)? Answering only the first is a host without CORS
    // headers for this page; answering both, a passing failure (a retry can succeed).
    if (host && (await answers(url, 'no-cors', init.signal)) && !(await answers(url, 'cors', init.signal)))
      throw named(
        'CorsError',
        `${host} does not allow this page to fetch ${fileName(url)} (no CORS headers)`,
      );
    if (init.signal?.aborted) throw init.signal.reason;
    throw named('NetworkError', host ? `could not reach ${host}` : `could not fetch ${fileName(url)}`);
  }
}

async function answers(url: string, mode: RequestMode, signal?: AbortSignal | null): Promise<boolean> {
  try {
    await fetch(url, { method: 'HEAD', mode, cache: 'no-store', ...(signal ? { signal } : {}) });
    return true;
  } catch {
    return false;
  }
}

/** `fetchAnswer`, where a status other than 2xx throws (see `httpError`). */
export async function fetchOk(url: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetchAnswer(url, init);
  if (!response.ok) throw httpError(url, response.status);
  return response;
}

/**
 * At most `limit` bytes of a response's body: reading stops there and the rest is cancelled, so a
 * host that ignores `Range` (and sends a whole 1.5 GB file) moves at most `limit` bytes, plus what
 * is already in flight. Resolves with the bytes read (fewer when the body is shorter).
 */
export async function readAtMost(response: Response, limit: number): Promise<Uint8Array> {
  const out = new Uint8Array(limit);
  let length = 0;
  const reader = response.body?.getReader();
  if (!reader) return out.subarray(0, 0);
  try {
    while (length < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      const take = Math.min(value.byteLength, limit - length);
      out.set(value.subarray(0, take), length);
      length += take;
    }
  } finally {
    void reader.cancel().catch(() => undefined);
  }
  return out.subarray(0, length);
}

/** The most a model's JSON file (config, index) may be: a larger one is no model's, and is not read. */
export const JSON_BUDGET = 8 * 2 ** 20;

/** A model's JSON file as text, read within `JSON_BUDGET`; a larger one is not a model's file. */
export async function readSmallText(url: string, response: Response): Promise<string> {
  const bytes = await readAtMost(response, JSON_BUDGET + 1);
  if (bytes.byteLength > JSON_BUDGET)
    throw named(
      'ModelFilesInvalidError',
      `${fileName(url)} is larger than ${JSON_BUDGET >> 20} MB: not a model file`,
    );
  return new TextDecoder().decode(bytes);
}

/**
 * The first `bytes` of a file, within that budget whatever the host answers (a ranged `GET`; a
 * host that ignores `Range` is read no further). An empty file is an empty array (416, or an empty
 * body).
 */
export async function readStart(url: string, bytes: number, signal?: AbortSignal): Promise<Uint8Array> {
  const response = await fetchAnswer(url, {
    headers: { Range: `bytes=0-${bytes - 1}` },
    ...(signal ? { signal } : {}),
  });
  if (response.status === 416) return new Uint8Array(0);
  if (!response.ok) throw httpError(url, response.status);
  return readAtMost(response, bytes);
}

/** A whole number of bytes from a header, or undefined when the header is missing or not one. */
export function byteCount(value: string | null): number | undefined {
  return value !== null && /^\s*\d+\s*$/.test(value) ? Number(value) : undefined;
}

/** True when a response is an HTML page (a host's error or login page answered with 200). */
export const isHtml = (response: Response) =>
  /^\s*text\/html/i.test(response.headers.get('content-type') ?? '');

/**
 * The size of a remote file without fetching it: `HEAD`, and where a host refuses `HEAD` (or does
 * not say the length) a ranged `GET` of one byte, read from `Content-Range`. 0 when unknown.
 */
export async function remoteSize(url: string, signal?: AbortSignal): Promise<number> {
  const init = signal ? { signal } : {};
  try {
    const head = await fetchOk(url, { ...init, method: 'HEAD' });
    const length = byteCount(head.headers.get('content-length'));
    if (length !== undefined && !isHtml(head)) return length;
  } catch (error) {
    const name = (error as Error).name;
    if (signal?.aborted || name === 'ModelFilesNotFoundError' || name === 'CorsError') throw error;
  }
  const response = await fetchOk(url, { ...init, headers: { Range: 'bytes=0-0' } });
  void response.body?.cancel().catch(() => undefined);
  if (isHtml(response))
    throw named('ModelFilesInvalidError', `${fileName(url)} is a web page, not a model file`);
  const total = /\/\s*(\d+)\s*$/.exec(response.headers.get('content-range') ?? '')?.[1];
  if (total !== undefined) return Number(total);
  return response.status === 200 ? (byteCount(response.headers.get('content-length')) ?? 0) : 0;
}

export { fileName };
