/**
 * The runtimes a page can list in `runtime`, one row each: the only place their names are written.
 * `side` says where a runtime runs: in the model worker (its backend in `worker/<folder>/`, keyed
 * by `WorkerKind` in `worker/backends.ts`) or on the page (its loader keyed by `PageKind` in
 * `page/registry.ts`). `default` rows make the default list, in table order. Pure and tiny: the
 * page and the worker both import it.
 */
export const RUNTIMES = [
  // The browser's own model (Prompt API). Followed by other runtimes (as by default), it serves only
  // when the browser has its model ready (`available`): nothing to download, no consent card.
  { kind: 'builtin', side: 'page', default: true },
  { kind: 'webgpu', side: 'worker', default: true }, // WebLLM on WebGPU
  { kind: 'wasm', side: 'worker', default: true }, // llama.cpp (wllama) on the CPU
] as const;

type Row = (typeof RUNTIMES)[number];
export type RuntimeKind = Row['kind'];
export type WorkerKind = Extract<Row, { side: 'worker' }>['kind'];
export type PageKind = Extract<Row, { side: 'page' }>['kind'];

/** Every kind, in table order. */
export const RUNTIME_KINDS: readonly RuntimeKind[] = RUNTIMES.map((r) => r.kind);

/** The kinds that run in the model worker, in table order. */
export const WORKER_KINDS: readonly WorkerKind[] = RUNTIMES.flatMap((r) =>
  r.side === 'worker' ? [r.kind] : [],
);

export const isWorkerKind = (kind: RuntimeKind): kind is WorkerKind =>
  (WORKER_KINDS as string[]).includes(kind);

/** The runtimes used when a page lists none: `builtin webgpu wasm`. */
export const DEFAULT_RUNTIMES: readonly RuntimeKind[] = RUNTIMES.flatMap((r) => (r.default ? [r.kind] : []));

/** The `runtime` property's default value: the default list as the attribute writes it. */
export const DEFAULT_RUNTIME = DEFAULT_RUNTIMES.join(' ');
