import { expect, fixture, html } from '@open-wc/testing';
import type { AiChat } from '../src/ai-chat.js';
import type { AiChatErrorEvent } from '../src/events.js';
import { en } from '../src/i18n/en.js';
import { $, expectEveryWorkerEnded, record, REAL_WORKER, waitUntil } from './helpers.js';

// A llama.cpp module that crashed, and the bounds that keep a model from crashing it: through
// <ai-chat>, the real worker and real wllama. The crashing model: a GGUF whose context_length is
// 2^31 (test/server/adversary-routes.mjs), which llama.cpp loads and then aborts on.
const origin = location.origin;
const CRASHING_WORKER = new URL('./fixtures/crashing-model-worker.js', import.meta.url).href;
let counter = 0;
const fresh = () => `h${Date.now() % 100000}x${++counter}`;

describe('a runtime that crashed, and bounds checked (real worker, real wllama)', function () {
  this.timeout(60000);
  afterEach(expectEveryWorkerEnded);

  it('real wllama: after llama.cpp aborts, Try again starts a fresh module (it runs, and aborts again on this model) instead of "please reload the module"', async () => {
    const el = await fixture<AiChat>(
      html`<ai-chat
        model="Generated-Crashing-Instruct-Q8_0-GGUF"
        worker-url=${CRASHING_WORKER}
        max-tokens="4"
      ></ai-chat>`,
    );
    const errors = record<AiChatErrorEvent>(el, 'ai-chat-error');
    await el.load();
    await el.send('hello').catch(() => undefined);
    await waitUntil(() => errors.length === 1, 'the first reply fails');
    expect([errors[0]!.code, errors[0]!.recoverable]).to.deep.equal(['engine', true]);
    expect(errors[0]!.message).to.contain('RuntimeError: (ABORT)');
    await el.updateComplete;
    const retry = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part="error"] button')].find(
      (b) => b.textContent === 'Try again',
    );
    retry!.click();
    await waitUntil(() => errors.length === 2, 'the second try ends', { timeout: 30000 });
    // A fresh instance ran the reply (and this model aborted it again): the dead one was not asked.
    expect(errors[1]!.message).to.contain('RuntimeError: (ABORT)');
    expect(errors[1]!.message).not.to.contain('please reload the module');
    await el.unload();
  });

  it('real worker: a GGUF whose context_length is 2^31 is refused before the download (not a model this runtime can run)', async () => {
    const el = await fixture<AiChat>(
      html`<ai-chat
        model-url=${`${origin}/adversary/hugectx/${fresh()}.gguf`}
        worker-url=${REAL_WORKER}
      ></ai-chat>`,
    );
    const errors = record<AiChatErrorEvent>(el, 'ai-chat-error');
    await waitUntil(() => errors.length > 0, 'refused', { timeout: 30000 });
    expect([errors[0]!.code, errors[0]!.recoverable]).to.deep.equal(['model-not-found', false]);
    expect(errors[0]!.message).to.contain('context_length 2147483648 is out of range');
    await el.updateComplete;
    expect($(el, '[part="error"] p')!.textContent).to.equal(en.errorModelNotFound);
  });
});
