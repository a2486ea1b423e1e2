import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { hasModelInCache } from '@mlc-ai/web-llm';
import type { AiChat } from '../src/ai-chat.js';
import { liveWorkers } from '../src/engine/page/pool.js';
import type {
  AiChatErrorEvent,
  AiChatProgressEvent,
  AiChatStatusEvent,
  AiChatThresholdEvent,
} from '../src/events.js';
import {
  $,
  modelRequests,
  record,
  REAL_WORKER,
  resetModelServer,
  waitForStatus,
  expectEveryWorkerEnded,
  waitUntil,
} from './helpers.js';

// Fit to the device and our own downloader, for real: our worker with web-llm 0.2.86, the real Cache
// API and real HTTP from the test server on 127.0.0.1, serving a generated model folder. The model
// library cannot be compiled here, so every load that gets that far ends in an `engine` error.
const origin = location.origin;
const QUOTA_WORKER = new URL('./fixtures/small-quota-worker.js', import.meta.url).href;
const NO_GPU_WORKER = new URL('./fixtures/no-webgpu-worker.js', import.meta.url).href;

let counter = 0;
/** A fresh model name per test (the Cache API is shared by every test in the page). */
const fresh = (shape = '', flags = '') => `m${Date.now() % 100000}x${++counter}${shape}-q4f32_1-MLC${flags}`;
const appConfig = (name: string) => ({
  model_list: [
    { model: `${origin}/models/${name}`, model_id: name, model_lib: `${origin}/models/${name}/lib.wasm` },
  ],
});

async function realChat(name: string, attrs: Record<string, string> = {}, workerUrl = REAL_WORKER) {
  const el = await fixture<AiChat>(
    html`<ai-chat
      model=${name}
      model-url=${`${origin}/models/${name}`}
      model-lib-url=${`${origin}/models/${name}/lib.wasm`}
      worker-url=${workerUrl}
    ></ai-chat>`,
  );
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, value);
  await el.updateComplete;
  return el;
}

const shardRequests = async (name: string) =>
  Object.fromEntries(
    Object.entries(await modelRequests()).filter(([path]) => path.startsWith(`${name}/params_shard`)),
  );

async function cacheKeysFor(name: string) {
  const keys: string[] = [];
  for (const scope of ['webllm/config', 'webllm/wasm', 'webllm/model']) {
    const cache = await caches.open(scope);
    keys.push(...(await cache.keys()).map((r) => r.url).filter((url) => url.includes(`/models/${name}/`)));
  }
  return keys;
}

