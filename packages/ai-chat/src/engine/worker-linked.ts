/**
 * The model worker's entry in npm installs (`dist/cdn/linked/worker.js`, listed by
 * `dist/worker-files.js`). Bundlers copy the worker's files for the page under other names, so its
 * files are linked (`scripts/link-worker.mjs`): they import one another through `__aiChatImport`,
 * defined here, which finds each by its path (`worker-paths.ts`). It imports nothing as it loads,
 * and holds the page's first messages until the protocol host listens. Outside a worker it does
 * nothing.
 */
import type { WorkerRequest, WorkerResponse } from './protocol.js';
import { fileError, fileResolver } from './worker-paths.js';

declare const WorkerGlobalScope: (abstract new () => unknown) | undefined;

interface Scope {
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerRequest>) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent<WorkerRequest>) => void): void;
  dispatchEvent(event: Event): boolean;
  postMessage(message: WorkerResponse): void;
}

function boot(scope: Scope, fileUrl: (path: string) => string) {
  // A linked file's default export is the promise of its exports; a plain one (web-llm, wllama)
  // gives its exports.
  (globalThis as Record<string, unknown>)['__aiChatImport'] = (path: string, plain?: boolean) =>
    import(/* @vite-ignore */ fileUrl(path)).then(
      (module: { default: unknown }) => (plain ? module : module.default),
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
  import('./worker/start.js').then(
    ({ start }) => {
      start(scope, fileUrl);
      scope.removeEventListener('message', hold);
      for (const { data } of early.splice(0)) scope.dispatchEvent(new MessageEvent('message', { data }));
    },
    (error: Error) => {
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
    },
  );
}

if (typeof WorkerGlobalScope === 'function' && self instanceof WorkerGlobalScope)
  boot(self as unknown as Scope, fileResolver(import.meta.url));
