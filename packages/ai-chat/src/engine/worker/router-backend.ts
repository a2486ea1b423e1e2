/**
 * The model worker serves one backend per model spec, chosen here: `spec.runtimes` in order of
 * preference (`['webgpu', 'wasm']` when absent). A GGUF catalog id or a `model-url` ending in
 * `.gguf` names the CPU runtime; a WebLLM id or a self-hosted MLC model the WebGPU one. `auto`
 * takes the first runtime with a model that fits the limits on this device: WebLLM when there is
 * a WebGPU adapter and one of its models fits, else llama.cpp on the CPU.
 *
 * This module is in the worker's entry; each runtime's backend (with its preflight) is a chunk of
 * its own, imported the first time that runtime is tried, and the WebGPU one only on a device with
 * an adapter. Each backend imports its load code (downloader, web-llm or wllama) only when a model
 * of its own loads.
 */
import type { ChatEngine } from '../engine.js';
import type { ModelSpec, PreflightResult } from '../protocol.js';
import { workerDevice } from './shared/device-probe.js';
import { isGgufUrl, type CatalogModel } from './wllama/gguf-catalog.js';
import { isUnavailable, named } from '../errors.js';
import { noWebGPU, notFound } from './shared/errors.js';
import type { WllamaAssets } from './wllama/backend.js';
import type { WorkerBackend } from './worker-host.js';

type WorkerRuntime = 'webgpu' | 'wasm';

export interface RouterOptions {
  assets: WllamaAssets;
  catalog: readonly CatalogModel[];
  /** Backends by runtime (tests hand in their own). */
  backends?: Partial<Record<WorkerRuntime, WorkerBackend>>;
}

export const runtimesOf = (spec: ModelSpec): WorkerRuntime[] =>
  spec.runtimes?.length ? spec.runtimes : ['webgpu', 'wasm'];

/** The runtime a spec names unambiguously, or undefined (`auto`). */
export function namedRuntime(spec: ModelSpec, catalog: readonly CatalogModel[]): WorkerRuntime | undefined {
  if (isGgufUrl(spec.modelUrl)) return 'wasm';
  if (spec.modelUrl) return 'webgpu';
  if (spec.model === 'auto') return runtimesOf(spec).length === 1 ? runtimesOf(spec)[0] : undefined;
  if (catalog.some((m) => m.id === spec.model)) return 'wasm';
  return 'webgpu';
}

/** Within the page's limits (or this device's memory when the page sets none)? */
export function fits(result: PreflightResult, spec: ModelSpec): boolean {
  const memory = spec.maxMemoryBytes ?? result.memoryLimitBytes;
  return (
    (spec.maxDownloadBytes === undefined || result.downloadBytes <= spec.maxDownloadBytes) &&
    result.vramMB * 2 ** 20 <= memory
  );
}

export function createRouterBackend(options: RouterOptions): WorkerBackend {
  const given = options.backends ?? {};
  const made: Partial<Record<WorkerRuntime, Promise<WorkerBackend>>> = {};
  /** A runtime's backend, its chunk imported the first time that runtime is tried. */
  const backend = (runtime: WorkerRuntime): Promise<WorkerBackend> =>
    (made[runtime] ??= given[runtime]
      ? Promise.resolve(given[runtime])
      : runtime === 'webgpu'
        ? import('./webllm/backend.js').then((m) => m.createWebLLMBackend())
        : import('./wllama/backend.js').then((m) => m.createWllamaBackend(options.assets, options.catalog)));
  /** A runtime's preflight; WebGPU's chunk is not even imported on a device without an adapter. */
  async function preflightOn(runtime: WorkerRuntime, spec: ModelSpec): Promise<PreflightResult> {
    if (runtime === 'webgpu' && !given.webgpu && !(await workerDevice()).webgpu) throw noWebGPU();
    return { ...(await (await backend(runtime)).preflight(spec)), runtime };
  }
  /** The runtime each spec resolved to, so the load goes where the preflight went. */
  const chosen = new Map<string, WorkerRuntime>();
  let active: WorkerBackend | undefined;
  const keyOf = (spec: ModelSpec) => JSON.stringify(spec);

  async function resolve(spec: ModelSpec): Promise<{ runtime: WorkerRuntime; result: PreflightResult }> {
    const named_ = namedRuntime(spec, options.catalog);
    if (named_) {
      if (
        named_ === 'webgpu' &&
        !runtimesOf(spec).includes('webgpu') &&
        spec.model !== 'auto' &&
        !spec.modelUrl
      )
        throw notFound(spec.model);
      return { runtime: named_, result: await preflightOn(named_, spec) };
    }
    let first: { runtime: WorkerRuntime; result: PreflightResult } | undefined;
    let lastError: unknown;
    for (const runtime of runtimesOf(spec)) {
      try {
        const result = await preflightOn(runtime, spec);
        if (fits(result, spec)) return { runtime, result };
        first ??= { runtime, result };
      } catch (error) {
        if (!isUnavailable(error)) throw error;
        lastError ??= error;
      }
    }
    // Nothing fits anywhere: the first runtime's model, so the refusal names a real model.
    if (first) return first;
    throw lastError;
  }

  return {
    get engine(): ChatEngine {
      if (!active) throw named('EngineNotLoadedError', 'No model is loaded');
      return active.engine;
    },
    async preflight(spec) {
      const { runtime, result } = await resolve(spec);
      chosen.set(keyOf(spec), runtime);
      return result;
    },
    async load(spec, report) {
      const runtime = chosen.get(keyOf(spec)) ?? (await resolve(spec)).runtime;
      const target = await backend(runtime);
      if (active && active !== target) await active.unload();
      active = target;
      return { ...(await target.load(spec, report)), runtime };
    },
    async unload() {
      await active?.unload();
    },
    async clearCache(spec) {
      const runtime = chosen.get(keyOf(spec)) ?? (await resolve(spec)).runtime;
      await (await backend(runtime)).clearCache(spec);
    },
  };
}
