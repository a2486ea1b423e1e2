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
 * `fetch`, where a request that gets no answer is named for why, told apart where it happens (the
 * browser only says "Failed to fetch"): a host that answers, but not this page (no CORS headers),
 * is a `CorsError`; a host that does not answer at all, a `NetworkError` naming it. A cancel
 * rethrows the signal's reason.
 */
export async function fetchAnswer(url: string, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch {
    const { signal } = init;
    const host = URL.canParse(url) ? new URL(url).host : '';
    // Does the host answer at all (no CORS: an opaque answer, nothing read), and this page (CORS)?
    // Only the first: it does not allow this page (no retry helps); both: a passing failure.
    const answers = (mode: RequestMode) =>
      fetch(url, { method: 'HEAD', mode, cache: 'no-store', signal: signal ?? null }).then(
        () => true,
        () => false,
      );
    if (host && !signal?.aborted && (await answers('no-cors')) && !(await answers('cors')))
      throw named('CorsError', `${host} does not allow this page to fetch ${fileName(url)} (no CORS)`);
    if (signal?.aborted) throw signal.reason;
    throw named('NetworkError', host ? `could not reach ${host}` : `could not fetch ${fileName(url)}`);
  }
}

/** `fetchAnswer`, where a status other than 2xx throws (see `httpError`). */
export async function fetchOk(url: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetchAnswer(url, init);
  if (!response.ok) throw httpError(url, response.status);
  return response;
}

/**
 * At most `limit` bytes of a response's body (fewer when it is shorter): reading stops there and
 * the rest is cancelled, so a host that ignores `Range` (and sends a whole 1.5 GB file) moves
 * `limit` bytes, plus what was already in flight.
 */
export async function readAtMost(response: Response, limit: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const reader = response.body?.getReader();
  try {
    for (let length = 0; reader && length < limit;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      length += value.byteLength;
    }
  } finally {
    void reader?.cancel().catch(() => undefined);
  }
  return new Uint8Array(await new Blob(parts as BlobPart[]).arrayBuffer()).subarray(0, limit);
}

/** The most a model's JSON file (config, index) may be, 8 MiB: a larger one is no model's. */
const JSON_BUDGET = 8 * 2 ** 20;

/** A model's JSON file as text, read within `JSON_BUDGET`; a larger one is not a model's file. */
export async function readSmallText(url: string, response: Response): Promise<string> {
  const bytes = await readAtMost(response, JSON_BUDGET + 1);
  if (bytes.byteLength > JSON_BUDGET)
    throw named('ModelFilesInvalidError', `${fileName(url)} is larger than 8 MB: not a model file`);
  return new TextDecoder().decode(bytes);
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
