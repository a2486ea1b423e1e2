/** The start of a GGUF file, for its header, within a byte budget whatever its host answers. */
import { fetchAnswer, httpError, readAtMost } from '../shared/http.js';

/**
 * The first `bytes` of the file at `url` (a ranged `GET`; a host that ignores `Range` is read no
 * further). An empty file is an empty array (416, or an empty body).
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
