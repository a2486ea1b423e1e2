/** Fetches for the worker's preflight and downloader, with failures named for `toChatError`. */

function named(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

const fileName = (url: string) => new URL(url).pathname.split('/').pop() || url;

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
    throw named('NetworkError', `could not reach ${new URL(url).host}`);
  }
  if (!response.ok) throw httpError(url, response.status);
  return response;
}

export { fileName, named };
