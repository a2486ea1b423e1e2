import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { AiChat } from '../src/ai-chat.js';
import type { AiChatErrorEvent, AiChatStatsEvent } from '../src/events.js';
import { liveWorkers } from '../src/engine/page/pool.js';
import type { RuntimeModel } from '../src/engine/runtime.js';
import { $, modelRequests, record, REAL_WORKER, waitForStatus, expectEveryWorkerEnded } from './helpers.js';

// <ai-chat> on the CPU runtime for real, through its public API: the real worker, our preflight
// and ranged downloader, and llama.cpp in WebAssembly (wllama) running GGUF models the test server
// generates (random weights: meaningless text, real tokens).
const origin = location.origin;
const QUOTA_WORKER = new URL('./fixtures/small-quota-worker.js', import.meta.url).href;
const FALLBACK_WORKER = new URL('./fixtures/cpu-fallback-worker.js', import.meta.url).href;
const CRASHABLE_WORKER = new URL('./fixtures/crashable-worker.js', import.meta.url).href;
const UNCAUGHT_WORKER = new URL('./fixtures/uncaught-worker.js', import.meta.url).href;

let counter = 0;
const fresh = (flags = '') => `${origin}/gguf/e${Date.now() % 100000}x${++counter}${flags}.gguf`;

async function cpuChat(url: string, attrs: Record<string, string> = {}, workerUrl = REAL_WORKER) {
  const { autoload, ...rest } = attrs;
  const el = await fixture<AiChat>(
    html`<ai-chat
      model-url=${url}
      worker-url=${workerUrl}
      max-tokens=${rest['max-tokens'] ?? '16'}
      ?autoload=${autoload !== undefined}
    ></ai-chat>`,
  );
  await el.updateComplete;
  return el;
}
/** The text of the last assistant message on screen (the typing dots before its first token are none). */
const assistantText = (el: AiChat) =>
  el.shadowRoot!.querySelector('[part~="message-assistant"]:last-of-type .content')?.textContent ?? '';
/** `modelInfo` carries the runtime's figures: which runtime, its label, the predicted speed. */
const info = (el: AiChat) => el.modelInfo as RuntimeModel | undefined;

