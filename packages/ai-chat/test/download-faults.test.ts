import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { AiChat } from '../src/ai-chat.js';
import type { AiChatErrorEvent, AiChatProgressEvent, AiChatStatusEvent } from '../src/events.js';
import { $, record, REAL_WORKER, resetModelServer, expectEveryWorkerEnded } from './helpers.js';

// The fault matrix of the downloader (issue 14), through the element and the real worker (our
// preflight and downloader, real Cache API, real HTTP from test/server/fault-routes.mjs on
// 127.0.0.1). The generated model library cannot be instantiated, so a download that completes
// ends in an `engine` error from the load, after status `loading`.
const origin = location.origin;
const SHARD = 64 * 1024;
let counter = 0;
const fresh = () => `f${Date.now() % 100000}x${++counter}-s2x64-q4f32_1-MLC`;
const folder = (fault: string, name: string) => `${origin}/faults/${fault}/${name}`;

async function faultChat(fault: string, name: string, workerUrl = REAL_WORKER) {
  const el = await fixture<AiChat>(
    html`<ai-chat
      model=${name}
      model-url=${folder(fault, name)}
      model-lib-url=${`${folder(fault, name)}/lib.wasm`}
      worker-url=${workerUrl}
    ></ai-chat>`,
  );
  return el;
}

const requests = async (): Promise<Record<string, number>> => (await fetch('/__faults/requests')).json();
const shardGets = async (fault: string, name: string, i: number) =>
  (await requests())[`${fault}/${name}/params_shard_${i}.bin`] ?? 0;

/** Every cached shard of the model, with its length: the cache must never hold one that does not match. */
async function cachedShards(fault: string, name: string): Promise<Record<string, number>> {
  const cache = await caches.open('webllm/model');
  const found: Record<string, number> = {};
  for (const request of await cache.keys()) {
    if (!request.url.startsWith(`${folder(fault, name)}/`) || !request.url.includes('params_shard')) continue;
    found[request.url.split('/').pop()!] = (await (await cache.match(request))!.blob()).size;
  }
  return found;
}

async function preflighted(el: AiChat) {
  await waitUntil(() => el.modelInfo || el.status === 'error', 'preflight', { timeout: 30000 });
}

/** Plain words for the visitor, in the element: no internals, no stack, no "undefined", no NaN. */
async function expectPlain(el: AiChat) {
  await el.updateComplete;
  const shown = $(el, '[part="error"] p')?.textContent?.trim() ?? '';
  expect(shown).to.match(/^[A-Z]/);
  expect(shown).not.to.match(
    /Failed to construct|is not a function|undefined|NaN|Cannot read|Error:|\n\s+at /,
  );
}

/** The element still works after the failure: the error can be dismissed and a new check runs. */
async function expectWorking(el: AiChat) {
  await el.updateComplete;
  expect($(el, '[part="error"]'), 'the error is shown').to.exist;
  el.unload();
  await el.updateComplete;
  expect(el.status).to.equal('idle');
}

