import { expect } from '@open-wc/testing';
import type { ModelSpec, PreflightResult } from '../src/engine/protocol.js';
import { resetModelServer } from './helpers.js';

// What the worker fetches before the visitor's first click: the core, and the preflight code of
// the runtime it tries, nothing more. WebGPU's preflight (with the 18 KB prebuilt list) only on a
// device with an adapter, the CPU's only when it is tried, and no load code (downloaders, MD5,
// library check, web-llm, wllama) for a preflight. Each test starts the real worker in a fixture
// that reports the worker's own resource timing entries.
const SOURCE = new URL('./fixtures/fetches-worker.js', import.meta.url).href;
const BUILT = new URL('./fixtures/built-fetches-worker.js', import.meta.url).href;

/** Load code, which no preflight may fetch (source files under src/engine/worker/). */
const LOAD_CODE = [
  'webllm/load',
  'webllm/library-check',
  'webllm/downloader',
  'webllm/md5',
  'wllama/gguf-download',
  'wllama/csp-check',
  'wllama/load',
  'wllama/engine',
  '@mlc-ai/web-llm',
  '@wllama/wllama',
];
const WEBGPU_PREFLIGHT = [
  'webllm/backend',
  'webllm/preflight',
  'webllm/prebuilt-models',
  'webllm/model-files',
  'webllm/model-records',
];
const CPU_PREFLIGHT = [
  'wllama/backend',
  'wllama/preflight',
  'wllama/gguf-header',
  'wllama/gguf-cache',
  'wllama/speed-probe',
];

/** A worker, its preflight (or its error's name), and the files it had fetched by then. */
async function preflightIn(url: string, spec: ModelSpec) {
  const worker = new Worker(url, { type: 'module' });
  const next = (type: string) =>
    new Promise<{ type: string; value?: PreflightResult; error?: { name: string }; urls?: string[] }>(
      (resolve, reject) => {
        worker.addEventListener('error', (event) => reject(new Error(event.message)));
        worker.addEventListener('message', function on({ data }) {
          if (data.type === type || (type === 'result' && data.type === 'error')) {
            worker.removeEventListener('message', on);
            resolve(data);
          }
        });
      },
    );
  try {
    await next('ready');
    const answer = next('result');
    worker.postMessage({ type: 'preflight', id: 1, spec });
    const { value, error } = await answer;
    const fetched = next('fetches');
    worker.postMessage({ type: 'fetches' });
    const urls = (await fetched).urls!;
    return { result: value, error: error?.name, urls };
  } finally {
    worker.terminate();
  }
}

/**
 * The source modules among `urls`, without extension: the worker's by their path under
 * src/engine/worker/ (`…/webllm/md5.ts` → `webllm/md5`), others by file name.
 */
const modules = (urls: string[]) =>
  urls
    .map((url) => new URL(url).pathname)
    .map((path) => (path.includes('/node_modules/') ? path.split('/node_modules/').pop()! : path))
    .map((path) => path.replace(/^.*\/src\/(?:engine\/worker\/(.+)|.*\/([^/]+))\.ts$/, '$1$2'));

const fetchedAny = (names: string[], wanted: string[]) =>
  wanted.filter((w) => names.some((n) => n === w || n.startsWith(`${w}/`)));

describe('the worker fetches only the preflight of the runtime it tries (real worker)', function () {
  this.timeout(60000);
  beforeEach(resetModelServer);

  it('real worker: no WebGPU adapter → the CPU preflight only; neither the WebGPU preflight nor any load code', async () => {
    const { result, urls } = await preflightIn(SOURCE, { model: 'auto' });
    expect(result!.runtime).to.equal('wasm');
    const names = modules(urls);
    expect(names).to.include.members(['worker-host', 'router-backend']); // the core is seen too
    expect(fetchedAny(names, CPU_PREFLIGHT)).to.deep.equal(CPU_PREFLIGHT);
    expect(fetchedAny(names, WEBGPU_PREFLIGHT)).to.deep.equal([]);
    expect(fetchedAny(names, LOAD_CODE)).to.deep.equal([]);
  });

  it('real worker: a WebGPU model that fits → the WebGPU preflight only; neither the CPU preflight nor any load code', async () => {
    const name = `split${Date.now() % 100000}-q4f32_1-MLC`;
    const spec = {
      model: name,
      modelUrl: `${location.origin}/models/${name}`,
      modelLibUrl: `${location.origin}/models/${name}/lib.wasm`,
    };
    const { result, urls } = await preflightIn(`${SOURCE}?gpu`, spec);
    expect(result!.runtime).to.equal('webgpu');
    const names = modules(urls);
    expect(fetchedAny(names, WEBGPU_PREFLIGHT)).to.deep.equal(WEBGPU_PREFLIGHT);
    expect(fetchedAny(names, CPU_PREFLIGHT)).to.deep.equal([]);
    expect(fetchedAny(names, LOAD_CODE)).to.deep.equal([]);
  });

  describe('the built dist/cdn/worker.js', () => {
    /** The text of every script of dist/cdn the worker fetched. */
    async function scripts(urls: string[]) {
      const ours = urls.filter((url) => new URL(url).pathname.startsWith('/dist/cdn/'));
      return Promise.all(ours.map(async (url) => (await fetch(url)).text()));
    }
    // Words found only in the prebuilt list, and only in the downloaders.
    const prebuiltList = (text: string) => text.includes('binary-mlc-llm-libs');
    const downloader = (text: string) =>
      text.includes("does not match the model's index") ||
      text.includes('could not be read back from the cache');

    it('real worker: no WebGPU adapter → WebGPUNotAvailableError, and no chunk with the prebuilt list or a downloader', async () => {
      const named = await preflightIn(BUILT, { model: 'Llama-3.2-1B-Instruct-q4f32_1-MLC' });
      expect(named.error).to.equal('WebGPUNotAvailableError');
      const gguf = await preflightIn(BUILT, {
        model: 'auto',
        modelUrl: `${location.origin}/gguf/split.gguf`,
      });
      expect(gguf.result!.runtime).to.equal('wasm');
      for (const { urls } of [named, gguf]) {
        const texts = await scripts(urls);
        expect(texts.length).to.be.above(0);
        expect(texts.filter(prebuiltList).length).to.equal(0);
        expect(texts.filter(downloader).length).to.equal(0);
      }
    });

    it('real worker: with an adapter, the prebuilt list comes with the WebGPU preflight, still no downloader', async () => {
      const name = `splitb${Date.now() % 100000}-q4f32_1-MLC`;
      const { result, urls } = await preflightIn(`${BUILT}?gpu`, {
        model: name,
        modelUrl: `${location.origin}/models/${name}`,
        modelLibUrl: `${location.origin}/models/${name}/lib.wasm`,
      });
      expect(result!.runtime).to.equal('webgpu');
      const texts = await scripts(urls);
      expect(texts.filter(prebuiltList).length).to.equal(1);
      expect(texts.filter(downloader).length).to.equal(0);
    });
  });
});
