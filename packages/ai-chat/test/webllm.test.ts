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
    expect($(el, '[part="consent"]')!.textContent).to.contain(`${Math.round(expected / 1000)} KB download`);
    const statuses = record<AiChatStatusEvent>(el, 'ai-chat-status');
    const error = oneEvent(el, 'ai-chat-error') as Promise<AiChatErrorEvent>;
    el.load().catch(() => undefined);
    const event = await error;
    expect(statuses.map((e) => e.status)).to.deep.equal(['checking', 'downloading', 'loading', 'error']);
    // Our downloader fetched every file; web-llm then failed at instantiating the library.
    expect(event.code).to.equal('engine');
    expect(event.message).to.equal(
      'The model could not run (its model library (.wasm) could not be started in this browser). Try again, or pick another model.',
    );
    expect(el.status).to.equal('error');
    await el.updateComplete;
    expect($(el, '[part="error"]')!.textContent).to.contain('The model could not run');
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
    expect(event.message).to.equal(
      'The model "gone-q4f32_1-MLC" could not be found. Check the model name and model-url, or use model="auto".',
    );
    await el.unload();
  });

  it('real web-llm: two elements with the same model share one worker; unload ends it when no element uses it', async () => {
    const name = 'shared-q4f32_1-MLC';
    const a = await realChat(name);
    const b = await realChat(name);
    a.load().catch(() => undefined);
    b.load().catch(() => undefined);
    await waitUntil(() => a.status !== 'idle' && b.status !== 'idle');
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
