import { expect } from '@open-wc/testing';
import { WorkerClient } from '../src/engine/page/worker-client.js';
import type { CompletionChunk, CompletionUsage } from '../src/engine/engine.js';
import type { ModelSpec, WorkerResponse } from '../src/engine/protocol.js';
import { spawnWorker } from '../src/engine/spawn.js';
import type { ProgressReport } from '../src/types.js';
import { cachedBytes, modelRequests, REAL_WORKER, waitUntil } from './helpers.js';

// The CPU runtime for real, through the real worker protocol: our worker (router, preflight,
// ranged downloader, Cache API) and llama.cpp in WebAssembly through wllama, on GGUF models the
// test server generates (random weights, real architecture and tokenizer): real tokens.
const origin = location.origin;
const FALLBACK_WORKER = new URL('./fixtures/cpu-fallback-worker.js', import.meta.url).href;
const QUOTA_WORKER = new URL('./fixtures/small-quota-worker.js', import.meta.url).href;
const TINY_BYTES = 158_080;

let counter = 0;
const fresh = (flags = '') => `t${Date.now() % 100000}x${++counter}${flags}`;
const ggufUrl = (label: string) => `${origin}/gguf/${label}.gguf`;
const clients: WorkerClient[] = [];
const client = (url = REAL_WORKER) => {
  const c = new WorkerClient(spawnWorker(url));
  clients.push(c);
  return c;
};
afterEach(() => clients.splice(0).forEach((c) => c.terminate()));

async function reply(
  c: WorkerClient,
  text: string,
  extra: { max_tokens?: number; signal?: AbortSignal } = {},
) {
  const chunks: CompletionChunk[] = [];
  const request = {
    messages: [{ role: 'user' as const, content: text }],
    stream: true as const,
    max_tokens: extra.max_tokens ?? 16,
  };
  for await (const chunk of c.generate(request, extra.signal)) chunks.push(chunk);
  const content = chunks.map((ch) => ch.choices[0]?.delta?.content ?? '').join('');
  return { chunks, content, usage: chunks.find((ch) => ch.usage)?.usage };
}

