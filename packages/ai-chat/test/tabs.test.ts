import { expect, fixture, html } from '@open-wc/testing';
import type { AiChat } from '../src/ai-chat.js';
import { liveWorkers } from '../src/engine/page/pool.js';
import {
  $,
  expectEveryWorkerEnded,
  modelRequests,
  REAL_WORKER,
  waitForStatus,
  waitUntil,
} from './helpers.js';
import { closeTab, inTab, openTab, waitTab, type Tab } from './tabs.js';

// `share="tabs"` (the default) for real: another tab of this origin (a page of its own, in the test
// page's browser context) loads a GGUF model with the real worker and wllama; this page is the
// second tab. What crosses between the tabs is counted at the test server: GGUF and wllama requests.
let counter = 0;
const fresh = () => `${location.origin}/gguf/tabs-${Date.now() % 100000}x${++counter}.gguf`;
const fileOf = (url: string) => url.slice(location.origin.length + 1);
const ggufGets = async (url: string) => (await modelRequests())[fileOf(url)] ?? 0;
const wllamaRequests = async (): Promise<number> => (await fetch('/__wllama/count')).json();
const assistantText = (el: AiChat) =>
  el.shadowRoot!.querySelector('[part~="message-assistant"]:last-of-type .content')?.textContent ?? '';

/** A tab that hosts `url`: loaded at once (`autoload`), ready. */
async function hostTab(url: string): Promise<Tab> {
  const tab = await openTab({
    'model-url': url,
    'worker-url': REAL_WORKER,
    autoload: '',
    'max-tokens': '400',
  });
  await waitTab(tab, `tab.el.status === 'ready'`, 'the host tab ready', 45000);
  return tab;
}

async function guest(url: string) {
  const el = await fixture<AiChat>(
    html`<ai-chat model-url=${url} worker-url=${REAL_WORKER} max-tokens="400"></ai-chat>`,
  );
  await waitForStatus(el, 'ready', 15000);
  return el;
}

describe('<ai-chat> in two tabs of one origin, one model (real wllama, real worker)', function () {
  this.timeout(90000);
  let host: Tab | undefined;
  afterEach(async () => {
    if (host) await closeTab(host).catch(() => undefined);
    host = undefined;
    await expectEveryWorkerEnded();
  });

  it('real wllama: the second tab is ready at once (no consent card, no GGUF or wllama request, no worker); its replies stream; Stop from it stops', async () => {
    const url = fresh();
    host = await hostTab(url);
    const [gets, wasm] = [await ggufGets(url), await wllamaRequests()];
    const el = await guest(url);
    expect($(el, '[part="consent"]'), 'no consent card').to.equal(null);
    expect(el.modelInfo).to.deep.include({ runtime: 'wasm', cached: true });
    expect(liveWorkers(), 'no worker in this tab').to.equal(0);
    expect(await ggufGets(url), 'no GGUF request').to.equal(gets);
    expect(await wllamaRequests(), "no request for wllama's WebAssembly").to.equal(wasm);
    await el.updateComplete;
    expect($(el, '.empty')!.textContent).to.contain(
      // A page's own GGUF file has no label: its id names it.
      `Answers come from ${el.modelInfo!.label ?? el.modelInfo!.id}: nothing to download.`,
    );

    // What the host says on the model's channel (named like the Web Lock it holds).
    const held = (await navigator.locks.query()).held!.map((lock) => lock.name!);
    const channel = new BroadcastChannel(held.find((name) => name.startsWith('ai-chat-share:'))!);
    let stopped = false;
    let chunksAfterStop = 0;
    let ended = false;
    channel.onmessage = ({ data }: MessageEvent<{ type: string }>) => {
      if (stopped && data.type === 'chunk') chunksAfterStop++;
      if (stopped && data.type === 'end') ended = true;
    };
    // A reply streams: text on screen while it is generating.
    const sent = el.send('hello');
    await waitUntil(() => el.status === 'generating' && assistantText(el).length > 0, 'first tokens');
    // Stop from this tab stops the host's generation: the reply ends, marked stopped, and the host
    // ends it too, far short of the 400 tokens asked for.
    el.stop();
    stopped = true;
    const reply = await sent;
    expect(reply!.interrupted).to.equal(true);
    expect(reply!.content.length).to.be.greaterThan(0);
    await waitUntil(() => ended, "the host's end of the stopped reply");
    channel.close();
    expect(chunksAfterStop, 'tokens the host sent after Stop').to.be.lessThan(100);
    // The host is free again: its own reply and ours both work.
    await inTab(host, `tab.send('from the host')`);
    const next = await el.send('again');
    expect(next!.interrupted).to.equal(undefined);
    expect(next!.content.length).to.be.greaterThan(0);
    await waitTab(host, 'tab.reply.done && tab.reply.text.length > 0', "the host's own reply");
    expect(await ggufGets(url)).to.equal(gets);
    expect(liveWorkers()).to.equal(0);
  });

  it('real wllama: the host tab closing mid-reply ends the reply interrupted with its text kept; the next send loads from the cache (0 GGUF requests)', async () => {
    const url = fresh();
    host = await hostTab(url);
    const el = await guest(url);
    const gets = await ggufGets(url);
    const sent = el.send('a long one');
    await waitUntil(() => assistantText(el).length > 0, 'first tokens');
    await closeTab(host);
    host = undefined;
    const error = await sent.then(
      () => undefined,
      (e: { code?: string }) => e,
    );
    expect(error?.code, 'the reply ends as stopped').to.equal('aborted');
    const cut = el.messages.at(-1)!;
    expect(cut.role).to.equal('assistant');
    expect(cut.interrupted).to.equal(true);
    expect(cut.content.length, 'its text kept').to.be.greaterThan(0);
    // This tab takes over: its next send loads the model from the cache and answers.
    const next = await el.send('after the handover');
    expect(next!.content.length).to.be.greaterThan(0);
    expect(await ggufGets(url), 'no GGUF request: loaded from the cache').to.equal(gets);
    expect(liveWorkers(), 'this tab hosts now').to.equal(1);
  });
});
