/**
 * Start the model worker. Same origin: `new Worker(url, {type: 'module'})`, in the exact form
 * bundlers (Vite, webpack) recognize and bundle. Another origin (the script tag served from a CDN):
 * a module worker cannot start from a foreign URL, so it starts from a `blob:` URL whose body
 * imports the worker module.
 */
export function spawnWorker(url?: string | URL): Worker {
  if (url === undefined) {
    if (sameOrigin(import.meta.url)) {
      const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'ai-chat' });
      return from(worker, new URL('./worker.js', import.meta.url).href);
    }
    url = new URL('./worker.js', import.meta.url);
  }
  const href = new URL(url, document.baseURI).href;
  if (sameOrigin(href)) return from(new Worker(href, { type: 'module', name: 'ai-chat' }), href);
  const body = new Blob([`import ${JSON.stringify(href)};`], { type: 'text/javascript' });
  const blobUrl = URL.createObjectURL(body);
  try {
    return from(new Worker(blobUrl, { type: 'module', name: 'ai-chat' }), blobUrl);
  } finally {
    // The worker has its own reference to the script once constructed.
    setTimeout(() => URL.revokeObjectURL(blobUrl), 60_000);
  }
}

const sources = new WeakMap<Worker, string>();
const from = (worker: Worker, source: string) => (sources.set(worker, source), worker);

/**
 * The URL a worker started from (its script, or the `blob:` URL that imports it): what a
 * Content-Security-Policy violation names when the page's policy blocks it (a `blob:` URL is named
 * `blob`).
 */
export function workerSource(worker: Worker): string | undefined {
  return sources.get(worker);
}

function sameOrigin(href: string): boolean {
  return new URL(href, document.baseURI).origin === location.origin;
}