describe('CPU runtime through the real worker protocol (real wllama)', function () {
  this.timeout(60000);

  it('real wllama: a .gguf model-url is the CPU runtime: size to the byte, memory from the header, predicted speed; real tokens with llama.cpp timings', async () => {
    const label = fresh();
    const spec: ModelSpec = { model: 'auto', modelUrl: ggufUrl(label) };
    const c = client();
    const pre = await c.preflight(spec);
    expect(pre.runtime).to.equal('wasm');
    expect(pre.id).to.equal(label);
    expect(pre.downloadBytes).to.equal(TINY_BYTES);
    expect(pre.cached).to.equal(false);
    // weights + KV cache of 512 tokens (2 layers × 2 × 512 × 64 × f16) + 64 MiB of compute buffers
    expect(pre.vramMB).to.be.within(64.1, 64.5);
    expect(pre.predictedMsPerToken).to.be.a('number').and.greaterThan(0);
    // No friendly name for a file of the page's: the consent card names it from its id.
    expect(pre.label).to.equal(undefined);
    // Chromium runs the fast build; one thread (this page is not cross-origin isolated).
    expect(pre.cpu).to.deep.equal({ build: 'jspi-memory64', threads: 1 });
    const progress: ProgressReport[] = [];
    const loaded = await c.load(spec, (p) => progress.push(p));
    expect(loaded.runtime).to.equal('wasm');
    expect(loaded.cpu).to.deep.equal({ build: 'jspi-memory64', threads: 1 });
    const downloads = progress.filter((p) => p.phase === 'download');
    expect(downloads.at(-1)!.loadedBytes).to.equal(TINY_BYTES);
    expect(progress.at(-1)!.phase).to.equal('load');
    const { content, usage, chunks } = await reply(c, 'hello', { max_tokens: 12 });
    expect(content.length).to.be.greaterThan(0);
    // The generated model never ends a reply on its own (see make-gguf.mjs): exactly max_tokens.
    expect(usage!.completion_tokens).to.equal(12);
    console.log(
      `tiny model: ${usage!.extra!.decode_tokens_per_s!.toFixed(0)} tok/s, predicted ${pre.predictedMsPerToken} ms/token`,
    );
    expect(usage!.prompt_tokens).to.be.greaterThan(5);
    expect(usage!.extra!.decode_tokens_per_s).to.be.greaterThan(0);
    // Tokens, not chunks: wllama may join bytes into one chunk.
    expect(chunks.filter((ch) => ch.choices[0]?.delta?.content).length).to.be.at.most(12);
    expect((await cachedBytes(ggufUrl(label))).byteLength).to.equal(TINY_BYTES);
    await c.unload();
  });

  it('real wllama: a new worker for the same model loads from the cache with zero GGUF requests', async () => {
    const label = fresh();
    const spec: ModelSpec = { model: 'auto', modelUrl: ggufUrl(label) };
    const first = client();
    await first.load(spec, () => undefined);
    await first.unload();
    const before = await modelRequests();
    const second = client();
    const pre = await second.preflight(spec);
    expect(pre.cached).to.equal(true);
    await second.load(spec, () => undefined);
    expect((await reply(second, 'again')).content.length).to.be.greaterThan(0);
    const after = await modelRequests();
    const gguf = Object.keys(after).filter((k) => k.includes(label) && after[k] !== before[k]);
    expect(gguf).to.deep.equal([]);
    await second.unload();
  });

  it('real wllama: a connection cut mid-file resumes with a Range request from the last byte kept; the cached file is whole', async () => {
    const label = fresh('~cut');
    const spec: ModelSpec = { model: 'auto', modelUrl: ggufUrl(label) };
    const c = client();
    await c.load(spec, () => undefined);
    const counts = await modelRequests();
    const ranges = Object.keys(counts).filter((k) => k.startsWith(`gguf/${label}.gguf range `));
    const resumedAt = ranges.map((k) => Number(/range (\d+)-/.exec(k)![1])).filter((n) => n > 0);
    expect(resumedAt.length).to.equal(1);
    expect(resumedAt[0]).to.be.within(1, TINY_BYTES - 1);
    const served = new Uint8Array(await (await fetch(ggufUrl(fresh()))).arrayBuffer());
    expect(await cachedBytes(ggufUrl(label))).to.deep.equal(served);
    expect((await reply(c, 'whole?')).usage!.completion_tokens).to.be.greaterThan(0);
    await c.unload();
  });

  it("real wllama: interrupt stops llama.cpp's generation at once (the worker's own token count); the next reply works", async () => {
    // The worker's own messages: the last chunk of a reply carries llama.cpp's count of the tokens
    // it generated, interrupted or not. The page stops reading at the interrupt, whatever the worker
    // goes on doing, so the count is read here, beside the client.
    const worker = spawnWorker(REAL_WORKER);
    const usages: CompletionUsage[] = [];
    worker.addEventListener('message', ({ data }: MessageEvent<WorkerResponse>) => {
      if (data.type === 'chunk' && data.chunk.usage) usages.push(data.chunk.usage);
    });
    const c = new WorkerClient(worker);
    clients.push(c);
    const spec: ModelSpec = { model: 'auto', modelUrl: ggufUrl(fresh()) };
    await c.load(spec, () => undefined);
    const controller = new AbortController();
    const chunks: CompletionChunk[] = [];
    const request = {
      messages: [{ role: 'user' as const, content: 'go on' }],
      stream: true as const,
      max_tokens: 400,
    };
    const stream = c.generate(request, controller.signal);
    for await (const chunk of stream) {
      chunks.push(chunk);
      if (chunks.length === 3) controller.abort();
    }
    // At most the chunks already on their way when the interrupt arrived: far fewer than the 400
    // asked. How many are on their way depends on how busy the cores are (a few when idle, about 150
    // once under load): half of the 400 tells an interrupt that worked from one that did not.
    expect(chunks.length).to.be.below(200);
    // The worker's generation ended too: llama.cpp made some tokens more at most, not the 400 asked.
    await waitUntil(() => usages.length > 0, 'the count of the interrupted reply', { timeout: 30000 });
    expect(usages[0]!.completion_tokens).to.be.at.least(3).and.below(200);
    const next = await reply(c, 'and now?', { max_tokens: 5 });
    expect(next.usage!.completion_tokens).to.equal(5);
    await c.unload();
  });

  it('real wllama: unload during the download cancels it; the bytes kept stay for the next load', async () => {
    const label = fresh('-d128l2-q8_0~slow');
    const spec: ModelSpec = { model: 'auto', modelUrl: ggufUrl(label) };
    const c = client();
    let seen = 0;
    const loading = c.load(spec, (p) => (seen = p.loadedBytes ?? 0)).catch((e: { name: string }) => e);
    await waitUntil(() => seen >= 40_000, 'part of the download', { interval: 20, timeout: 30000 });
    await c.unload();
    expect(((await loading) as { name: string }).name).to.equal('AbortError');
    const again = client();
    const pre = await again.preflight(spec);
    expect(pre.cached).to.equal(false);
    again.terminate();
  });

  it('real wllama: a download larger than the free storage is refused before the first byte', async () => {
    const label = fresh('-d256l4-q8_0');
    const c = client(QUOTA_WORKER);
    const error = await c
      .load({ model: 'auto', modelUrl: ggufUrl(label) }, () => undefined)
      .catch((e: unknown) => e);
    expect((error as { name: string }).name).to.equal('QuotaExceededError');
    const counts = await modelRequests();
    expect(counts[`gguf/${label}.gguf`]).to.equal(1); // the header's Range request only
  });

  it('real wllama: with no WebGPU adapter, auto with the default runtimes falls back to the CPU catalog and runs it', async () => {
    const c = client(FALLBACK_WORKER);
    const spec: ModelSpec = { model: 'auto' };
    const pre = await c.preflight(spec);
    expect([pre.runtime, pre.id, pre.label]).to.deep.equal([
      'wasm',
      'Generated-Small-Instruct-Q8_0-GGUF',
      'Generated · small',
    ]);
    expect(pre.predictedMsPerToken).to.be.below(50);
    await c.load(spec, () => undefined);
    expect((await reply(c, 'cpu?', { max_tokens: 4 })).usage!.completion_tokens).to.equal(4);
    await c.unload();
  });

  for (const [policy, needs] of [
    ['no-blob', 'worker-src blob:'],
    ['no-wasm', "'wasm-unsafe-eval'"],
  ])
    it(`real wllama: a Content-Security-Policy (${policy}) that locks the CPU runtime out ends in a clear error within seconds`, async () => {
      const c = client(`${REAL_WORKER}?csp=${policy}`);
      const started = performance.now();
      const error = (await c
        .load({ model: 'auto', modelUrl: ggufUrl(fresh()) }, () => undefined)
        .catch((e: unknown) => e)) as { name: string; message: string };
      expect(error.name).to.equal('ContentSecurityPolicyError');
      expect(error.message).to.contain(needs);
      expect(performance.now() - started).to.be.below(8000);
    });
});
