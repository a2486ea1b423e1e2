/**
 * Where the model worker's files are. This file is the source's own: tests run the worker from
 * src/. The build puts another in its place in each output:
 * - dist/ (npm): every file of `dist/cdn/` the worker uses, each named as
 *   `new URL('./cdn/…', import.meta.url)`: bundlers that copy such files for the page (Vite,
 *   webpack, Parcel) copy them and rewrite the URLs; bundlers that do not (esbuild, Rollup) leave
 *   the URLs relative to the bundle. That is why this module sits at the top of dist/.
 * - dist/cdn/ (the script tag): `worker-files.cdn.ts`, the worker beside the script.
 */
export interface WorkerFiles {
  /** The worker's entry. */
  entry: string;
  /** The URL of each other file, by its path in `dist/cdn/` (absent: the files sit beside the entry). */
  files?: Record<string, string>;
}

export const workerFiles = (): WorkerFiles => ({
  entry: new URL('./engine/worker.js', import.meta.url).href,
});
