import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { isUnavailable, named, unavailable } from '../src/engine/errors.js';
import { DEFAULT_RUNTIME, DEFAULT_RUNTIMES, isWorkerKind, RUNTIME_KINDS } from '../src/engine/kinds.js';
import { RuntimeUnavailableError } from '../src/engine/page/builtin-errors.js';
import { toWireError, type ModelSpec } from '../src/engine/protocol.js';
import { createRouterBackend } from '../src/engine/worker/router-backend.js';
import { noShaderF16, noWebGPU, notFound, notLoaded } from '../src/engine/worker/shared/errors.js';
import type { CatalogModel } from '../src/engine/worker/wllama/gguf-catalog.js';
import type { BackendResult, RuntimeBackend } from '../src/engine/worker/worker-host.js';
import { firstThatFits } from '../src/fit/limits.js';
import { NO_DEVICE } from '../src/fit/device.js';
import { en } from '../src/i18n/en.js';
import { consentView } from '../src/view/consent.js';
import type { ViewState } from '../src/view/state.js';

describe('pure: the runtime table', () => {
  it('lists the kinds in order, the default list, and which run in the worker', () => {
    expect(RUNTIME_KINDS).to.deep.equal(['builtin', 'webgpu', 'wasm']);
    expect(DEFAULT_RUNTIMES).to.deep.equal(['builtin', 'webgpu', 'wasm']);
    expect(DEFAULT_RUNTIME).to.equal('builtin webgpu wasm');
    expect(RUNTIME_KINDS.filter(isWorkerKind)).to.deep.equal(['webgpu', 'wasm']);
  });
});

describe('pure: one "cannot run here", on both sides of the worker boundary', () => {
  const table: Array<[string, unknown, boolean]> = [
    ['no WebGPU adapter', noWebGPU(), true],
    ['no shader-f16', noShaderF16('X-q4f32_1-MLC'), true],
    ['a model id no list names', notFound('x'), true],
    ["the browser's model unavailable (page side)", new RuntimeUnavailableError('unavailable here'), true],
    ['a named error of our own', named('NetworkError', 'cut'), false],
    ['no model loaded yet', notLoaded(), false],
    ['an error with the right name but no mark', named('WebGPUNotAvailableError', 'from elsewhere'), false],
  ];
  for (const [name, error, expected] of table)
    it(`${name}: ${expected ? 'the next runtime is tried' : 'the error stands'}, here and across the wire`, () => {
      expect(isUnavailable(error)).to.equal(expected);
      const wire = structuredClone(toWireError(error));
      expect(isUnavailable(wire)).to.equal(expected);
      expect(wire.name).to.equal((error as Error).name);
    });

  it('unavailable() marks the error it is given and keeps its name and words', () => {
    const error = unavailable(named('ShaderF16SupportError', 'needs f16'));
    expect([error.name, error.message, error.unavailable]).to.deep.equal([
      'ShaderF16SupportError',
      'needs f16',
      true,
    ]);
  });
});

describe('pure: firstThatFits', () => {
  /** Candidates `a`, `b`, `c`: each a number (its result), `skip` (cannot serve here) or `fail`. */
  type Outcome = number | 'skip' | 'fail';
  async function run(outcomes: Record<string, Outcome>, fits?: (n: number) => boolean) {
    const passed: string[] = [];
    try {
      const { candidate, result } = await firstThatFits(
        Object.keys(outcomes),
        async (c) => {
          const o = outcomes[c]!;
          if (typeof o === 'number') return o;
          throw Object.assign(new Error(`${c} ${o}`), { skip: o === 'skip' });
        },
        {
          skip: (error) => (error as { skip?: boolean }).skip === true,
          ...(fits ? { fits } : {}),
          passed: async (c) => passed.push(c),
        },
      );
      return { chosen: `${candidate}=${result}`, passed };
    } catch (error) {
      return { error: (error as Error).message, passed };
    }
  }
  const small = (n: number) => n <= 10;
  const table: Array<[string, Record<string, Outcome>, ((n: number) => boolean) | undefined, object]> = [
    ['the first that succeeds', { a: 1, b: 2 }, undefined, { chosen: 'a=1', passed: [] }],
    [
      'one that cannot serve is passed over',
      { a: 'skip', b: 2 },
      undefined,
      { chosen: 'b=2', passed: ['a'] },
    ],
    ['another error ends the search', { a: 'fail', b: 2 }, undefined, { error: 'a fail', passed: [] }],
    [
      'none can serve: the last error',
      { a: 'skip', b: 'skip' },
      undefined,
      { error: 'b skip', passed: ['a', 'b'] },
    ],
    ['the first that fits', { a: 50, b: 5 }, small, { chosen: 'b=5', passed: [] }],
    [
      'none fits: the first that succeeded',
      { a: 'skip', b: 50, c: 60 },
      small,
      { chosen: 'b=50', passed: ['a'] },
    ],
    ['no candidate at all', {}, undefined, { error: 'No runtime is allowed', passed: [] }],
  ];
  for (const [name, outcomes, fits, expected] of table)
    it(name, async () => expect(await run(outcomes, fits)).to.deep.equal(expected));
});

