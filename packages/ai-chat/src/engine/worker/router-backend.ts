/**
 * The model worker serves one backend per model spec, chosen here from the worker's table
 * (`backends.ts`): `spec.runtimes` in order of preference (the table's default ones when absent).
 * A spec that names a runtime (see each row's `claims`: a `.gguf` URL or a GGUF catalog id names
 * the CPU, any other id or model URL WebGPU) goes there. `auto` takes the first runtime with a
 * model that fits the limits on this device: WebLLM when there is a WebGPU adapter and one of its
 * models fits, else llama.cpp on the CPU.
 *
 * This module is in the worker's entry; each runtime's backend (with its preflight) is a chunk of
 * its own, imported the first time that runtime is tried (and not before its row's `check`
 * passes: WebGPU's only on a device with an adapter). Each backend imports its load code
 * (downloader, web-llm or wllama) only when a model of its own loads.
 */
import { checkLimits, firstThatFits } from '../../fit/limits.js';
import type { ChatEngine } from '../engine.js';
import { isUnavailable } from '../errors.js';
import type { WorkerKind } from '../kinds.js';
import type { ModelSpec, PreflightResult } from '../protocol.js';
import { BACKENDS, type BackendOptions } from './backends.js';
import type { Claim } from './shared/backend-row.js';
import { notFound, notLoaded } from './shared/errors.js';
import type { CatalogModel } from './wllama/gguf-catalog.js';
import type { RuntimeBackend, WorkerBackend } from './worker-host.js';

export interface RouterOptions extends Omit<BackendOptions, 'catalog'> {
  /**
   * The models the worker knows by id beyond WebLLM's list (the GGUF catalog), or how to import
   * them: the first time a spec names a model by id, or a runtime that needs them is tried.
   */
  catalog: readonly CatalogModel[] | (() => Promise<readonly CatalogModel[]>);
  /** Backends by runtime (tests hand in their own). */
  backends?: Partial<Record<WorkerKind, RuntimeBackend>>;
}

/** Every worker runtime, in the table's order. */
const WORKER_RUNTIMES = Object.keys(BACKENDS) as WorkerKind[];

/** The runtimes a spec allows, in order of preference (the page always says; absent: every one). */
export const runtimesOf = (spec: ModelSpec): WorkerKind[] =>
  spec.runtimes?.length ? spec.runtimes : [...WORKER_RUNTIMES];

/** The runtime a spec names, and how (see `Claim`); undefined for `auto` among several runtimes. */
function claimOf(
  spec: ModelSpec,
  catalog: readonly { id: string }[],
): { runtime: WorkerKind; claim: Claim } | undefined {
  if (spec.model === 'auto' && !spec.modelUrl) {
    const runtimes = runtimesOf(spec);
    return runtimes.length === 1 ? { runtime: runtimes[0]!, claim: 'owns' } : undefined;
  }
  for (const claim of ['owns', 'accepts'] as const) {
    const runtime = WORKER_RUNTIMES.find((kind) => BACKENDS[kind].claims(spec, catalog) === claim);
    if (runtime) return { runtime, claim };
  }
  return undefined;
}

/** The runtime a spec names unambiguously, or undefined (`auto`). */
export function namedRuntime(spec: ModelSpec, catalog: readonly { id: string }[]): WorkerKind | undefined {
  return claimOf(spec, catalog)?.runtime;
}

/** Within the page's limits (or this device's memory when the page sets none)? */
export const fits = (result: PreflightResult, spec: ModelSpec): boolean =>
  checkLimits(result, { maxModelSize: spec.maxDownloadBytes, maxMemory: spec.maxMemoryBytes }) === undefined;

export function createRouterBackend(options: RouterOptions): WorkerBackend {
  const given = options.backends ?? {};
  const source = options.catalog;
  let catalog: Promise<readonly CatalogModel[]> | undefined;
  /** What the rows make backends with; the catalog imported once, when first needed. */
  const backendOptions: BackendOptions = {
    assets: options.assets,
    catalog: () => (catalog ??= typeof source === 'function' ? source() : Promise.resolve(source)),
  };
  const made: Partial<Record<WorkerKind, Promise<RuntimeBackend>>> = {};
  /** A runtime's backend, its chunk imported the first time that runtime is tried. */
  const backend = (runtime: WorkerKind): Promise<RuntimeBackend> =>
    (made[runtime] ??= given[runtime]
      ? Promise.resolve(given[runtime])
      : BACKENDS[runtime].create(backendOptions));
  /** A runtime's preflight, after its row's check (a handed-in backend skips the check). */
  async function preflightOn(runtime: WorkerKind, spec: ModelSpec): Promise<PreflightResult> {
    if (!given[runtime]) await BACKENDS[runtime].check?.();
    return { ...(await (await backend(runtime)).preflight(spec)), runtime };
  }
  /** The runtime each spec resolved to, so the load goes where the preflight went. */
  const chosen = new Map<string, WorkerKind>();
  let active: RuntimeBackend | undefined;
  const keyOf = (spec: ModelSpec) => JSON.stringify(spec);

  async function resolve(spec: ModelSpec): Promise<{ runtime: WorkerKind; result: PreflightResult }> {
    // The catalog is read only for a model named by id.
    const byId = !spec.modelUrl && spec.model !== 'auto';
    const named_ = claimOf(spec, byId ? await backendOptions.catalog() : []);
    if (named_) {
      // An id only a runtime that takes any id would take, and the page does not allow that one.
      if (named_.claim === 'accepts' && !spec.modelUrl && !runtimesOf(spec).includes(named_.runtime))
        throw notFound(spec.model);
      return { runtime: named_.runtime, result: await preflightOn(named_.runtime, spec) };
    }
    // Nothing fits anywhere: the first runtime's model, so the refusal names a real model.
    const { candidate, result } = await firstThatFits(runtimesOf(spec), (r) => preflightOn(r, spec), {
      skip: isUnavailable,
      fits: (r) => fits(r, spec),
    });
    return { runtime: candidate, result };
  }

  return {
    get engine(): ChatEngine {
      if (!active) throw notLoaded();
      return active.engine;
    },
    async preflight(spec) {
      const { runtime, result } = await resolve(spec);
      chosen.set(keyOf(spec), runtime);
      return result;
    },
    async load(given, report, from) {
      // The model the page chose (`given`, by id), by the spec that chose it when this worker ran
      // that preflight (reused), else by itself.
      const spec = from && chosen.has(keyOf(from)) ? from : given;
      const runtime = chosen.get(keyOf(spec)) ?? (await resolve(spec)).runtime;
      const target = await backend(runtime);
      if (active && active !== target) await active.unload();
      active = target;
      return { ...(await target.load(spec, report)), runtime };
    },
    async unload() {
      await active?.unload();
    },
    async count(messages) {
      return active?.count?.(messages);
    },
    async clearCache(spec) {
      const runtime = chosen.get(keyOf(spec)) ?? (await resolve(spec)).runtime;
      await (await backend(runtime)).clearCache(spec);
    },
  };
}
