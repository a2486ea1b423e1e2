import { expect, fixture, html } from '@open-wc/testing';
import type { AiChat } from '../src/ai-chat.js';
import type { AiChatReadyEvent, AiChatThresholdEvent } from '../src/events.js';
import { liveWorkers } from '../src/engine/page/pool.js';
import { expectEveryWorkerEnded, record, waitForStatus, waitUntil } from './helpers.js';

// The page's workers keyed by what each element chose: `model="auto"` elements with different
// limits on one page. The real worker's router and backends with a catalog of two generated GGUF
// models (tiny: 158 KB, small: 3.6 MB; see fixtures/cpu-fallback-worker.ts), real wllama.
const FALLBACK_WORKER = new URL('./fixtures/cpu-fallback-worker.js', import.meta.url).href;
const TINY = 'Generated-Tiny-Instruct-Q8_0-GGUF';
const SMALL = 'Generated-Small-Instruct-Q8_0-GGUF';

async function autoChat(limit: string, model = 'auto') {
  const el = await fixture<AiChat>(
    html`<ai-chat
      model=${model}
      max-model-size=${limit}
      worker-url=${FALLBACK_WORKER}
      max-tokens="4"
    ></ai-chat>`,
  );
  return {
    el,
    ready: record<AiChatReadyEvent>(el, 'ai-chat-ready'),
    thresholds: record<AiChatThresholdEvent>(el, 'ai-chat-threshold'),
  };
}

describe('workers keyed by the model each element chose (real worker, real wllama)', function () {
  this.timeout(90000);
  afterEach(expectEveryWorkerEnded);

  it('real wllama: two auto elements with different max-model-size each load the model their own limit chose; one that chose the same model shares its worker', async () => {
    const large = await autoChat('10MB');
    const small = await autoChat('1MB');
    await Promise.all([large.el.load(), small.el.load()]);
    expect(large.ready.map((e) => e.model)).to.deep.equal([SMALL]);
    expect(small.ready.map((e) => e.model)).to.deep.equal([TINY]);
    expect(small.ready[0]!.downloadBytes).to.be.at.most(1e6);
    expect(liveWorkers(), 'one worker per model chosen').to.equal(2);
    // Each answers from its own model (llama.cpp in its own worker).
    const [a, b] = await Promise.all([large.el.send('large?'), small.el.send('small?')]);
    expect([a!.role, b!.role]).to.deep.equal(['assistant', 'assistant']);
    // Another element whose limits choose the tiny model, and one that names it: both share the
    // tiny model's worker once their preflight has chosen (their own workers end).
    const same = await autoChat('500KB');
    const named = await autoChat('10MB', TINY);
    await Promise.all([same.el.load(), named.el.load()]);
    expect([same.ready[0]!.model, named.ready[0]!.model]).to.deep.equal([TINY, TINY]);
    await waitForStatus(same.el, 'ready');
    expect((await named.el.send('shared?'))!.role).to.equal('assistant');
    await waitUntil(() => liveWorkers() === 2, `2 workers (${liveWorkers()} alive)`);
    for (const { thresholds } of [large, small, same, named]) expect(thresholds).to.deep.equal([]);
  });
});