describe('fit to the device and our downloader, in the real worker (web-llm where a download completes)', function () {
  this.timeout(60000);
  beforeEach(resetModelServer);
  afterEach(expectEveryWorkerEnded);

  it('real worker: a model over max-model-size is refused before the first byte: threshold, error, zero shard requests', async () => {
    const name = fresh('-s4x64');
    const errors: AiChatErrorEvent[] = [];
    const thresholds: AiChatThresholdEvent[] = [];
    const el = await fixture<AiChat>(
      html`<ai-chat
        model=${name}
        max-model-size="100KB"
        model-url=${`${origin}/models/${name}`}
        model-lib-url=${`${origin}/models/${name}/lib.wasm`}
        worker-url=${REAL_WORKER}
        @ai-chat-error=${(e: AiChatErrorEvent) => errors.push(e)}
        @ai-chat-threshold=${(e: AiChatThresholdEvent) => thresholds.push(e)}
      ></ai-chat>`,
    );
    await waitForStatus(el, 'error', 30000);
    expect(thresholds.map((t) => [t.kind, t.limit])).to.deep.equal([['model-size', 100_000]]);
    expect(thresholds[0]!.actual).to.equal(el.modelInfo!.downloadBytes);
    expect(errors.map((e) => e.code)).to.deep.equal(['model-too-large']);
    expect(errors[0]!.message).to.equal(
      `The model is over the download limit (${Math.round(el.modelInfo!.downloadBytes / 1000)} KB download, this page allows 100 KB)`,
    );
    expect(errors[0]!.recoverable).to.equal(false);
    // Asking again (load()) refuses again, still without a request for weights.
    const again = (await el.load().catch((e: unknown) => e)) as { code: string };
    expect(again.code).to.equal('model-too-large');
    expect(await shardRequests(name)).to.deep.equal({});
    await el.updateComplete;
    expect($(el, '[part="error"]')!.textContent).to.contain('Nothing was downloaded');
    expect(
      [...el.shadowRoot!.querySelectorAll('[part="error"] button')].map((b) => b.textContent),
    ).not.to.include('Try again');
    // Raising the limit lets the same element go on.
    el.setAttribute('max-model-size', '1GB');
    await waitUntil(() => el.status === 'idle', 'checked again within the new limit', { timeout: 30000 });
    await el.unload();
  });

  it('real worker: a model over max-memory is refused with insufficient-memory, zero shard requests', async () => {
    const name = fresh('-s2x600');
    const el = await realChat(name, { 'max-memory': '1MiB' });
    const threshold = (await oneEvent(el, 'ai-chat-threshold')) as AiChatThresholdEvent;
    // A self-hosted model's memory need is at least its weights: 2 × 600 KiB.
    expect([threshold.kind, threshold.limit, threshold.actual]).to.deep.equal([
      'memory',
      2 ** 20,
      2 * 2 ** 20,
    ]);
    await waitForStatus(el, 'error');
    expect(await shardRequests(name)).to.deep.equal({});
    await el.unload();
  });

  it('real web-llm: a download fills exactly the cache web-llm reads; progress reaches totalBytes; hasModelInCache is true', async () => {
    const name = fresh('-s5x96');
    expect(await hasModelInCache(name, appConfig(name))).to.equal(false);
    const el = await realChat(name);
    await waitUntil(() => el.status === 'idle' && el.modelInfo, 'preflight', { timeout: 30000 });
    const total = el.modelInfo!.downloadBytes;
    const progress = record<AiChatProgressEvent>(el, 'ai-chat-progress');
    await el.load().catch(() => undefined);
    const downloads = progress.filter((p) => p.phase === 'download');
    expect(downloads.at(-1)!.loadedBytes).to.equal(total);
    expect(downloads.every((p) => p.totalBytes === total)).to.equal(true);
    const loaded = downloads.map((p) => p.loadedBytes);
    expect(loaded).to.deep.equal([...loaded].sort((a, b) => a - b));
    expect(await hasModelInCache(name, appConfig(name))).to.equal(true);
    // Every shard, the config, the index, the tokenizer and the library: once each.
    const requests = await modelRequests();
    const ours = Object.entries(requests).filter(([path]) => path.startsWith(`${name}/`));
    expect(ours.filter(([path]) => path.includes('params_shard')).length).to.equal(5);
    expect(ours.filter(([path]) => path.includes('params_shard')).every(([, n]) => n === 1)).to.equal(true);
    expect(el.status).to.equal('error'); // the generated library cannot be instantiated
    await el.unload();
    // A new element now sees the model as downloaded, with no request for weights.
    await resetModelServer();
    const again = await realChat(name);
    await waitUntil(() => again.status === 'idle' && again.modelInfo, 'preflight from cache', {
      timeout: 30000,
    });
    expect(again.modelInfo!.cached).to.equal(true);
    expect(again.modelInfo!.downloadBytes).to.equal(total);
    await again.updateComplete;
    expect($(again, '[part="consent"]')!.textContent).to.contain('Already downloaded');
    expect(Object.keys(await modelRequests()).filter((p) => p.startsWith(`${name}/`))).to.deep.equal([]);
    // clearCache() removes every entry of the model.
    await again.clearCache();
    expect(await hasModelInCache(name, appConfig(name))).to.equal(false);
    expect(await cacheKeysFor(name)).to.deep.equal([]);
    expect(again.modelInfo!.cached).to.equal(false);
    await again.unload();
  });

  it('real web-llm: cancel mid-download stops requests; the next load skips complete shards', async () => {
    // 24 shards of 150 ms each, 4 at a time: a download that went on would request them all.
    const name = fresh('-s24x32', '~slow');
    const el = await realChat(name);
    await waitUntil(() => el.status === 'idle' && el.modelInfo, 'preflight', { timeout: 30000 });
    el.load().catch(() => undefined);
    await waitUntil(async () => Object.keys(await shardRequests(name)).length >= 5, 'some shards requested', {
      timeout: 30000,
      interval: 20,
    });
    await el.unload();
    expect(el.status).to.equal('idle');
    // A download that went on would need its worker: once the worker has ended and every shard
    // response the server started has closed (the cancelled ones too), no request can come.
    await waitUntil(() => liveWorkers() === 0, `the worker ended (${liveWorkers()} alive)`);
    await waitUntil(async () => (await (await fetch('/__models/inflight')).json()) === 0, 'requests ended');
    const atCancel = await shardRequests(name);
    expect(Object.keys(atCancel).length).to.be.lessThan(24);
    const completeAtCancel = (await cacheKeysFor(name)).filter((url) => url.includes('params_shard'));
    expect(await shardRequests(name)).to.deep.equal(atCancel);
    expect(completeAtCancel.length).to.be.lessThan(24);
    // Load again: complete shards are not requested again.
    await el.load().catch(() => undefined);
    const after = await shardRequests(name);
    for (const url of completeAtCancel) expect(after[`${name}/${url.split('/').pop()}`]).to.equal(1);
    expect(Object.keys(after).length).to.equal(24);
    expect(await hasModelInCache(name, appConfig(name))).to.equal(true);
    await el.unload();
  });

  it('real web-llm: a connection dropped halfway gives a network error; a retry finishes the download', async () => {
    const name = fresh('-s4x128', '~drop2');
    const el = await realChat(name);
    await waitUntil(() => el.status === 'idle' && el.modelInfo, 'preflight', { timeout: 30000 });
    const failed = (await el.load().catch((e: unknown) => e)) as { code: string; message: string };
    expect(failed.code).to.equal('network');
    expect(failed.message).to.match(/^The model files could not be fetched \(.*params_shard_2\.bin.*\)/);
    expect(el.status).to.equal('error');
    expect(await hasModelInCache(name, appConfig(name))).to.equal(false);
    await el.updateComplete;
    const retry = [...el.shadowRoot!.querySelectorAll('[part="error"] button')].find(
      (b) => b.textContent === 'Try again',
    ) as HTMLElement;
    const statuses = record<AiChatStatusEvent>(el, 'ai-chat-status');
    retry.click();
    await waitUntil(() => statuses.some((s) => s.status === 'loading'), 'download finished', {
      timeout: 30000,
    });
    expect(await hasModelInCache(name, appConfig(name))).to.equal(true);
    const requests = await shardRequests(name);
    expect(requests[`${name}/params_shard_2.bin`]).to.equal(2);
    await waitForStatus(el, 'error', 30000); // the library, as always here
    await el.unload();
  });

  it('real worker: a nearly full disk gives quota-exceeded naming the size (free space rounded down), before any shard request', async () => {
    const name = fresh('-s4x512');
    const el = await realChat(name, {}, QUOTA_WORKER);
    await waitUntil(() => el.status === 'idle' && el.modelInfo, 'preflight', { timeout: 30000 });
    const failed = (await el.load().catch((e: unknown) => e)) as { code: string; message: string };
    expect(failed.code).to.equal('quota-exceeded');
    expect(failed.message).to.match(
      /^Not enough storage in this browser for the model \(needs 2\.1 MB of storage, 0\.1 MB available\)/,
    );
    expect(await shardRequests(name)).to.deep.equal({});
    await el.updateComplete;
    expect(
      [...el.shadowRoot!.querySelectorAll('[part="error"] button')].map((b) => b.textContent),
    ).to.include('Clear downloaded files');
    await el.unload();
  });

  it('real worker: an f16 model on a device without shader-f16 (SwiftShader) is refused, naming the f32 variant', async () => {
    const el = await fixture<AiChat>(
      html`<ai-chat model="Llama-3.2-1B-Instruct-q4f16_1-MLC" worker-url=${REAL_WORKER}></ai-chat>`,
    );
    const event = (await oneEvent(el, 'ai-chat-error')) as AiChatErrorEvent;
    expect(event.code).to.equal('shader-f16-unsupported');
    expect(event.message).to.contain('q4f32');
    await el.unload();
  });

  it('real worker: no WebGPU at all gives webgpu-unavailable, explained', async () => {
    const el = await realChat(fresh(), {}, NO_GPU_WORKER);
    const event = (await oneEvent(el, 'ai-chat-error')) as AiChatErrorEvent;
    expect(event.code).to.equal('webgpu-unavailable');
    expect(event.message).to.contain('WebGPU is not available');
    expect(el.status).to.equal('error');
    await el.unload();
  });
});
