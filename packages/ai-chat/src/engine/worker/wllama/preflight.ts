/**
 * The CPU runtime's preflight, in the worker, before the first byte of weights: which GGUF model
 * (a catalog id, a `.gguf` URL, or `auto` within the limits), its size to the byte (HEAD, or the
 * cache), the memory its header implies for the context used, the wasm build this browser needs,
 * and the speed predicted from a short probe of this device. Needs no wllama.
 */
import {
  contextToUse,
  cpuMemoryBytes,
  predictMsPerToken,
  type BrowserEngine,
  type CpuModelShape,
  type WasmBuild,
} from '../../../fit/cpu.js';
import { defaultMemoryLimitMB, deviceOnce } from '../../../fit/device.js';
import { checkLimits, DEFAULT_LATENCY_THRESHOLD } from '../../../fit/limits.js';
import { cachedGguf, cachedGgufBlob } from './gguf-cache.js';
import { GgufTruncatedError, parseGgufHeader, shapeFromHeader } from './gguf-header.js';
import type { CatalogModel } from './gguf-catalog.js';
import { named } from '../../errors.js';
import { fileName, remoteSize } from '../shared/http.js';
import { readStart } from './header-read.js';
import { probeSpeed } from './speed-probe.js';
import { cpuHere } from './environment.js';
import { notFound } from '../shared/errors.js';
import type { ModelSpec } from '../../protocol.js';
import type { BackendResult } from '../worker-host.js';

export interface WasmPlan {
  url: string;
  totalBytes: number;
  shape: CpuModelShape;
  context: number;
  threads: number;
  engine: BrowserEngine;
}

export interface WasmPreflight {
  result: BackendResult;
  plan: WasmPlan;
}

/**
 * Threads: more than one only where the page is cross-origin isolated and `SharedArrayBuffer` is
 * there (WebKitGTK is isolated under COOP/COEP, yet has none: wllama then runs one thread).
 */
export function threadsToUse(): number {
  if (!globalThis.crossOriginIsolated || typeof SharedArrayBuffer !== 'function') return 1;
  return Math.max(1, Math.min(4, Math.floor((navigator.hardwareConcurrency || 2) / 2)));
}

/** The ms per token predicted for the plan's model on `cpu` (the build and threads loaded). */
export const predictFor = (plan: WasmPlan, cpu: { build: WasmBuild; threads: number }): number =>
  predictMsPerToken(plan.shape.weightBytes, probeSpeed(), {
    ...cpu,
    engine: plan.engine,
    quantization: plan.shape.quantization,
  });

/** The header's first bytes: from the cache when kept, else a Range request (growing when needed). */
async function readShape(
  url: string,
  signal?: AbortSignal,
): Promise<{ shape: CpuModelShape; fileBytes: number }> {
  for (let want = 1 << 20; ;) {
    const kept = await cachedGgufBlob(url, want);
    const bytes = kept
      ? new Uint8Array(await kept.slice(0, want).arrayBuffer())
      : await readStart(url, want, signal);
    if (bytes.byteLength === 0)
      throw named('ModelFilesInvalidError', `${fileName(url)} is empty: not a model file`);
    try {
      const header = parseGgufHeader(bytes);
      return { shape: shapeFromHeader(header), fileBytes: header.fileBytes };
    } catch (error) {
      if (error instanceof GgufTruncatedError && bytes.byteLength >= want && want < 256 * 2 ** 20) {
        want = Math.max(error.needed, want * 4);
        continue;
      }
      if (error instanceof GgufTruncatedError)
        throw named('ModelFilesInvalidError', `${fileName(url)} is cut short`);
      throw named(
        'ModelFilesInvalidError',
        `${fileName(url)} is not a GGUF model (${(error as Error).message})`,
      );
    }
  }
}

