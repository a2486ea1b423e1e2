import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { AiChat } from '../src/ai-chat.js';
import type {
  AiChatErrorEvent,
  AiChatProgressEvent,
  AiChatReadyEvent,
  AiChatStatusEvent,
} from '../src/events.js';
import { liveWorkers } from '../src/engine/page/pool.js';
import {
  $,
  record,
  SCRIPTED_WORKER,
  visibleMessages,
  waitForStatus,
  expectEveryWorkerEnded,
  waitUntil,
} from './helpers.js';

async function chat(model: string, autoload = false) {
  const el = await fixture<AiChat>(
    html`<ai-chat model=${model} worker-url=${SCRIPTED_WORKER} ?autoload=${autoload}></ai-chat>`,
  );
  // Without autoload the element first runs a preflight for its consent card.
  if (!autoload)
    await waitUntil(
      () => (el.modelInfo && el.status === 'idle') || el.status === 'error',
      'consent-card preflight',
    );
  await el.updateComplete;
  return el;
}

describe('<ai-chat> through the real worker protocol (scripted engine in the worker)', () => {
  afterEach(expectEveryWorkerEnded);

  it('worker protocol: shows the consent card and waits; a click loads through checking, downloading, loading, ready', async () => {
    const el = await chat('Scripted-1B-Instruct-q4f32_1-MLC');
    const statuses = record<AiChatStatusEvent>(el, 'ai-chat-status');
    const progress = record<AiChatProgressEvent>(el, 'ai-chat-progress');
    expect(el.status).to.equal('idle');
    // The preflight ran in the worker; nothing was downloaded.
    expect(liveWorkers()).to.equal(1);
    const consent = $(el, '[part="consent"]')!;
    expect(consent.textContent).to.contain('Scripted · 1B');
    expect(consent.textContent).to.contain('3 MB one-time download');
    expect(consent.textContent).to.contain('stored in this browser for next time');
    expect(consent.textContent).to.contain('about 944 MB of memory');
    const ready = oneEvent(el, 'ai-chat-ready') as Promise<AiChatReadyEvent>;
    consent.querySelector('button')!.click();
    await el.updateComplete;
    expect($(el, '[part="progress"]')).to.exist;
    const event = await ready;
    expect(statuses.map((e) => e.status)).to.deep.equal(['checking', 'downloading', 'loading', 'ready']);
    expect([event.model, event.downloadBytes, event.vramMB]).to.deep.equal([
      'Scripted-1B-Instruct-q4f32_1-MLC',
      3_000_000,
      900,
    ]);
    const downloads = progress.filter((p) => p.phase === 'download');
    expect(downloads.at(-1)!.loadedBytes).to.equal(3_000_000);
    expect(downloads.at(-1)!.totalBytes).to.equal(3_000_000);
    expect(downloads.map((p) => p.progress)).to.deep.equal([0.25, 0.5, 0.75, 1]);
    expect(progress.at(-1)!.phase).to.equal('load');
    await el.updateComplete;
    expect($(el, '[part="consent"]')).to.equal(null);
    expect((await el.send('hello'))!.content).to.equal('Worker reply to: hello');
    expect(visibleMessages(el)).to.deep.equal(['hello', 'Worker reply to: hello']);
    await el.unload();
  });

  it('worker protocol: two elements with the same model share one worker; it ends when both unload', async () => {
    const a = await chat('Shared-1B-Instruct-q4f32_1-MLC', true);
    const b = await chat('Shared-1B-Instruct-q4f32_1-MLC', true);
    await Promise.all([waitForStatus(a, 'ready'), waitForStatus(b, 'ready')]);
    expect(liveWorkers()).to.equal(1);
    const [ra, rb] = await Promise.all([a.send('from a'), b.send('from b')]);
    expect([ra!.content, rb!.content]).to.deep.equal(['Worker reply to: from a', 'Worker reply to: from b']);
    await a.unload();
    expect(liveWorkers()).to.equal(1);
    expect((await b.send('still here'))!.content).to.equal('Worker reply to: still here');
    await b.unload();
    expect(liveWorkers()).to.equal(0);
  });

  it('worker protocol: a different model gets its own worker', async () => {
    const a = await chat('One-1B-Instruct-q4f32_1-MLC', true);
    const b = await chat('Two-1B-Instruct-q4f32_1-MLC', true);
    await Promise.all([waitForStatus(a, 'ready'), waitForStatus(b, 'ready')]);
    expect(liveWorkers()).to.equal(2);
    await Promise.all([a.unload(), b.unload()]);
    expect(liveWorkers()).to.equal(0);
  });

  it('worker protocol: a cached model skips the download phase', async () => {
    const el = await chat('Fast-1B-Instruct-q4f32_1-MLC-cached');
    const statuses = record<AiChatStatusEvent>(el, 'ai-chat-status');
    await el.load();
    expect(statuses.map((e) => e.status)).to.deep.equal(['checking', 'loading', 'ready']);
    expect(el.modelInfo!.cached).to.equal(true);
    expect(el.shadowRoot!.textContent).not.to.contain('Download and start');
    await el.unload();
  });

  it('worker protocol: unload() during the download cancels it: back to idle, no error, worker ended', async () => {
    const el = await chat('Cancel-1B-Instruct-q4f32_1-MLC');
    const errors = record<AiChatErrorEvent>(el, 'ai-chat-error');
    const loading = el.load().catch((e: unknown) => e);
    await waitForStatus(el, 'downloading');
    await el.unload();
    expect(((await loading) as { code: string }).code).to.equal('aborted');
    expect(el.status).to.equal('idle');
    expect(errors).to.deep.equal([]);
    expect(liveWorkers()).to.equal(0);
    await el.updateComplete;
    expect($(el, '[part="consent"]')).to.exist;
  });

  it('worker protocol: the Cancel button in the progress bar cancels the download', async () => {
    const el = await chat('Cancel2-1B-Instruct-q4f32_1-MLC');
    el.load().catch(() => undefined);
    await waitForStatus(el, 'downloading');
    await el.updateComplete;
    $(el, '[part="progress"] button')!.click();
    await waitForStatus(el, 'idle');
    await waitUntil(() => liveWorkers() === 0, 'the worker ended');
  });

  it('worker protocol: an unknown model is an invalid attribute: named, shown, and auto is used instead', async () => {
    const errors: AiChatErrorEvent[] = [];
    const el = await fixture<AiChat>(
      html`<ai-chat
        model="missing-model"
        worker-url=${SCRIPTED_WORKER}
        @ai-chat-error=${(e: AiChatErrorEvent) => errors.push(e)}
      ></ai-chat>`,
    );
    await waitUntil(() => el.modelInfo && el.status === 'idle', 'preflight of auto');
    expect(errors.map((e) => [e.code, e.message])).to.deep.equal([
      [
        'invalid-attribute',
        'model="missing-model" is not a known model: expected a WebLLM model id, a GGUF catalog id or auto. Using auto.',
      ],
    ]);
    // The page's value stays (a framework would set it again); auto is used.
    expect(el.model).to.equal('missing-model');
    expect(el.modelInfo!.id).to.equal('Scripted-1B-Instruct-q4f32_1-MLC');
    await el.updateComplete;
    expect($(el, '[part="error"]')!.textContent).to.contain('is not a known model');
    await el.load();
    expect(el.status).to.equal('ready');
    await el.unload();
  });

  it('worker protocol: a worker that dies before its first token gives an engine error; the question stays; retry starts a new worker', async () => {
    const el = await chat('Crashy-1B-Instruct-q4f32_1-MLC', true);
    await waitForStatus(el, 'ready');
    const errors = record<AiChatErrorEvent>(el, 'ai-chat-error');
    const failed = await el.send('crash').catch((e: unknown) => e);
    expect((failed as { code: string }).code).to.equal('engine');
    expect(errors[0]!.message).to.match(
      /^The model runtime failed: WorkerDied: The model worker stopped unexpectedly/,
    );
    expect(errors[0]!.message).not.to.match(/\n\s+at /);
    expect(el.status).to.equal('error');
    expect(liveWorkers()).to.equal(0);
    expect(el.messages.map((m) => m.content)).to.include('crash');
    await el.updateComplete;
    const retry = [...el.shadowRoot!.querySelectorAll('[part="error"] button')].find(
      (b) => b.textContent === 'Try again',
    ) as HTMLElement;
    retry.click();
    await waitForStatus(el, 'ready');
    expect(liveWorkers()).to.equal(1);
    expect((await el.send('are you back?'))!.content).to.equal('Worker reply to: are you back?');
    await el.unload();
  });

  it('worker protocol: a worker that dies while loading gives an engine error, and the element stays usable', async () => {
    const el = await chat('crash-on-load', false);
    await el.load().catch(() => undefined);
    expect(el.status).to.equal('error');
    expect(liveWorkers()).to.equal(0);
    el.model = 'Fine-1B-Instruct-q4f32_1-MLC';
    await el.updateComplete;
    await el.load();
    expect(el.status).to.equal('ready');
    await el.unload();
  });

  it('worker protocol: removing the element from the page ends its worker', async () => {
    const el = await chat('Removed-1B-Instruct-q4f32_1-MLC', true);
    await waitForStatus(el, 'ready');
    expect(liveWorkers()).to.equal(1);
    el.remove();
    await waitUntil(() => liveWorkers() === 0, 'worker ended');
  });
});
