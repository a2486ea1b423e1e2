import { expect, fixture, html } from '@open-wc/testing';
import type { AiChat } from '../src/ai-chat.js';
import { liveWorkers } from '../src/engine/page/pool.js';
import type { Availability } from '../src/engine/page/prompt-api.js';
import { PromptApiStandIn } from '../src/testing/prompt-api-stand-in.js';
import {
  $,
  expectEveryWorkerEnded,
  modelRequests,
  REAL_WORKER,
  visibleMessages,
  waitForStatus,
  waitUntil,
} from './helpers.js';

// The default runtime (`builtin webgpu wasm`, no `runtime` attribute) with the Prompt API stand-in
// answering each state, and the real worker behind it with a GGUF model of the test server: the
// browser's own model is taken only when it is ready (`available`); otherwise nothing changes.
let restore: (() => void) | undefined;
let counter = 0;

async function defaultChat(availability: Availability) {
  const api = new PromptApiStandIn({ availability, reply: (input) => `Echo: ${input}` });
  restore = api.install();
  const url = `${location.origin}/gguf/builtin-default-${Date.now() % 100000}x${++counter}.gguf`;
  const el = await fixture<AiChat>(html`<ai-chat model-url=${url} worker-url=${REAL_WORKER}></ai-chat>`);
  await waitUntil(() => el.modelInfo && ['idle', 'ready'].includes(el.status), 'the preflight');
  await el.updateComplete;
  return { api, el, file: url.slice(location.origin.length + 1) };
}

describe('<ai-chat> with the default runtime and the Prompt API stand-in (real worker)', function () {
  this.timeout(30000);
  afterEach(async () => {
    restore?.();
    restore = undefined;
    await expectEveryWorkerEnded();
  });

  it('Prompt API stand-in, available: ready with no consent card and no model request; replies stream', async () => {
    const { el, file } = await defaultChat('available');
    await waitForStatus(el, 'ready');
    expect(el.getAttribute('runtime'), 'no runtime attribute: the default').to.equal(null);
    expect(el.modelInfo).to.deep.include({ runtime: 'builtin', downloadBytes: 0 });
    expect($(el, '[part="consent"]')).to.equal(null);
    expect(liveWorkers(), 'no model worker started').to.equal(0);
    expect((await modelRequests())[file] ?? 0, 'no GGUF request').to.equal(0);
    const reply = await el.send('hello there');
    expect(reply!.content).to.equal('Echo: hello there');
    await el.updateComplete;
    expect(visibleMessages(el)).to.deep.equal(['hello there', 'Echo: hello there']);
  });

  for (const availability of ['downloadable', 'unavailable'] as const)
    it(`Prompt API stand-in, ${availability}: the previous behaviour, the worker's model on its consent card`, async () => {
      const { api, el } = await defaultChat(availability);
      expect(el.status).to.equal('idle');
      expect(el.modelInfo?.runtime).to.equal('wasm');
      const consent = $(el, '[part="consent"]')!.textContent!;
      expect(consent).to.contain('Download and start');
      expect(consent).to.not.contain('built-in');
      expect(api.creates, 'no session asked of the browser').to.have.length(0);
      await el.unload();
    });
});
