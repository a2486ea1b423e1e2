/**
 * A model worker that serves a `ScriptedEngine` behind the real worker protocol, for tests and
 * stories: everything but the model arithmetic runs as in production. Model names steer it:
 * `…-cached` is reported as already downloaded; `crash-on-load` kills the worker during the load;
 * a prompt `crash` kills it mid-reply; `missing-…` is not found.
 */
import { serveBackend, type WorkerBackend } from '../engine/worker-host.js';
import type { ModelSpec } from '../engine/protocol.js';
import { ScriptedEngine } from './scripted-engine.js';

const DOWNLOAD_BYTES = 3_000_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const crash = () =>
  setTimeout(() => {
    throw new Error('scripted worker crash');
  });

const engine = new ScriptedEngine({
  tokenDelayMs: 5,
  replies: (request) => {
    const last = request.messages.at(-1)?.content ?? '';
    if (last === 'crash') {
      crash();
      return { text: 'this reply never ends', tokenDelayMs: 1000 };
    }
    return { text: `Worker reply to: ${last}` };
  },
});

let loads = 0;
const info = (spec: ModelSpec) => {
  if (spec.model.startsWith('missing-')) {
    const error = new Error(`Cannot find model record in appConfig for ${spec.model}.`);
    error.name = 'ModelNotFoundError';
    throw error;
  }
  return {
    id: spec.model === 'auto' ? 'Scripted-1B-Instruct-q4f32_1-MLC' : spec.model,
    downloadBytes: DOWNLOAD_BYTES,
    vramMB: 900,
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
  preflight: async (spec) => info(spec),
  async load(spec, report) {
    const result = info(spec);
    const mine = ++loads;
    if (spec.model === 'crash-on-load') crash();
    if (!result.cached) {
      for (let i = 1; i <= 4; i++) {
        await sleep(15);
        if (mine !== loads) throw Object.assign(new Error('The load was cancelled'), { name: 'AbortError' });
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
      await sleep(10);
      if (mine !== loads) throw Object.assign(new Error('The load was cancelled'), { name: 'AbortError' });
      report({
        phase: 'load',
        progress: i / 2,
        loadedBytes: DOWNLOAD_BYTES,
        totalBytes: DOWNLOAD_BYTES,
        text: `Loading ${i}/2`,
      });
    }
    await engine.reload(result.id);
    return { ...result, cached: true };
  },
  async unload() {
    loads++;
    await engine.unload();
  },
  async clearCache() {},
};

serveBackend(self as unknown as Parameters<typeof serveBackend>[0], backend);
