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
 * `fetch`, where an unreachable host is a `NetworkError` naming the host (the browser only says
 * "Failed to fetch"), a cancel rethrows the signal's reason, and a status other than 2xx throws.
 */
export async function fetchOk(url: string, init: RequestInit = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch {
    if (init.signal?.aborted) throw init.signal.reason;
    const host = URL.canParse(url) ? new URL(url).host : '';
    throw named('NetworkError', host ? `could not reach ${host}` : `could not fetch ${fileName(url)}`);
  }
  if (!response.ok) throw httpError(url, response.status);
  return response;
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
    if (signal?.aborted || (error as Error).name === 'ModelFilesNotFoundError') throw error;
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