describe("the worker's router picks a row of the table (scripted backends)", () => {
  const catalog = [{ id: 'Tiny-Q8_0-GGUF' }] as CatalogModel[];
  const model = (id: string, downloadBytes: number): BackendResult => ({
    id,
    downloadBytes,
    vramMB: 100,
    cached: false,
    memoryLimitBytes: 4 * 2 ** 30,
    device: NO_DEVICE,
  });
  /** A scripted backend that answers every preflight with `outcome` and records what it was asked. */
  const scripted = (outcome: () => BackendResult) => {
    const asked: string[] = [];
    const backend: RuntimeBackend = {
      get engine(): never {
        throw new Error('not used');
      },
      preflight: async (spec) => (asked.push(spec.model), outcome()),
      load: async () => outcome(),
      unload: async () => undefined,
      clearCache: async () => undefined,
    };
    return { backend, asked };
  };
  async function route(spec: ModelSpec, webgpu: () => BackendResult, wasm: () => BackendResult) {
    const gpu = scripted(webgpu);
    const cpu = scripted(wasm);
    const router = createRouterBackend({
      assets: { wasm: '', compatJs: '', compatWasm: '' },
      catalog,
      backends: { webgpu: gpu.backend, wasm: cpu.backend },
    });
    try {
      const result = await router.preflight(spec);
      return { runtime: result.runtime, id: result.id, webgpu: gpu.asked, wasm: cpu.asked };
    } catch (error) {
      return { error: (error as Error).name, webgpu: gpu.asked, wasm: cpu.asked };
    }
  }
  const gpuModel = () => model('Big-MLC', 900e6);
  const cpuModel = () => model('Tiny-Q8_0-GGUF', 100e6);
  const table: Array<[string, ModelSpec, () => BackendResult, object]> = [
    [
      'auto: WebGPU first',
      { model: 'auto' },
      gpuModel,
      { runtime: 'webgpu', id: 'Big-MLC', webgpu: ['auto'], wasm: [] },
    ],
    [
      'auto: no WebGPU here, the CPU',
      { model: 'auto' },
      () => {
        throw noWebGPU();
      },
      { runtime: 'wasm', id: 'Tiny-Q8_0-GGUF', webgpu: ['auto'], wasm: ['auto'] },
    ],
    [
      'auto: WebGPU over the limit, the CPU fits',
      { model: 'auto', maxDownloadBytes: 500e6 },
      gpuModel,
      { runtime: 'wasm', id: 'Tiny-Q8_0-GGUF', webgpu: ['auto'], wasm: ['auto'] },
    ],
    [
      'a catalog id names the CPU, even where the page allows WebGPU only',
      { model: 'Tiny-Q8_0-GGUF', runtimes: ['webgpu'] },
      gpuModel,
      { runtime: 'wasm', id: 'Tiny-Q8_0-GGUF', webgpu: [], wasm: ['Tiny-Q8_0-GGUF'] },
    ],
    [
      'another id goes to WebGPU',
      { model: 'Big-MLC' },
      gpuModel,
      { runtime: 'webgpu', id: 'Big-MLC', webgpu: ['Big-MLC'], wasm: [] },
    ],
    [
      'another id where the page allows the CPU only: not found, nothing asked',
      { model: 'Big-MLC', runtimes: ['wasm'] },
      gpuModel,
      { error: 'ModelNotFoundError', webgpu: [], wasm: [] },
    ],
  ];
  for (const [name, spec, webgpu, expected] of table)
    it(`scripted backends: ${name}`, async () =>
      expect(await route(spec, webgpu, cpuModel)).to.deep.equal(expected));
});

describe('the consent card words the download, not the runtime (view only)', () => {
  function shown(modelInfo: ViewState['modelInfo']): string[] {
    const host = document.createElement('div');
    const s = { strings: en, modelInfo, model: 'auto', resumeBytes: 0 } as ViewState;
    render(consentView(s, { consent: () => undefined, retry: () => undefined }), host);
    return [...host.querySelectorAll('.model-name, .facts li, button')].map((e) => e.textContent!.trim());
  }
  const base = { id: 'm', label: 'Some model', downloadBytes: 0, vramMB: 0 };
  const table: Array<[string, ViewState['modelInfo'], string[]]> = [
    [
      "the browser's own model, on this device",
      { ...base, cached: true, download: 'browser' },
      ["your browser's built-in model", 'built into your browser · nothing to download', 'Start'],
    ],
    [
      "the browser's own model, which the browser downloads first",
      { ...base, cached: false, download: 'browser', browserDownload: true },
      [
        "your browser's built-in model",
        'your browser will download its built-in model first',
        'Download and start',
      ],
    ],
    [
      'a model of ours, whatever runtime is named',
      { ...base, runtime: 'builtin', cached: true },
      ['Some model', 'Already downloaded: starts in seconds', 'Start'],
    ],
  ];
  for (const [name, info, expected] of table) it(name, () => expect(shown(info)).to.deep.equal(expected));
});
