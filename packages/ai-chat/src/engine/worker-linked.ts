/**
 * The model worker's entry in npm installs (`dist/cdn/linked/worker.js`, listed by
 * `dist/worker-files.js`). Bundlers copy the worker's files for the page under other names, so its
 * files are linked (`scripts/link-worker.mjs`): they import one another through `__aiChatImport`,
 * defined here, which loads each by its path (`worker-paths.ts`) and takes its exports from
 * `__aiChatFiles`, where each file puts them. It imports nothing as it loads,
 * and holds the page's first messages until the protocol host listens. Outside a worker it does
 * nothing.
 */
import type { WorkerRequest, WorkerResponse } from './protocol.js';
import { entryUrl, fileError, fileResolver } from './worker-paths.js';

declare const WorkerGlobalScope: (abstract new () => unknown) | undefined;

interface Scope {
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerRequest>) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent<WorkerRequest>) => void): void;
  dispatchEvent(event: Event): boolean;
  postMessage(message: WorkerResponse): void;
}

function boot(scope: Scope, fileUrl: (path: string) => string) {
  // Each file puts the promise of its exports in `__aiChatFiles` under its path as it loads.
  const global = globalThis as Record<string, unknown>;
  const files = (global['__aiChatFiles'] ??= {}) as Record<string, Promise<unknown>>;
  global['__aiChatImport'] = (path: string) =>
    import(/* @vite-ignore */ fileUrl(path)).then(
      () => files[path],
      async (cause: unknown) => {
        const status = await fetch(fileUrl(path), { method: 'HEAD' }).then(
          (r) => r.status,
          () => 0,
        );
        throw Object.assign(new Error(), fileError(path, fileUrl(path), status, cause));
      },
    );
  const early: MessageEvent<WorkerRequest>[] = [];
  const hold = (event: MessageEvent<WorkerRequest>) => early.push(event);
  scope.addEventListener('message', hold);
  import('./worker/start.js')
    .then(({ start }) => {
      start(scope, fileUrl);
      scope.removeEventListener('message', hold);
      for (const { data } of early.splice(0)) scope.dispatchEvent(new MessageEvent('message', { data }));
    })
    .catch((error: Error) => {
      // The host cannot start (a file missing): every request gets the reason.
      const fail = ({ data }: MessageEvent<WorkerRequest>) =>
        scope.postMessage({
          type: 'error',
          id: data.id,
          error: { name: error.name, message: error.message },
        });
      scope.removeEventListener('message', hold);
      early.splice(0).forEach(fail);
      scope.addEventListener('message', fail);
    });
}

if (typeof WorkerGlobalScope === 'function' && self instanceof WorkerGlobalScope)
  boot(self as unknown as Scope, fileResolver(entryUrl(import.meta.url, self.location.href)));
