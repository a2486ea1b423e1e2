/**
 * The model worker's entry (`ai-chat/worker.js`, `dist/cdn/worker.js`): the protocol host
 * (`worker/start.ts`), its files beside it (`wllama/`, `chunks/`). It serves only inside a worker:
 * importing it anywhere else (Node, a server render, a page) does nothing. npm installs start the
 * same worker through `worker-linked.ts`.
 */
import { start } from './worker/start.js';

declare const WorkerGlobalScope: (abstract new () => unknown) | undefined;

if (typeof WorkerGlobalScope === 'function' && self instanceof WorkerGlobalScope)
  start(self as unknown as Parameters<typeof start>[0], (path) => new URL(path, import.meta.url).href);
