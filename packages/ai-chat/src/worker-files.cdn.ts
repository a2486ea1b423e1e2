/**
 * Where the model worker's files are, in the script-tag build (dist/cdn/, built in place of
 * `worker-files.ts`): its entry `worker.js` beside the script, which finds its other files beside
 * itself. This code may run from the script itself or from one of its chunks (`chunks/`).
 */
import type { WorkerFiles } from './worker-files.js';

export const workerFiles = (): WorkerFiles => ({
  entry: new URL(
    /\/chunks\/[^/]*$/.test(new URL(import.meta.url).pathname) ? '../worker.js' : './worker.js',
    import.meta.url,
  ).href,
});
