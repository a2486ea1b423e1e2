/**
 * Start the model worker. Same origin: `new Worker(url, {type: 'module'})`, in the exact form
 * bundlers (Vite, webpack) recognize and bundle. Another origin (the script tag served from a CDN):
 * a module worker cannot start from a foreign URL, so it starts from a `blob:` URL whose body
 * imports the worker module.
 */
export function spawnWorker(url?: string | URL): Worker {
  if (url === undefined) {
    if (sameOrigin(import.meta.url)) {
      return new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'ai-chat' });
    }
    url = new URL('./worker.js', import.meta.url);
  }
  const href = new URL(url, document.baseURI).href;
  if (sameOrigin(href)) return new Worker(href, { type: 'module', name: 'ai-chat' });
  const body = new Blob([`import ${JSON.stringify(href)};`], { type: 'text/javascript' });
  const blobUrl = URL.createObjectURL(body);
  try {
    const worker = new Worker(blobUrl, { type: 'module', name: 'ai-chat' });
    fromBlob.add(worker);
    return worker;
  } finally {
    // The worker has its own reference to the script once constructed.
    setTimeout(() => URL.revokeObjectURL(blobUrl), 60_000);
  }
}

/** Workers started from a `blob:` URL (a page's `worker-src` must allow `blob:`). */
export const fromBlob = new WeakSet<Worker>();

function sameOrigin(href: string): boolean {
  return new URL(href, document.baseURI).origin === location.origin;
}