describe('download fault matrix (real worker, real Cache API, test server faults)', function () {
  this.timeout(60000);
  beforeEach(async () => {
    await resetModelServer();
    await fetch('/__faults/reset');
  });
  afterEach(async () => {
    // A worker that outlives its test fails it.
    await expectEveryWorkerEnded();
  });

  for (const [fault, what] of [
    ['short', 'an honest short Content-Length'],
    ['chunked', 'a short chunked body'],
    ['html', 'a 51-byte HTML page with status 200'],
    ['badmd5', 'bytes whose MD5 differs from the index'],
  ] as const) {
    it(`real worker: a shard with ${what} is fetched again once, then reported as network; never cached`, async () => {
      const name = fresh();
      const el = await faultChat(fault, name);
      await preflighted(el);
      const failed = (await el.load().catch((e: unknown) => e)) as AiChatErrorEvent;
      expect(failed.code).to.equal('network');
      expect(failed.message).to.contain('params_shard_0.bin does not match the model');
      await expectPlain(el);
      expect(await shardGets(fault, name, 0)).to.equal(2);
      expect(await cachedShards(fault, name)).not.to.have.property('params_shard_0.bin');
      await expectWorking(el);
      // The next page does not say "already downloaded", and Try again fetches the shard again.
      const again = await faultChat(fault, name);
      await preflighted(again);
      expect(again.modelInfo!.cached).to.equal(false);
      await again.load().catch(() => undefined);
      expect(await shardGets(fault, name, 0)).to.equal(4);
      await again.unload();
    });
  }

  it('real worker: a host answering every file with an HTML page (status 200) is refused before any shard, in plain words', async () => {
    const name = fresh();
    const errors: AiChatErrorEvent[] = [];
    document.body.addEventListener('ai-chat-error', (e) => errors.push(e as AiChatErrorEvent));
    const el = await faultChat('htmlall', name);
    await preflighted(el);
    await waitUntil(() => errors.length > 0, 'reported');
    expect(el.modelInfo).to.equal(undefined);
    expect(errors[0]!.message).to.contain('the host answered with a web page');
    await expectPlain(el);
    expect(await shardGets('htmlall', name, 0)).to.equal(0);
    expect(await cachedShards('htmlall', name)).to.deep.equal({});
    await el.unload();
  });

  it('real worker: a shard short only the first time is fetched again and the download completes', async () => {
    const name = fresh();
    const el = await faultChat('short1', name);
    await preflighted(el);
    const statuses = record<AiChatStatusEvent>(el, 'ai-chat-status');
    const failed = (await el.load().catch((e: unknown) => e)) as AiChatErrorEvent;
    expect(statuses.map((s) => s.status)).to.include('loading');
    expect(failed.code).to.equal('engine'); // the generated library, as always here
    expect(await shardGets('short1', name, 0)).to.equal(2);
    await el.updateComplete;
    const actions = [...el.shadowRoot!.querySelectorAll('[part="error"] button')].map((b) =>
      b.textContent?.trim(),
    );
    expect(actions, 'a load from cached files that fails offers to clear them').to.include(
      'Clear downloaded files',
    );
    expect(await cachedShards('short1', name)).to.deep.equal({
      'params_shard_0.bin': SHARD,
      'params_shard_1.bin': SHARD,
    });
    await el.unload();
  });

  for (const [fault, code, words] of [
    ['404', 'model-not-found', /params_shard_1\.bin answered HTTP 404/],
    ['500', 'network', /params_shard_1\.bin answered HTTP 500/],
  ] as const) {
    it(`real worker: a shard answering ${fault} gives ${code} in plain words; nothing wrong is cached`, async () => {
      const name = fresh();
      const el = await faultChat(fault, name);
      await preflighted(el);
      const failed = (await el.load().catch((e: unknown) => e)) as AiChatErrorEvent;
      expect(failed.code).to.equal(code);
      expect(failed.message).to.match(words);
      await expectPlain(el);
      const cached = await cachedShards(fault, name);
      expect(Object.values(cached).every((n) => n === SHARD)).to.equal(true);
      expect(cached).not.to.have.property('params_shard_1.bin');
      await expectWorking(el);
    });
  }

  it('real worker: a trickling host still completes the download with steady progress', async () => {
    const name = fresh();
    const el = await faultChat('trickle', name);
    await preflighted(el);
    const progress = record<AiChatProgressEvent>(el, 'ai-chat-progress');
    await el.load().catch(() => undefined);
    const loaded = progress.filter((p) => p.phase === 'download').map((p) => p.loadedBytes);
    expect(loaded).to.deep.equal([...loaded].sort((a, b) => a - b));
    expect(loaded.at(-1)).to.equal(el.modelInfo!.downloadBytes);
    expect(await cachedShards('trickle', name)).to.deep.equal({
      'params_shard_0.bin': SHARD,
      'params_shard_1.bin': SHARD,
    });
    await el.unload();
  });

  it('real worker: a host that refuses HEAD gives sizes from a ranged GET and serves the model', async () => {
    const name = fresh();
    const reference = await faultChat('ok', name);
    await preflighted(reference);
    const el = await faultChat('nohead', name);
    await preflighted(el);
    expect(el.status).not.to.equal('error');
    expect(el.modelInfo!.downloadBytes).to.equal(reference.modelInfo!.downloadBytes);
    const statuses = record<AiChatStatusEvent>(el, 'ai-chat-status');
    await el.load().catch(() => undefined);
    expect(statuses.map((s) => s.status)).to.include('loading');
    await el.unload();
    await reference.unload();
  });

  it('real wllama: a GGUF host that refuses HEAD gives the size from a ranged GET and serves the model', async () => {
    const label = `nh${Date.now() % 100000}x${++counter}`;
    const size = (await (await fetch(`/gguf/${label}.gguf`)).arrayBuffer()).byteLength;
    const el = await fixture<AiChat>(
      html`<ai-chat
        model-url=${`${origin}/faults/nohead/gguf/${label}.gguf`}
        worker-url=${REAL_WORKER}
        max-tokens="4"
      ></ai-chat>`,
    );
    await preflighted(el);
    expect(el.status).not.to.equal('error');
    expect(el.modelInfo!.downloadBytes).to.equal(size);
    expect((await requests())[`nohead/gguf/${label}.gguf HEAD`]).to.be.above(0);
    await el.load();
    expect(el.status).to.equal('ready');
    await el.unload();
  });

  it('real worker: a hostile mlc-chat-config.json never makes a figure NaN: sizes and memory stay numbers', async () => {
    const name = fresh();
    const el = await faultChat('badconfig', name);
    await preflighted(el);
    expect(el.status).not.to.equal('error');
    const info = el.modelInfo!;
    expect(Number.isFinite(info.downloadBytes) && info.downloadBytes > 2 * SHARD).to.equal(true);
    expect(Number.isFinite(info.vramMB) && info.vramMB > 0, `vramMB ${info.vramMB}`).to.equal(true);
    await el.updateComplete;
    expect($(el, '[part="consent"]')!.textContent).not.to.match(/NaN|undefined/);
    await el.unload();
  });

  it('real worker: an index with the right md5sums downloads and checks every shard', async () => {
    const name = fresh();
    const el = await faultChat('md5', name);
    await preflighted(el);
    const statuses = record<AiChatStatusEvent>(el, 'ai-chat-status');
    await el.load().catch(() => undefined);
    expect(statuses.map((s) => s.status)).to.include('loading');
    expect(await shardGets('md5', name, 0)).to.equal(1);
    await el.unload();
  });

  for (const fault of ['neg', 'abc', 'null', 'dotdot', 'otherhost']) {
    it(`real worker: a hostile tensor-cache.json (${fault}) is refused before any size is shown or any shard fetched`, async () => {
      const name = fresh();
      const errors: AiChatErrorEvent[] = [];
      document.body.addEventListener('ai-chat-error', (e) => errors.push(e as AiChatErrorEvent));
      const el = await faultChat(fault, name);
      await preflighted(el);
      await waitUntil(() => errors.length > 0, 'reported');
      expect(el.modelInfo).to.equal(undefined);
      expect(errors[0]!.message).to.contain('tensor-cache.json cannot be used');
      await expectPlain(el);
      const failed = (await el.load().catch((e: unknown) => e)) as AiChatErrorEvent;
      expect(failed.message).to.contain('tensor-cache.json cannot be used');
      const fetched = Object.keys(await requests()).filter((key) => key.startsWith(`${fault}/${name}/`));
      expect(fetched.filter((key) => /params_shard|escape/.test(key))).to.deep.equal([]);
      expect(await cachedShards(fault, name)).to.deep.equal({});
      await el.unload();
    });
  }

  it('real worker: a cached shard that does not match the index counts as not downloaded and is fetched again', async () => {
    const name = fresh();
    const el = await faultChat('ok', name);
    await preflighted(el);
    await el.load().catch(() => undefined);
    await el.unload();
    const cache = await caches.open('webllm/model');
    const url = `${folder('ok', name)}/resolve/main/params_shard_1.bin`;
    await cache.put(url, new Response(new Uint8Array(100), { headers: { 'content-length': '100' } }));
    const again = await faultChat('ok', name);
    await preflighted(again);
    expect(again.modelInfo!.cached).to.equal(false);
    await again.updateComplete;
    expect($(again, '[part="consent"]')!.textContent).not.to.contain('already downloaded');
    await again.load().catch(() => undefined);
    expect(await shardGets('ok', name, 0)).to.equal(1);
    expect(await shardGets('ok', name, 1)).to.equal(2);
    expect(await cachedShards('ok', name)).to.deep.equal({
      'params_shard_0.bin': SHARD,
      'params_shard_1.bin': SHARD,
    });
    await again.clearCache();
    const left = [];
    for (const scope of ['webllm/config', 'webllm/wasm', 'webllm/model'])
      for (const key of await (await caches.open(scope)).keys())
        if (key.url.includes(name)) left.push(key.url);
    expect(left, 'clearCache() removes everything').to.deep.equal([]);
    await again.unload();
  });

  it('real worker: relative model-url and model-lib-url resolve against the page, also from a cross-origin worker script', async () => {
    const crossOrigin = REAL_WORKER.replace('//127.0.0.1:', '//localhost:');
    for (const [modelUrl, workerUrl] of [
      [`/faults/ok/NAME`, crossOrigin],
      [`faults/ok/NAME`, crossOrigin],
      [`faults/ok/NAME`, REAL_WORKER],
    ] as const) {
      const name = fresh();
      const el = await fixture<AiChat>(
        html`<ai-chat
          model=${name}
          model-url=${modelUrl.replace('NAME', name)}
          model-lib-url=${`${modelUrl.replace('NAME', name)}/lib.wasm`}
          worker-url=${workerUrl}
        ></ai-chat>`,
      );
      await preflighted(el);
      expect(el.status, `${modelUrl} from ${workerUrl}`).not.to.equal('error');
      expect(el.modelInfo!.downloadBytes).to.be.above(2 * SHARD);
      expect((await requests())[`ok/${name}/tensor-cache.json`]).to.equal(1);
      await el.unload();
    }
  });
});
