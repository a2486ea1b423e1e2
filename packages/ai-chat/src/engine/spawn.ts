/**
 * Start the model worker: from `url` (`worker-url`: a host serves the worker itself, its files beside
 * it), else from the package's own worker (`workerFiles()`: the ready-made worker of dist/cdn/, or the
 * copies a bundler made of its files, whose URLs go to the worker in its URL's fragment). Same
 * origin: `new Worker(url, { type: 'module' })`. Another origin (the script tag served from a CDN): a
 * module worker cannot start from a foreign URL, so it starts from a `blob:` URL whose body imports
 * the worker module. A worker whose entry does not load fails with words for the page author: where
 * it looked, and how to serve the files.
 */
import { workerFiles } from '../worker-files.js';
import type { WorkerSource } from './start-failure.js';

const OPTIONS: WorkerOptions = { type: 'module', name: 'ai-chat' };

export function spawnWorker(url?: string | URL): Worker {
  const { entry, files } =
    url === undefined ? workerFiles() : { entry: new URL(url, document.baseURI).href, files: undefined };
  const href = files ? `${entry}#${encodeURIComponent(JSON.stringify(files))}` : entry;
  const worker = sameOrigin(entry) ? new Worker(href, OPTIONS) : fromBlob(href);
  explainStartFailure(worker, entry, url !== undefined ? 'worker-url' : files ? 'npm' : 'script');
  return worker;
}

function fromBlob(href: string): Worker {
  const body = new Blob([`import ${JSON.stringify(href)};`], { type: 'text/javascript' });
  const blobUrl = URL.createObjectURL(body);
  try {
    return new Worker(blobUrl, OPTIONS);
  } finally {
    // The worker has its own reference to the script once constructed.
    setTimeout(() => URL.revokeObjectURL(blobUrl), 60_000);
  }
}

function sameOrigin(href: string): boolean {
  return new URL(href, document.baseURI).origin === location.origin;
}

/**
 * A worker whose entry did not load fires a bare `error` event (no message). Hold it back from the
 * other listeners, and fire an `ErrorEvent` that says why (`start-failure.ts`). An error thrown by
 * the running worker (an `ErrorEvent` with a message) passes untouched.
 */
function explainStartFailure(worker: Worker, entry: string, source: WorkerSource) {
  // A page's Content-Security-Policy that blocks the worker (`worker-src` without `blob:` for a
  // script on another origin) says so only in a `securitypolicyviolation` event: the directive it
  // names, heard until the worker's first message, is the reason.
  let directive: string | undefined;
  const heard = ({ blockedURI, effectiveDirective: d }: SecurityPolicyViolationEvent) =>
    /^(worker|child|script)-src/.test(d) &&
    (blockedURI === 'blob' || entry.startsWith(blockedURI || ' ')) &&
    (directive = d);
  document.addEventListener('securitypolicyviolation', heard);
  const deaf = () => document.removeEventListener('securitypolicyviolation', heard);
  worker.addEventListener('message', deaf, { once: true });
  worker.addEventListener(
    'error',
    (event) => {
      if (event instanceof ErrorEvent && event.message) return;
      event.stopImmediatePropagation();
      event.preventDefault();
      void import('./start-failure.js')
        .then((m) => m.explainStartFailure(entry, source, () => directive))
        .finally(deaf)
        .catch(() => undefined)
        .then((error) =>
          worker.dispatchEvent(new ErrorEvent('error', { message: error?.message ?? '', error })),
        );
    },
    { once: true },
  );
}
