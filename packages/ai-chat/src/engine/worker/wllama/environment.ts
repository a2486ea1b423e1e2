/**
 * Can this browser start the CPU runtime at all, and which of wllama's builds? Probed once per
 * worker, first in the preflight, before any byte of weights (or of the model's header): WebAssembly
 * SIMD and exception handling (both builds need them), JSPI and Memory64 (the fast build; else the
 * compat build), `Worker` in the worker, and the Cache API our downloader keeps the model in (the
 * page's policy, whether it lets wllama start its workers, is checked first in the load, before
 * any byte of weights, where its code costs nothing before the first click). wllama's own OPFS
 * cache is never used (see `load.ts`), so a browser without OPFS (WebKit) runs it.
 */
import {
  browserEngineOf,
  cpuSupport,
  type BrowserEngine,
  type WasmBuild,
  type WasmFeatures,
} from '../../../fit/cpu.js';
import { named, unavailable } from '../../errors.js';
import { GGUF_SCOPE, openScope } from '../shared/cache-store.js';

const HEADER = [0, 97, 115, 109, 1, 0, 0, 0];
/** The smallest modules that use each feature (SIMD and exceptions: wllama's own probes). */
const MODULES = {
  simd: [1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11],
  exceptions: [1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 8, 1, 6, 0, 6, 64, 25, 11, 11],
  // A memory section with one 64-bit memory of one page.
  memory64: [5, 3, 1, 4, 1],
};
const validates = (body: number[]) => {
  try {
    return WebAssembly.validate(new Uint8Array([...HEADER, ...body]));
  } catch {
    return false;
  }
};

/**
 * Memory64 as wllama decides it (a memory made with BigInt sizes; Chromium and Firefox refuse plain
 * numbers, WebKit refuses BigInts), and a module with a 64-bit memory validates (WebKit ignores
 * `address`, so the constructor alone could say yes where the build cannot compile).
 */
function hasMemory64(): boolean {
  try {
    new WebAssembly.Memory({
      initial: 1n,
      maximum: 1n,
      address: 'i64',
    } as unknown as WebAssembly.MemoryDescriptor);
  } catch {
    return false;
  }
  return validates(MODULES.memory64);
}

/** What this context's WebAssembly offers (synchronous: `WebAssembly.validate` only). */
export function wasmFeatures(): WasmFeatures {
  return {
    simd: validates(MODULES.simd),
    exceptions: validates(MODULES.exceptions),
    jspi: typeof (WebAssembly as unknown as { Suspending?: unknown }).Suspending === 'function',
    memory64: hasMemory64(),
  };
}

/** Whether the Cache API is there and opens (an insecure page has none; some private modes refuse it). */
async function cacheOpens(): Promise<boolean> {
  if (typeof caches === 'undefined') return false;
  try {
    await openScope(GGUF_SCOPE);
    return true;
  } catch {
    return false;
  }
}

/** What the CPU runtime runs with here, once it is known to start. */
export interface CpuHere {
  build: WasmBuild;
  engine: BrowserEngine;
}

let here: Promise<CpuHere> | undefined;

/**
 * Once per worker: the build and the browser engine, or an error marked `unavailable()` (the
 * router and the page try the next runtime) naming what is missing, in plain words.
 */
export function cpuHere(): Promise<CpuHere> {
  return (here ??= (async () => {
    const support = cpuSupport({
      ...wasmFeatures(),
      worker: typeof Worker === 'function',
      cacheApi: await cacheOpens(),
    });
    if (support.missing.length)
      throw unavailable(
        named(
          'BrowserUnsupportedError',
          `this browser cannot run the CPU runtime: it lacks ${support.missing.join(', ')}`,
        ),
      );
    return { build: support.build, engine: browserEngineOf(navigator.userAgent) };
  })());
}
