import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { AiChat } from '../src/ai-chat.js';
import type { AiChatErrorEvent, AiChatStatusEvent } from '../src/events.js';
import { liveWorkers } from '../src/engine/page/pool.js';
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

// The real path: our worker with web-llm 0.2.86 on Chromium's SwiftShader WebGPU adapter, against a
// generated model folder served on 127.0.0.1. The model library cannot be compiled here, so a load
// ends when web-llm instantiates it. "real web-llm" tests get that far; "real worker" tests end in
// our own preflight, before the worker imports web-llm. (An unknown model id falling back to auto
// is tested on the scripted worker in worker.test.ts: here auto would ask a public model host.)
const origin = location.origin;
const modelUrl = (name: string) => `${origin}/models/${name}`;
const libUrl = (name: string) => `${origin}/models/${name}/lib.wasm`;

const realChat = (name: string, model = name) =>
  fixture<AiChat>(
    html`<ai-chat
      model=${model}
      model-url=${modelUrl(name)}
      model-lib-url=${libUrl(name)}
      worker-url=${REAL_WORKER}
    ></ai-chat>`,
  );

async function fileSize(url: string) {
  return (await (await fetch(url)).arrayBuffer()).byteLength;
}

describe('<ai-chat> with the real worker and web-llm (generated model folder)', function () {
  this.timeout(60000);

  before(async () => {
    // The page's WebGPU is SwiftShader here: the worker sees the same adapter.
    const adapter = await (
      navigator as unknown as { gpu?: { requestAdapter(): Promise<unknown> } }
    ).gpu?.requestAdapter();
    expect(adapter, 'a WebGPU adapter (run Chromium with --enable-unsafe-webgpu)').to.exist;
  });
  beforeEach(resetModelServer);
  afterEach(expectEveryWorkerEnded);

  it('real web-llm: the worker starts and its preflight adds up the download to the byte, fetching no weights', async () => {
    const name = 'tiny-q4f32_1-MLC';
    const el = await realChat(name);
    // The consent card's preflight runs at once, before any click.
    await waitUntil(() => el.modelInfo && el.status === 'idle', 'preflight done', { timeout: 30000 });
    const base = `${modelUrl(name)}/resolve/main/`;
    const index = (await (await fetch(`${base}tensor-cache.json`)).json()) as {
      records: Array<{ nbytes: number }>;
    };
    const expected =
      index.records.reduce((n, r) => n + r.nbytes, 0) +
      (await fileSize(`${base}tensor-cache.json`)) +
      (await fileSize(libUrl(name))) +
      (await fileSize(`${base}mlc-chat-config.json`)) +
      (await fileSize(`${base}tokenizer.json`));
    expect(el.modelInfo).to.deep.include({ id: name, downloadBytes: expected, cached: false });
    expect(Object.keys(await modelRequests()).filter((path) => path.includes('params_shard'))).to.deep.equal(
      [],
    );
    await el.updateComplete;
    expect($(el, '[part="consent"]')!.textContent).to.contain(
      `${Math.round(expected / 1000)} KB one-time download`,
    );
    const statuses = record<AiChatStatusEvent>(el, 'ai-chat-status');
    const error = oneEvent(el, 'ai-chat-error') as Promise<AiChatErrorEvent>;
    el.load().catch(() => undefined);
    const event = await error;
    expect(statuses.map((e) => e.status)).to.deep.equal(['checking', 'downloading', 'loading', 'error']);
    // Our downloader fetched every file; web-llm then failed at instantiating the library.
    expect(event.code).to.equal('engine');
    // The page author reads the runtime's own words; the visitor reads plain ones.
    expect(event.message).to.match(/^The model runtime failed: .*WebAssembly/);
    expect(el.status).to.equal('error');
    await el.updateComplete;
    expect($(el, '[part="error"]')!.textContent).to.contain('The chat could not run');
    await el.unload();
  });

  for (const [flag, runtimeWords] of [
    ['~notwasm', ['CompileError', 'WebAssembly.compile(): expected magic word 00 61 73 6d']],
    [
      '~oldlib',
      [
        'LinkError',
        'WebAssembly.instantiate(): Import #2',
        '_ZN3tvm7runtime9threading15ResetThreadPoolEv',
        'function import requires a callable',
      ],
    ],
  ] as const) {
    it(`real web-llm: a library web-llm cannot start (${flag}) is found before the weights: zero shard requests, a non-recoverable engine error in WebAssembly's words`, async () => {
      const name = `lib${flag.slice(1)}-q4f32_1-MLC${flag}`;
      const el = await realChat(name, `lib${flag.slice(1)}-q4f32_1-MLC`);
      await waitUntil(() => el.modelInfo && el.status === 'idle', 'preflight done', { timeout: 30000 });
      const error = oneEvent(el, 'ai-chat-error') as Promise<AiChatErrorEvent>;
      el.load().catch(() => undefined);
      const event = await error;
      const requests = await modelRequests();
      // The library was fetched once, and nothing after it.
      expect(requests[`${name}/lib.wasm`]).to.equal(1);
      expect(Object.keys(requests).filter((path) => path.includes('params_shard'))).to.deep.equal([]);
      expect(event.code).to.equal('engine');
      expect(event.recoverable).to.equal(false);
      for (const words of runtimeWords) expect(event.message).to.contain(words);
      console.log(`${flag}: ai-chat-error ${event.code}, recoverable ${event.recoverable}: ${event.message}`);
      expect(el.status).to.equal('error');
      await el.unload();
    });
  }

  it("real worker: a self-hosted model's memory need is its weights plus the KV cache of its config's context window", async () => {
    const name = 'kv-s3x512-q4f32_1-MLC~kv';
    const el = await realChat(name, 'kv-s3x512-q4f32_1-MLC');
    await waitUntil(() => el.modelInfo && el.status === 'idle', 'preflight done', { timeout: 30000 });
    // 3 shards of 512 KiB, and 2 (K, V) × 2 layers × 2 KV heads × 64 dims × 2048 tokens × 4 bytes (f32).
    const weights = 3 * 512 * 1024;
    const kvCache = 2 * 2 * 2 * 64 * 2048 * 4;
    expect(el.modelInfo!.vramMB).to.equal(Math.ceil((weights + kvCache) / 2 ** 20));
    expect(el.modelInfo!.vramMB).to.equal(6);
    await el.unload();
  });

  it('real worker: a self-hosted model whose files are missing ends in model-not-found at the preflight, in plain words', async () => {
    const el = await fixture<AiChat>(
      html`<ai-chat
        model="gone-q4f32_1-MLC"
        model-url=${`${origin}/nothing-here/gone`}
        model-lib-url=${`${origin}/nothing-here/lib.wasm`}
        worker-url=${REAL_WORKER}
      ></ai-chat>`,
    );
    const event = (await oneEvent(el, 'ai-chat-error')) as AiChatErrorEvent;
    expect(event.code).to.equal('model-not-found');
    expect(event.message).to.contain('No model "gone-q4f32_1-MLC"');
    expect(event.message).to.contain('mlc-chat-config.json answered HTTP 404');
    expect(event.recoverable).to.equal(false);
    await el.updateComplete;
    expect($(el, '[part="error"] p')!.textContent).to.equal(
      'The chat is not available right now. Try again later.',
    );
    await el.unload();
  });

  it('real web-llm: two elements with the same model share one worker; unload ends it when no element uses it', async () => {
    const name = 'shared-q4f32_1-MLC';
    const a = await realChat(name);
    const b = await realChat(name);
    a.load().catch(() => undefined);
    b.load().catch(() => undefined);
    // Both past the check (the browser's own model is asked about first, by default): loading.
    const loading = (el: AiChat) => !['idle', 'checking'].includes(el.status);
    await waitUntil(() => loading(a) && loading(b));
    expect(liveWorkers()).to.equal(1);
    await Promise.all([waitForStatus(a, 'error', 30000), waitForStatus(b, 'error', 30000)]);
    // One worker, one load: each shard was downloaded once for both elements.
    const requests = await modelRequests();
    const shards = Object.entries(requests).filter(([path]) => path.includes('params_shard'));
    expect(shards.length).to.equal(4);
    expect(shards.every(([, count]) => count === 1)).to.equal(true);
    await a.unload();
    expect(liveWorkers()).to.equal(1);
    await b.unload();
    expect(liveWorkers()).to.equal(0);
  });
});
