/**
 * A model worker that serves a `ScriptedEngine` behind the real worker protocol, for tests and
 * stories: everything but the model arithmetic runs as in production. Model names steer it:
 * `…-cached` is reported as already downloaded; `crash-on-load` kills the worker during the load;
 * a prompt `crash` kills it mid-reply, `exit` ends it quietly mid-reply (`self.close()`, no error
 * event), and `which model` answers with the model and model URL it loaded; `missing-…` is not found.
 *
 * Its own URL's query steers it further, for stories (the model name stays a real one):
 * `downloadBytes` and `vramMB` set what the preflight reports; `stall=preflight` never answers
 * the preflight (the element stays `checking`), `preflightMs` delays it, `stepMs` slows each download
 * and load step, `stall=download` stops the download at 45 % and
 * `stall=load` the load halfway (both until unloaded); `loadError=<name>` (with
 * `loadErrorMessage`) makes the load fail with that WebLLM error, as it crosses the worker, and
 * `preflightError=<name>` (with `preflightErrorMessage`) the check before consent (an offline
 * visitor: `NetworkError`); `contextWindow=<tokens>` gives the model that context window (tokens
 * are words), refuses longer requests as WebLLM does, and counts tokens for the page (the
 * protocol's `count`).
 */
import { serveBackend, type WorkerBackend } from '../engine/worker/worker-host.js';
import type { ModelSpec } from '../engine/protocol.js';
import { countTokens, ScriptedEngine } from './scripted-engine.js';

const query = new URLSearchParams(self.location.search);
const figure = (key: string, fallback: number) => {
  const value = Number(query.get(key) ?? Number.NaN);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
};
const DOWNLOAD_BYTES = figure('downloadBytes', 3_000_000);
const VRAM_MB = figure('vramMB', 900);
const STALL = query.get('stall');
const PREFLIGHT_MS = figure('preflightMs', 0);
const STEP_MS = figure('stepMs', 0);
const LOAD_ERROR = query.get('loadError');
const PREFLIGHT_ERROR = query.get('preflightError');
const CONTEXT_WINDOW = query.has('contextWindow') ? figure('contextWindow', 0) : undefined;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const crash = () =>
  setTimeout(() => {
    throw new Error('scripted worker crash');
  });

const engine = new ScriptedEngine({
  tokenDelayMs: 5,
  ...(CONTEXT_WINDOW ? { contextWindow: CONTEXT_WINDOW } : {}),
  replies: (request) => {
    const last = request.messages.at(-1)?.content ?? '';
    if (last === 'crash') {
      crash();
      return { text: 'this reply never ends', tokenDelayMs: 1000 };
    }
    if (last === 'exit') {
      setTimeout(() => self.close(), 100);
      return { text: 'this reply is cut short by a quiet exit', tokenDelayMs: 20 };
    }
    if (last === 'which model') return { text: `model ${loaded?.model} at ${loaded?.modelUrl ?? 'none'}` };
    return { text: `Worker reply to: ${last}` };
  },
});

let loads = 0;
let loaded: ModelSpec | undefined;
const cancelled = () => Object.assign(new Error('The load was cancelled'), { name: 'AbortError' });
/** Wait until `unload()` (or another load) ends the load `mine`, then fail as cancelled. */
async function stall(mine: number): Promise<never> {
  while (mine === loads) await sleep(50);
  throw cancelled();
}
const info = (spec: ModelSpec) => {
  if (spec.model.startsWith('missing-')) {
    const error = new Error(`Cannot find model record in appConfig for ${spec.model}.`);
    error.name = 'ModelNotFoundError';
    throw error;
  }
  return {
    id: spec.model === 'auto' ? 'Scripted-1B-Instruct-q4f32_1-MLC' : spec.model,
    runtime: 'webgpu' as const,
    downloadBytes: DOWNLOAD_BYTES,
    vramMB: VRAM_MB,
    cached: spec.model.endsWith('-cached'),
    memoryLimitBytes: 6 * 2 ** 30,
    device: {
      webgpu: true,
      shaderF16: true,
      maxBufferSize: 2 ** 30,
      maxStorageBufferBindingSize: 2 ** 30,
      deviceMemoryGB: 8,
    },
  };
};

const backend: WorkerBackend = {
  engine,
  async preflight(spec) {
    if (STALL === 'preflight') await new Promise(() => undefined);
    await sleep(PREFLIGHT_MS);
    if (PREFLIGHT_ERROR)
      throw Object.assign(new Error(query.get('preflightErrorMessage') ?? PREFLIGHT_ERROR), {
        name: PREFLIGHT_ERROR,
      });
    return info(spec);
  },
  async load(spec, report) {
    const result = info(spec);
    const mine = ++loads;
    if (spec.model === 'crash-on-load') crash();
    if (!result.cached) {
      if (STALL === 'download') {
        report({
          phase: 'download',
          progress: 0.45,
          loadedBytes: Math.round(DOWNLOAD_BYTES * 0.45),
          totalBytes: DOWNLOAD_BYTES,
          text: 'Downloading',
        });
        await stall(mine);
      }
      for (let i = 1; i <= 4; i++) {
        await sleep(STEP_MS || 15);
        if (mine !== loads) throw cancelled();
        const loadedBytes = (DOWNLOAD_BYTES * i) / 4;
        report({
          phase: 'download',
          progress: i / 4,
          loadedBytes,
          totalBytes: DOWNLOAD_BYTES,
          text: `Downloading ${i}/4`,
        });
      }
    }
    for (let i = 1; i <= 2; i++) {
      if (STALL === 'load' && i === 2) await stall(mine);
      await sleep(STEP_MS || 10);
      if (mine !== loads) throw cancelled();
      report({
        phase: 'load',
        progress: i / 2,
        loadedBytes: DOWNLOAD_BYTES,
        totalBytes: DOWNLOAD_BYTES,
        text: `Loading ${i}/2`,
      });
    }
    if (LOAD_ERROR)
      throw Object.assign(new Error(query.get('loadErrorMessage') ?? LOAD_ERROR), { name: LOAD_ERROR });
    await engine.reload(result.id);
    loaded = spec;
    return { ...result, cached: true, ...(CONTEXT_WINDOW ? { contextWindow: CONTEXT_WINDOW } : {}) };
  },
  async count(messages) {
    return CONTEXT_WINDOW ? { each: messages.map((m) => countTokens([m])), fixed: 0 } : undefined;
  },
  async unload() {
    loads++;
    await engine.unload();
  },
  async clearCache() {},
};

serveBackend(self as unknown as Parameters<typeof serveBackend>[0], backend);
