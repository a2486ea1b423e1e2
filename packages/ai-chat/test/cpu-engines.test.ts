import { expect, fixture, html } from '@open-wc/testing';
import type { AiChat } from '../src/ai-chat.js';
import type { AiChatErrorEvent } from '../src/events.js';
import {
  browserEngineOf,
  CALIBRATION,
  cpuSupport,
  predictMsPerToken,
  type CpuEnvironment,
} from '../src/fit/cpu.js';
import { wasmFeatures } from '../src/engine/worker/wllama/environment.js';
import { en } from '../src/i18n/en.js';
import { $, modelRequests, record, waitUntil } from './helpers.js';

// The CPU runtime in every browser engine: which engine and build, what a browser must have before
// any byte of weights, and the prediction per engine and build. The other engines run the whole
// visit in apps/demo/test/engines.test.mjs (Firefox ESR and WebKitGTK, as well as Chromium).
const OLD_WASM_WORKER = new URL('./fixtures/old-wasm-worker.js', import.meta.url).href;

describe('pure: the CPU runtime in every browser engine', () => {
  const agents: Array<[string, string]> = [
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
      'chromium',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36 Edg/156.0.0.0',
      'chromium',
    ],
    // Headless Chromium (the bench's and the tests'): "HeadlessChrome/", no word boundary before "Chrome".
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36',
      'chromium',
    ],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0', 'firefox'],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.2 Safari/605.1.15',
      'webkit',
    ],
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/60.5 Safari/605.1.15',
      'webkit',
    ],
    // Every browser on iOS is WebKit, whatever its name.
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/156.0 Mobile/15E148 Safari/604.1',
      'webkit',
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/153.0 Mobile/15E148 Safari/605.1.15',
      'webkit',
    ],
  ];
  for (const [agent, engine] of agents)
    it(`${engine}: ${agent.slice(agent.indexOf('(') + 1, agent.indexOf(')'))} …${agent.slice(-24)}`, () =>
      expect(browserEngineOf(agent)).to.equal(engine));

  const all: CpuEnvironment = {
    simd: true,
    exceptions: true,
    jspi: true,
    memory64: true,
    worker: true,
    cacheApi: true,
  };
  const cases: Array<[string, Partial<CpuEnvironment>, string, string[]]> = [
    ['Chromium, Firefox: everything', {}, 'jspi-memory64', []],
    ['WebKit: no JSPI, no Memory64', { jspi: false, memory64: false }, 'compat', []],
    ['JSPI without Memory64', { memory64: false }, 'compat', []],
    ['no SIMD', { simd: false }, 'jspi-memory64', ['WebAssembly SIMD']],
    [
      'old WebAssembly',
      { simd: false, exceptions: false, jspi: false, memory64: false },
      'compat',
      ['WebAssembly SIMD', 'WebAssembly exception handling'],
    ],
    ['no nested workers', { worker: false }, 'jspi-memory64', ['workers started by a worker']],
    [
      'an http page (no Cache API)',
      { cacheApi: false },
      'jspi-memory64',
      ['the Cache API (a page served over https)'],
    ],
  ];
  for (const [name, env, build, missing] of cases)
    it(`what the CPU runtime needs: ${name} → ${build}, missing ${JSON.stringify(missing)}`, () =>
      expect(cpuSupport({ ...all, ...env })).to.deep.equal({ build, missing }));

  it('the prediction follows the engine and the build the worker loaded', () => {
    const probe = { bytesPerMs: 1e5 };
    const at = (engine: 'chromium' | 'firefox' | 'webkit', build: 'jspi-memory64' | 'compat') =>
      predictMsPerToken(40e6, probe, { engine, build, quantization: 'Q8_0' });
    // Each engine's own figures: the same probe gives another prediction in each.
    expect(
      new Set([at('chromium', 'jspi-memory64'), at('firefox', 'jspi-memory64'), at('webkit', 'compat')]).size,
    ).to.equal(3);
    // Each build its own figures: the prediction moves with the build wherever the calibration does.
    for (const engine of ['chromium', 'firefox', 'webkit'] as const) {
      const { compat, 'jspi-memory64': fast } = CALIBRATION[engine];
      const same = compat.speedup === fast.speedup && compat.fixedMs === fast.fixedMs;
      expect(at(engine, 'compat') === at(engine, 'jspi-memory64'), engine).to.equal(same);
    }
  });
});

describe('the CPU runtime’s probes in this browser (Chromium)', () => {
  it('Chromium: SIMD, exception handling, JSPI and Memory64 (probed with BigInt sizes): the fast build', () => {
    expect(wasmFeatures()).to.deep.equal({ simd: true, exceptions: true, jspi: true, memory64: true });
  });

  it('real worker: a browser whose WebAssembly lacks SIMD and exception handling is refused before any byte, for good, in the visitor’s words', async () => {
    const url = `${location.origin}/gguf/old-wasm-${Date.now()}.gguf`;
    const el = await fixture<AiChat>(
      html`<ai-chat runtime="wasm" model-url=${url} worker-url=${OLD_WASM_WORKER}></ai-chat>`,
    );
    const errors = record<AiChatErrorEvent>(el, 'ai-chat-error');
    await waitUntil(() => errors.length > 0, 'the preflight refuses', { timeout: 15000 });
    expect(errors.map((e) => [e.code, e.recoverable])).to.deep.equal([['engine', false]]);
    expect(errors[0]!.message).to.contain('it lacks WebAssembly SIMD, WebAssembly exception handling');
    await el.updateComplete;
    expect($(el, '[part="error"] p')!.textContent).to.equal(en.errorBrowserUnsupported);
    // No way forward that cannot work: no Try again.
    expect($(el, '[part="error"] button')).to.equal(null);
    const counts = await modelRequests();
    expect(Object.keys(counts).filter((k) => k.includes('old-wasm-'))).to.deep.equal([]);
  });
});
