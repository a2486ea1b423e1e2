import { expect, fixture, html } from '@open-wc/testing';
import type { AiChat } from '../src/ai-chat.js';
import type { AiChatErrorEvent, AiChatProgressEvent } from '../src/events.js';
import { expectEveryWorkerEnded, record, REAL_WORKER, waitUntil } from './helpers.js';

// clearCache() during a download: through <ai-chat>, the real worker, our ranged downloader, the
// real Cache API and real wllama. The GGUF host sends `~slow` files in small pieces with pauses.
const origin = location.origin;
let counter = 0;
const fresh = () => `${origin}/gguf/c${Date.now() % 100000}x${++counter}~slow.gguf`;

async function keptBytes(url: string): Promise<number> {
  const cache = await caches.open('ai-chat/gguf');
  const pieces = (await cache.keys()).filter((r) => r.url.startsWith(`${url}?ai-chat-piece=`));
  const sizes = await Promise.all(pieces.map(async (r) => (await (await cache.match(r))!.blob()).size));
  return sizes.reduce((a, b) => a + b, 0);
}

describe('clearCache() cancels what it would delete (real worker, real wllama)', function () {
  this.timeout(60000);
  afterEach(expectEveryWorkerEnded);

  it('real wllama: clearCache() mid-download cancels the download first: no error, nothing left in the cache, the next load downloads the whole file and runs', async () => {
    const url = fresh();
    const el = await fixture<AiChat>(
      html`<ai-chat model-url=${url} worker-url=${REAL_WORKER} max-tokens="4"></ai-chat>`,
    );
    const errors = record<AiChatErrorEvent>(el, 'ai-chat-error');
    const progress = record<AiChatProgressEvent>(el, 'ai-chat-progress');
    const loading = el.load().then(
      () => undefined,
      (e: unknown) => e as AiChatErrorEvent,
    );
    await waitUntil(() => progress.some((p) => p.phase === 'download' && p.loadedBytes > 0), 'downloading', {
      timeout: 30000,
    });
    await el.clearCache();
    expect((await loading)?.code, 'the load was cancelled').to.equal('aborted');
    expect(el.status).to.equal('idle');
    expect(el.modelInfo!.cached).to.equal(false);
    expect(errors, 'no error: a cancel, not a failure').to.deep.equal([]);
    // Nothing comes back after the delete: the download has let go.
    expect(await keptBytes(url)).to.equal(0);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="consent"]'), 'back to the consent card').to.exist;
    // The next load starts over, completes, and runs.
    await el.load();
    const served = (await (await fetch(url)).arrayBuffer()).byteLength;
    expect(await keptBytes(url)).to.equal(served);
    // llama.cpp ran the file (4 tokens of a generated model may decode to no text).
    expect((await el.send('after clearing'))!.role).to.equal('assistant');
    expect(errors).to.deep.equal([]);
    expect(await keptBytes(url), 'still whole after a reply').to.equal(served);
  });
});
