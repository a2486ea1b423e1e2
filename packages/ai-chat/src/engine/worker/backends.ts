/**
 * The worker's backends, one row per worker runtime of the runtime table (`../kinds.ts`), in the
 * table's order, each from its folder's `row.ts`. Adding a worker runtime is a folder and a row
 * here (the type asks for one row per `WorkerKind`).
 */
import type { WorkerKind } from '../kinds.js';
import type { BackendRow } from './shared/backend-row.js';
import { webllmRow } from './webllm/row.js';
import { wllamaRow, type WllamaOptions } from './wllama/row.js';

/** What the worker's entry hands the backends: what each row's `create` needs. */
export type BackendOptions = WllamaOptions;

export const BACKENDS: { readonly [K in WorkerKind]: BackendRow<BackendOptions> } = {
  webgpu: webllmRow,
  wasm: wllamaRow,
};
