/**
 * The CPU runtime's GGUF files as the Cache API keeps them: in pieces, one entry per piece keyed by
 * the file's URL and the piece's first byte (see `gguf-download.ts`, which writes them). Reading
 * what is kept (for the preflight: cached? how large?), the kept file as one Blob, and deleting it.
 */
import { GGUF_SCOPE, openScope } from '../shared/cache-store.js';

const PIECE = 'ai-chat-piece=';
export const pieceUrl = (url: string, start: number) =>
  `${url}${url.includes('?') ? '&' : '?'}${PIECE}${start}`;

export interface Piece {
  request: Request;
  start: number;
  bytes: number;
  total: number;
  /** The file's version as its host named it when the piece arrived (`ETag` or `Last-Modified`). */
  validator: string | null;
}

/**
 * The download record: the pieces kept for `url`, contiguous from byte 0, all of one version of
 * the file (the first piece's total and validator) and within its total. Anything else (after a
 * gap, of another version, past the end) is dropped: a file spliced from two versions, or longer
 * than its host said, never counts as kept.
 */
export async function keptPieces(url: string): Promise<Piece[]> {
  const cache = await openScope(GGUF_SCOPE);
  const prefix = pieceUrl(url, 0).slice(0, -1);
  const found: Piece[] = [];
  for (const request of await cache.keys()) {
    if (!request.url.startsWith(prefix)) continue;
    const response = await cache.match(request);
    if (!response) continue;
    found.push({
      request,
      start: Number(request.url.slice(prefix.length)),
      bytes: Number(response.headers.get('content-length')),
      total: Number(response.headers.get('x-total-length')),
      validator: response.headers.get('x-validator') ?? response.headers.get('etag'),
    });
  }
  found.sort((a, b) => a.start - b.start);
  const kept: Piece[] = [];
  for (const piece of found) {
    const next = kept.reduce((n, p) => n + p.bytes, 0);
    const first = kept[0] ?? piece;
    if (
      piece.start === next &&
      piece.total === first.total &&
      piece.validator === first.validator &&
      next + piece.bytes <= first.total
    )
      kept.push(piece);
    else await cache.delete(piece.request);
  }
  return kept;
}

export interface CachedGguf {
  /** Bytes kept, from byte 0. */
  keptBytes: number;
  /** The file's length as the server said it (0 when nothing is kept). */
  totalBytes: number;
  complete: boolean;
}

export async function cachedGguf(url: string): Promise<CachedGguf> {
  const pieces = await keptPieces(url);
  const keptBytes = pieces.reduce((n, p) => n + p.bytes, 0);
  const totalBytes = pieces[0]?.total ?? 0;
  return { keptBytes, totalBytes, complete: keptBytes > 0 && keptBytes === totalBytes };
}

/** The whole cached file as one Blob (the cache's own blobs, joined), or undefined. */
export async function cachedGgufBlob(url: string, range?: number): Promise<Blob | undefined> {
  const pieces = await keptPieces(url);
  const kept = pieces.reduce((n, p) => n + p.bytes, 0);
  if (!pieces.length || (range === undefined && kept !== pieces[0]!.total)) return undefined;
  if (range !== undefined && kept < Math.min(range, pieces[0]!.total)) return undefined;
  const cache = await openScope(GGUF_SCOPE);
  const blobs: Blob[] = [];
  for (const piece of pieces) {
    const response = await cache.match(piece.request);
    if (!response) return undefined;
    blobs.push(await response.blob());
    if (range !== undefined && piece.start + piece.bytes >= range) break;
  }
  return new Blob(blobs);
}

export async function deleteGguf(url: string): Promise<number> {
  const cache = await openScope(GGUF_SCOPE);
  const pieces = await keptPieces(url);
  await Promise.all(pieces.map((p) => cache.delete(p.request)));
  return pieces.length;
}
