import { expect, fixture, html } from '@open-wc/testing';
import { nothing } from 'lit';
import type { AiChat } from '../src/ai-chat.js';
import { liveWorkers } from '../src/engine/page/pool.js';
import type { Availability } from '../src/engine/page/prompt-api.js';
import { PromptApiStandIn } from '../src/testing/prompt-api-stand-in.js';
import {
  $,
  expectEveryWorkerEnded,
  modelRequests,
  visibleMessages,
  waitForStatus,
  waitUntil,
} from './helpers.js';

// The default runtime (`builtin webgpu wasm`, no `runtime` attribute) with the Prompt API stand-in
// answering each state, and the real worker behind it (its router, wllama, a local GGUF catalog, no
// WebGPU: test/fixtures/cpu-fallback-worker.ts): the browser's own model is taken only when it is
// ready (`available`), and only for `auto`; otherwise nothing changes.
const FALLBACK_WORKER = new URL('./fixtures/cpu-fallback-worker.js', import.meta.url).href;
let restore: (() => void) | undefined;

async function defaultChat(availability: Availability, attrs: { modelUrl?: string } = {}) {
  const api = new PromptApiStandIn({ availability, reply: (input) => `Echo: ${input}` });
  restore = api.install();
  const el = await fixture<AiChat>(
    html`<ai-chat worker-url=${FALLBACK_WORKER} model-url=${attrs.modelUrl ?? nothing}></ai-chat>`,
  );
  await waitUntil(() => el.modelInfo && ['idle', 'ready'].includes(el.status), 'the preflight');
  await el.updateComplete;
  return { api, el };
}

const ggufRequests = async () =>
  Object.entries(await modelRequests())
    .filter(([path]) => path.startsWith('gguf/'))
    .reduce((n, [, count]) => n + count, 0);

describe('<ai-chat> with the default runtime and the Prompt API stand-in (real worker)', function () {
  this.timeout(30000);
  afterEach(async () => {
    restore?.();
    restore = undefined;
    await expectEveryWorkerEnded();
  });

  it('Prompt API stand-in, available: ready with no consent card and no model request; replies stream', async () => {
    const before = await ggufRequests();
    const { el } = await defaultChat('available');
    await waitForStatus(el, 'ready');
    expect(el.getAttribute('runtime'), 'no runtime attribute: the default').to.equal(null);
    expect(el.modelInfo).to.deep.include({ runtime: 'builtin', downloadBytes: 0 });
    expect($(el, '[part="consent"]')).to.equal(null);
    expect(liveWorkers(), 'no model worker started').to.equal(0);
    const reply = await el.send('hello there');
    expect(reply!.content).to.equal('Echo: hello there');
    await el.updateComplete;
    expect(visibleMessages(el)).to.deep.equal(['hello there', 'Echo: hello there']);
    expect(await ggufRequests(), 'no model request').to.equal(before);
  });

  for (const availability of ['downloadable', 'unavailable'] as const)
    it(`Prompt API stand-in, ${availability}: the previous behaviour, the worker's model on its consent card`, async () => {
      const { api, el } = await defaultChat(availability);
      expect(el.status).to.equal('idle');
      expect(el.modelInfo?.runtime).to.equal('wasm');
      const consent = $(el, '[part="consent"]')!.textContent!;
      expect(consent).to.match(/Generated · (tiny|small)/);
      expect(consent).to.not.contain('built-in');
      expect(api.creates, 'no session asked of the browser').to.have.length(0);
      await el.unload();
    });

  it("Prompt API stand-in, available: a model the page names (model-url) is used, not the browser's", async () => {
    const modelUrl = `${location.origin}/gguf/builtin-named-${Date.now() % 100000}.gguf`;
    const { api, el } = await defaultChat('available', { modelUrl });
    expect(el.status).to.equal('idle');
    expect(el.modelInfo?.runtime).to.equal('wasm');
    expect(api.creates).to.have.length(0);
    await el.unload();
  });
});