/** The file's length to the byte: the cache's record, else HEAD (a ranged GET where HEAD is refused). */
async function sizeOf(url: string, signal?: AbortSignal): Promise<{ bytes: number; cached: boolean }> {
  const kept = await cachedGguf(url);
  if (kept.totalBytes) return { bytes: kept.totalBytes, cached: kept.complete };
  return { bytes: await remoteSize(url, signal), cached: false };
}

const idFromUrl = (url: string) => fileName(url).replace(/\.gguf$/i, '');

/** The catalog model `auto` picks: the largest predicted under the latency threshold, within the limits. */
export function pickFromCatalog(
  catalog: readonly CatalogModel[],
  limits: { maxDownloadBytes?: number | undefined; maxMemoryBytes: number; latencyMs: number },
  predict: (weightBytes: number, quantization: string) => number,
): CatalogModel | undefined {
  const bySize = [...catalog].sort((a, b) => a.bytes - b.bytes);
  const fits = bySize.filter(
    (m) =>
      checkLimits(
        {
          downloadBytes: m.bytes,
          vramMB: cpuMemoryBytes({ ...m, weightBytes: m.bytes }) / 2 ** 20,
          memoryLimitBytes: limits.maxMemoryBytes,
        },
        { maxModelSize: limits.maxDownloadBytes },
      ) === undefined,
  );
  const fast = fits.filter((m) => predict(m.bytes, m.quantization) <= limits.latencyMs);
  return fast.at(-1) ?? fits[0] ?? bySize[0];
}

export async function runWasmPreflight(
  spec: ModelSpec,
  models: () => Promise<readonly CatalogModel[]>,
  signal?: AbortSignal,
): Promise<WasmPreflight> {
  const info = await deviceOnce();
  const memoryLimitBytes = Math.round(defaultMemoryLimitMB(info) * 2 ** 20);
  const threads = threadsToUse();
  const { build, engine } = await cpuHere();
  const probe = probeSpeed();
  const predict = (weightBytes: number, quantization?: string) =>
    predictMsPerToken(weightBytes, probe, {
      threads,
      build,
      engine,
      ...(quantization ? { quantization } : {}),
    });
  let entry: CatalogModel | undefined;
  let url: string;
  // A model URL comes here only when it names a GGUF file (see `row.ts`).
  if (spec.modelUrl) url = new URL(spec.modelUrl, globalThis.location?.href).href;
  else {
    // Imported only here: a page that names its GGUF file never fetches the catalog.
    const catalog = await models();
    entry =
      spec.model === 'auto'
        ? pickFromCatalog(
            catalog,
            {
              maxDownloadBytes: spec.maxDownloadBytes,
              maxMemoryBytes: spec.maxMemoryBytes ?? memoryLimitBytes,
              latencyMs: spec.latencyThresholdMs ?? DEFAULT_LATENCY_THRESHOLD,
            },
            predict,
          )
        : catalog.find((m) => m.id === spec.model);
    if (!entry) throw notFound(spec.model);
    url = entry.url;
  }
  const size = await sizeOf(url, signal);
  let shape: CpuModelShape;
  if (entry) shape = { ...entry, weightBytes: size.bytes };
  else {
    const read = await readShape(url, signal);
    if (size.bytes < read.fileBytes)
      throw named(
        'ModelFilesInvalidError',
        `${fileName(url)} is cut short (${size.bytes} of ${read.fileBytes} bytes)`,
      );
    shape = read.shape;
  }
  const context = contextToUse(shape);
  return {
    plan: { url, totalBytes: size.bytes, shape, context, threads, engine },
    result: {
      id: entry?.id ?? (spec.model !== 'auto' ? spec.model : idFromUrl(url)),
      // A friendly name only where the catalog has one (the element names the rest from the id).
      label: entry?.label,
      downloadBytes: size.bytes,
      vramMB: Math.round((cpuMemoryBytes(shape, context) / 2 ** 20) * 100) / 100,
      cached: size.cached,
      memoryLimitBytes,
      device: info,
      predictedMsPerToken: predict(shape.weightBytes, shape.quantization),
      cpu: { build, threads },
    },
  };
}
