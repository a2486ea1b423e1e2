import { expect } from '@open-wc/testing';
import type { AiChat } from '../src/ai-chat.js';
import type { AiChatStatusEvent, AiChatThresholdEvent } from '../src/events.js';
import { $, expectEveryWorkerEnded, modelRequests, record, waitForStatus, waitUntil } from './helpers.js';
import { crashTab, inTab, openTab } from './tabs.js';

// A crash is never repeated. The real worker's router and wllama, without WebGPU and with a local
// GGUF catalog of two generated models (test/fixtures/cpu-fallback-worker.ts): `auto` picks the
// larger. Another tab of this origin loads it and is killed during the load with the DevTools
// protocol's `Page.crash`; this page is the next visit.
const FALLBACK_WORKER = new URL('./fixtures/cpu-fallback-worker.js', import.meta.url).href;
const SMALL = 'Generated-Small-Instruct-Q8_0-GGUF';
const TINY = 'Generated-Tiny-Instruct-Q8_0-GGUF';
const SMALL_FILE = 'gguf/catalog-d256l4-q8_0.gguf';
const MARKS = 'ai-chat:loads';
// Every catalog model is fast enough: `auto` takes the larger whatever the machine's load.
const ATTRS = { 'worker-url': FALLBACK_WORKER, 'latency-threshold': '100000' };
const wllamaRequests = async (): Promise<number> => (await fetch('/__wllama/count')).json();

/** An element as the next visit's page makes it, with `autoload`; listened to from the start. */
function nextVisit(attrs: Record<string, string>) {
  const el = document.createElement('ai-chat') as AiChat;
  for (const [name, value] of Object.entries({ ...ATTRS, ...attrs, autoload: '' }))
    el.setAttribute(name, value);
  const thresholds = record<AiChatThresholdEvent>(el, 'ai-chat-threshold');
  const statuses = record<AiChatStatusEvent>(el, 'ai-chat-status');
  document.body.append(el);
  return { el, thresholds, statuses };
}

describe('a load that dies with its page is not repeated (real wllama, real worker)', function () {
  this.timeout(90000);
  afterEach(async () => {
    await fetch('/__wllama/release');
    document.querySelectorAll('ai-chat').forEach((el) => el.remove());
    localStorage.removeItem(MARKS);
    await expectEveryWorkerEnded();
  });

  it('real wllama: a tab killed (Page.crash) while loading; the next visit, with autoload, is idle on a consent card that says why, proposes the next smaller model, and GETs nothing of the crashed one', async () => {
    await fetch('/__wllama/hold');
    const wasm = await wllamaRequests();
    const tab = await openTab({ ...ATTRS, autoload: '' });
    // Downloaded, and llama.cpp asked for: the load is under way (held at wllama's WebAssembly).
    await waitUntil(async () => (await wllamaRequests()) > wasm, 'the load under way', {
      timeout: 30000,
      interval: 100,
    });
    expect(await inTab<string>(tab, 'tab.el.modelInfo.id')).to.equal(SMALL);
    expect(await inTab<string>(tab, 'tab.el.status')).to.equal('loading');
    await crashTab(tab);
    await fetch('/__wllama/release');
    const before = (await modelRequests())[SMALL_FILE] ?? 0;

    const { el, thresholds, statuses } = nextVisit({});
    await waitUntil(() => el.modelInfo && el.status === 'idle', 'the consent card', { timeout: 20000 });
    await el.updateComplete;
    expect(el.modelInfo!.id, 'the next smaller model').to.equal(TINY);
    const card = $(el, '[part="consent"]')!.textContent!;
    expect(card).to.contain('The last try to start Generated · small stopped this page.');
    expect(statuses.map((e) => e.status)).to.not.include.members(['downloading', 'loading']);
    expect(thresholds.map((e) => e.kind)).to.deep.equal(['memory']);
    expect(thresholds[0]!.actual).to.be.greaterThan(thresholds[0]!.limit);
    expect((await modelRequests())[SMALL_FILE] ?? 0, "no GET of the crashed model's file").to.equal(before);
    await expect(el).shadowDom.to.be.accessible();

    // The visitor's consent starts the proposed model.
    await el.load();
    expect(el.modelInfo!.id).to.equal(TINY);
  });

  it('real wllama: a model named by the page whose last load died is not started on its own (autoload); Start loads it and clears the mark', async () => {
    // What a killed tab leaves: the mark of a load whose Web Lock no page holds.
    const model = `${location.origin}/gguf/crash-named-${Date.now() % 100000}.gguf`;
    const id = model.slice(model.lastIndexOf('/') + 1, -'.gguf'.length);
    const label = `${id} · Q8_0`;
    const mark = { lock: 'ai-chat-load-gone', model: id, runtime: 'wasm', label, memoryBytes: 70e6 };
    localStorage.setItem(MARKS, JSON.stringify({ loading: [mark], crashed: [] }));
    const { el, thresholds } = nextVisit({ 'model-url': model });
    await waitUntil(() => el.modelInfo && el.status === 'idle', 'the consent card', { timeout: 20000 });
    await el.updateComplete;
    expect($(el, '[part="consent"]')!.textContent).to.contain(
      `The last try to start ${label} stopped this page.`,
    );
    expect(thresholds.map((e) => [e.kind, e.limit, e.actual])).to.deep.equal([['memory', 69_300_000, 70e6]]);
    // Start (consent): it loads, and the crash is forgotten.
    $(el, '[part="consent"] button')!.click();
    await waitForStatus(el, 'ready', 30000);
    expect(localStorage.getItem(MARKS), 'no mark left').to.equal(null);
  });
});