describe('<ai-chat> on the CPU runtime (real wllama)', function () {
  this.timeout(60000);
  afterEach(async () => {
    // A worker that outlives its test fails it.
    await expectEveryWorkerEnded();
  });

  it('real wllama: tokens stream into the shadow DOM before the reply ends; stats from llama.cpp’s timings', async () => {
    const el = await cpuChat(fresh(), { 'max-tokens': '48', autoload: '' });
    await waitForStatus(el, 'ready', 30000);
    expect(info(el)!.runtime).to.equal('wasm');
    expect(info(el)!.predictedMsPerToken).to.be.greaterThan(0);
    const stats = record<AiChatStatsEvent>(el, 'ai-chat-stats');
    // Every change of the shadow DOM while the reply streams (a fast model streams 48 tokens in less
    // time than a poll takes): the first text shown before the end.
    let partial: string | undefined;
    const observer = new MutationObserver(() => {
      if (partial === undefined && el.status === 'generating' && assistantText(el).length > 0)
        partial = assistantText(el);
    });
    observer.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true });
    const message = await el.send('hello');
    observer.disconnect();
    // Shown before the end: less than the whole reply (rendered as Markdown, so compared by length).
    await el.updateComplete;
    expect(partial, 'a partial reply shown').to.be.a('string');
    expect(partial!.length).to.be.lessThan(assistantText(el).length);
    expect(message!.content.length).to.be.greaterThan(0);
    expect(stats).to.have.length(1);
    // The generated model never ends a reply on its own: exactly max-tokens, counted by llama.cpp.
    expect(stats[0]!.completionTokens).to.equal(48);
    expect(stats[0]!.prefillTokensPerSecond).to.be.greaterThan(0);
    expect(el.stats!.source).to.equal('engine');
    await el.unload();
  });

  it('real wllama: Stop leaves no uncaught error or unhandled rejection, in the worker or on the page', async () => {
    const channel = new BroadcastChannel('uncaught');
    const seen: string[] = [];
    channel.onmessage = ({ data }: MessageEvent<string>) => void seen.push(data);
    const onPage = (event: PromiseRejectionEvent | ErrorEvent) => seen.push(`page ${event.type}`);
    window.addEventListener('unhandledrejection', onPage);
    window.addEventListener('error', onPage);
    try {
      const el = await cpuChat(fresh(), { 'max-tokens': '400', autoload: '' }, UNCAUGHT_WORKER);
      await waitForStatus(el, 'ready', 30000);
      for (const question of ['one', 'two', 'three']) {
        const sent = el.send(question);
        await waitUntil(() => el.status === 'generating' && assistantText(el).length > 0, 'first tokens', {
          timeout: 15000,
        });
        $(el, '[part="stop-button"]')!.click();
        expect((await sent)!.interrupted).to.equal(true);
      }
      // Everything the worker reported before `flushed` has arrived.
      const flushed = new Promise<void>((resolve) =>
        channel.addEventListener('message', ({ data }) => data === 'flushed' && resolve()),
      );
      new BroadcastChannel('uncaught').postMessage('flush');
      await flushed;
      expect(seen.filter((m) => m !== 'flushed' && m !== 'flush')).to.deep.equal([]);
      await el.unload();
    } finally {
      channel.close();
      window.removeEventListener('unhandledrejection', onPage);
      window.removeEventListener('error', onPage);
    }
  });

  it('real wllama: stop() ends the reply, marked stopped; then send() works', async () => {
    const el = await cpuChat(fresh(), { 'max-tokens': '400', autoload: '' });
    await waitForStatus(el, 'ready', 30000);
    const sent = el.send('a long one');
    await waitUntil(() => assistantText(el).length > 0, 'first tokens', { timeout: 15000 });
    el.stop();
    const stopped = await sent;
    expect(el.status).to.equal('ready');
    expect(stopped!.content.length).to.be.greaterThan(0);
    el.setAttribute('max-tokens', '3');
    await el.updateComplete;
    const next = await el.send('short');
    expect(next!.role).to.equal('assistant');
    expect(el.stats!.completionTokens).to.equal(3);
    await el.unload();
  });

  it('real wllama: a reload (a new element, same model) loads from the cache with zero GGUF requests', async () => {
    const url = fresh();
    const first = await cpuChat(url, { autoload: '' });
    await waitForStatus(first, 'ready', 30000);
    await first.unload();
    first.remove();
    const before = await modelRequests();
    const second = await cpuChat(url);
    await waitUntil(() => second.modelInfo?.cached === true, 'consent card says cached', { timeout: 15000 });
    await second.load();
    expect((await second.send('from the cache'))!.role).to.equal('assistant');
    const after = await modelRequests();
    const label = new URL(url).pathname.slice(1);
    expect(Object.keys(after).filter((k) => k.startsWith(label) && after[k] !== before[k])).to.deep.equal([]);
    await second.unload();
  });

  it('real wllama: a connection cut mid-file resumes with a Range request and completes', async () => {
    const url = fresh('~cut');
    const el = await cpuChat(url, { autoload: '' });
    await waitForStatus(el, 'ready', 30000);
    const label = new URL(url).pathname.slice(1);
    const counts = await modelRequests();
    expect(
      Object.keys(counts).filter((k) => k.startsWith(`${label} range `) && !k.endsWith(' 0-')),
    ).to.have.length(1);
    expect((await el.send('whole?'))!.role).to.equal('assistant');
    await el.unload();
  });

  it('real wllama: the Cancel button in the progress bar cancels the download', async () => {
    const el = await cpuChat(fresh('-d256l4-q8_0~slow'));
    const errors = record<AiChatErrorEvent>(el, 'ai-chat-error');
    el.load().catch(() => undefined);
    await waitUntil(
      () => (el.shadowRoot!.querySelector('[part="progress"] button') ? true : false),
      'progress bar',
      { timeout: 15000 },
    );
    await waitForStatus(el, 'downloading');
    $(el, '[part="progress"] button')!.click();
    await waitForStatus(el, 'idle');
    expect(errors).to.deep.equal([]);
    await waitUntil(() => liveWorkers() === 0, 'worker ended', { timeout: 5000 });
  });

  it('real wllama: a model larger than the free storage is refused with quota-exceeded, explained', async () => {
    const el = await cpuChat(fresh('-d256l4-q8_0'), {}, QUOTA_WORKER);
    const error = (await el.load().catch((e: unknown) => e)) as { code: string };
    expect(error.code).to.equal('quota-exceeded');
    await el.updateComplete;
    expect($(el, '[part="error"]')!.textContent).to.match(/storage|space/i);
  });

  it('real wllama: two elements with the same model share one worker, and both reply', async () => {
    const url = fresh();
    const a = await cpuChat(url, { autoload: '', 'max-tokens': '4' });
    const b = await cpuChat(url, { autoload: '', 'max-tokens': '4' });
    await Promise.all([waitForStatus(a, 'ready', 30000), waitForStatus(b, 'ready', 30000)]);
    expect(liveWorkers()).to.equal(1);
    const [ra, rb] = await Promise.all([a.send('from a'), b.send('from b')]);
    expect([ra!.role, rb!.role]).to.deep.equal(['assistant', 'assistant']);
    await a.unload();
    await b.unload();
    expect(liveWorkers()).to.equal(0);
  });

  it('real wllama: a worker that dies mid-reply gives an engine error; Try again starts a new worker from the cache', async () => {
    const el = await cpuChat(fresh(), { autoload: '', 'max-tokens': '400' }, CRASHABLE_WORKER);
    await waitForStatus(el, 'ready', 30000);
    const failed = (await el.send('crash').catch((e: unknown) => e)) as { code: string };
    expect(failed.code).to.equal('engine');
    expect(liveWorkers()).to.equal(0);
    await el.updateComplete;
    const retry = [...el.shadowRoot!.querySelectorAll('[part="error"] button')].find(
      (b) => b.textContent === 'Try again',
    ) as HTMLElement;
    retry.click();
    await waitForStatus(el, 'ready', 30000);
    el.setAttribute('max-tokens', '3');
    await el.updateComplete;
    expect((await el.send('back?'))!.role).to.equal('assistant');
    await el.unload();
  });

  it('real wllama: without a WebGPU adapter, model auto with the default runtimes falls back to the CPU on its own', async () => {
    const el = await fixture<AiChat>(html`<ai-chat worker-url=${FALLBACK_WORKER} max-tokens="4"></ai-chat>`);
    await waitUntil(() => el.modelInfo && el.status === 'idle', 'consent card', { timeout: 15000 });
    expect(el.getAttribute('runtime')).to.equal(null);
    expect(el.runtime).to.equal('builtin webgpu wasm');
    expect(info(el)!.runtime).to.equal('wasm');
    // One of the CPU catalog's models (which one depends on this device's predicted speed).
    expect(el.modelInfo!.id).to.match(/^Generated-(Tiny|Small)-Instruct-Q8_0-GGUF$/);
    await el.updateComplete;
    expect($(el, '[part="consent"]')!.textContent).to.match(/Generated · (tiny|small)/i);
    await el.load();
    expect((await el.send('cpu?'))!.role).to.equal('assistant');
    await el.unload();
  });

  it('real wllama: a page whose CSP blocks blob: workers gets a clear error within seconds, never a hang', async () => {
    const el = await cpuChat(fresh(), {}, `${REAL_WORKER}?csp=no-blob`);
    const started = performance.now();
    const error = (await el.load().catch((e: unknown) => e)) as { code: string; message: string };
    expect(performance.now() - started).to.be.below(10000);
    expect(error.code).to.equal('engine');
    expect(error.message).to.contain('Content-Security-Policy');
    await el.updateComplete;
    expect($(el, '[part="error"]')).to.exist;
  });

  it('real wllama: runtime="wasm" forces the CPU even where a WebGPU adapter exists', async () => {
    const el = await fixture<AiChat>(
      html`<ai-chat runtime="wasm" worker-url=${`${FALLBACK_WORKER}?gpu`} max-tokens="3"></ai-chat>`,
    );
    await waitUntil(() => el.modelInfo && el.status === 'idle', 'consent card', { timeout: 15000 });
    expect(info(el)!.runtime).to.equal('wasm');
    expect(info(el)!.label).to.match(/^Generated · (tiny|small)$/);
    await el.load();
    expect((await el.send('cpu, please'))!.role).to.equal('assistant');
    await el.unload();
  });
});
