/**
 * A worker runtime's row in the worker's table (`../backends.ts`): what the router needs before it
 * imports the runtime's backend, which is a chunk of its own. Each backend folder has one
 * (`row.ts`), small enough to be in the worker's entry.
 */
import type { ModelSpec } from '../../protocol.js';
import type { RuntimeBackend } from '../worker-host.js';

/**
 * How a spec names a runtime: `owns`, the spec names a model of this runtime's own kind (its file
 * format, an id of its catalog), whatever the page's list allows; `accepts`, this runtime takes any
 * model id or URL no runtime owns (it learns at its preflight whether the model exists).
 */
export type Claim = 'owns' | 'accepts' | undefined;

export interface BackendRow<Options> {
  /** How `spec` names this runtime; `catalog` is the models the worker knows by id (see `worker.ts`). */
  claims(spec: ModelSpec, catalog: readonly { id: string }[]): Claim;
  /** Throws the "cannot serve here" error (see `unavailable`) before the chunk is imported, when known. */
  check?(): Promise<void>;
  /** Import the backend's chunk and make the backend. */
  create(options: Options): Promise<RuntimeBackend>;
}
