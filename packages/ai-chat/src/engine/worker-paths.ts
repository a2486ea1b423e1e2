/**
 * How the linked worker (`worker-linked.ts`, npm installs) finds its files: by their path in
 * `dist/cdn/` (`linked/chunk-X.js`, `chunks/web-llm-Y.js`, `wllama/wllama.wasm`), at the URL the
 * page names for each in the entry URL's fragment (`#` and the JSON of path → URL: a bundler copied
 * them under other names), else in `dist/cdn/` where the entry is.
 */
import type { WireError } from './protocol.js';

/** The files a page names in the worker URL's fragment: path → URL (anything unreadable: none). */
export function readFileMap(hash: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(decodeURIComponent(hash.slice(1)));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/**
 * The entry's own URL, with the page's fragment: `import.meta.url` (`moduleUrl`), unless a bundler
 * wrote its own path there (Parcel and webpack write `file://…` when they process the file): then
 * the URL the worker started from (`workerUrl`; a `blob:` start carries the fragment on the module
 * only).
 */
export const entryUrl = (moduleUrl: string, workerUrl: string): string =>
  new URL(moduleUrl).hash || !new URL(workerUrl).hash ? moduleUrl : workerUrl;

/** Where the file at `path` in dist/cdn/ is, for the entry at `entryUrl` (`dist/cdn/linked/worker.js`). */
export function fileResolver(entryUrl: string): (path: string) => string {
  const named = readFileMap(new URL(entryUrl).hash);
  return (path) => {
    const url = named[path];
    return typeof url === 'string' ? url : new URL(`../${path}`, entryUrl).href;
  };
}

/** Why the worker file `path` did not load from `url` (`status`: what the server answers, 0: nothing). */
export function fileError(path: string, url: string, status: number, cause: unknown): WireError {
  return status === 404
    ? { name: 'WorkerFilesMissing', message: `${url} (ai-chat/dist/cdn/${path}) answered 404` }
    : {
        name: 'WorkerFileError',
        message: `${url} (ai-chat/dist/cdn/${path}) did not load: ${String(cause)}`,
      };
}
