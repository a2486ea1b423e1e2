import { expect, fixture, html } from '@open-wc/testing';
import type { AiChat } from '../src/ai-chat.js';
import type { AiChatErrorEvent } from '../src/events.js';
import { en } from '../src/i18n/en.js';
import { stallWatch } from '../src/engine/stall-watch.js';
import { readsOf } from '../src/engine/worker/wllama/load-watch.js';
import { WorkerClient } from '../src/engine/page/worker-client.js';
import { spawnWorker } from '../src/engine/spawn.js';
import { $, expectEveryWorkerEnded, record, waitUntil } from './helpers.js';

// A start of a model on the CPU that stops moving ends in a clear, recoverable error: the watchdog
// (src/engine/stall-watch.ts, used by worker/wllama/load.ts) measures from the last progress, never from the start.
const STALL_WORKER = new URL('./fixtures/short-stall-worker.js', import.meta.url).href;
const BLOCKING_WORKER = new URL('./fixtures/blocking-worker.js', import.meta.url).href;
const wllamaRequests = async (): Promise<number> => (await fetch('/__wllama/count')).json();
const never = new Promise<never>(() => undefined);
/** The next turn of the event loop: progress that keeps coming, as fast as the machine allows. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the start watchdog (pure, timers)', () => {
  it('a start that never moves fails with ModelLoadStalledError, in its own words', async () => {
    const error = await stallWatch(() => never, 50).catch((e: Error) => e);
    expect((error as Error).name).to.equal('ModelLoadStalledError');
    expect((error as Error).message).to.equal('The model stopped loading: nothing happened for 0.05 s');
  });

  it('a start that keeps moving is never failed, however long it takes (measured from the last move)', async () => {
    const stallMs = 200;
    const start = performance.now();
    const result = await stallWatch(async (moved) => {
      // Three times the allowed silence in all, moving at every turn of the event loop.
      while (performance.now() - start < 3 * stallMs) {
        moved();
        await tick();
      }
      return 'loaded';
    }, stallMs);
    expect(result).to.equal('loaded');
  });

  it('a start that moves, then stops, fails; its own failure comes through as is', async () => {
    const error = await stallWatch(async (moved) => {
      moved();
      await tick();
      moved();
      return never;
    }, 50).catch((e: Error) => e);
    expect((error as Error).name).to.equal('ModelLoadStalledError');
    const own = await stallWatch(() => Promise.reject(new TypeError('wllama said no')), 50).catch((e) => e);
    expect((own as Error).message).to.equal('wllama said no');
  });

  it('readsOf: the same bytes, and each completed read of a slice counted', async () => {
    const reads: number[] = [];
    const blob = readsOf(new Blob([new Uint8Array([1, 2, 3, 4, 5, 6])]), (n) => reads.push(n));
    expect(blob.size).to.equal(6);
    expect([...new Uint8Array(await blob.slice(1, 3).arrayBuffer())]).to.deep.equal([2, 3]);
    expect([...new Uint8Array(await blob.slice(3).arrayBuffer())]).to.deep.equal([4, 5, 6]);
    expect(reads).to.deep.equal([2, 5]);
  });
});

describe('a start that stops moving (real worker, real wllama, a 2 s watchdog)', function () {
  this.timeout(90000);
  afterEach(async () => {
    await fetch('/__wllama/release');
    await expectEveryWorkerEnded();
  });

  it('real wllama: its WebAssembly never arrives: engine error, recoverable, ModelLoadStalledError for the author; Try again then loads and answers', async () => {
    await fetch('/__wllama/hold');
    const before = await wllamaRequests();
    const el = await fixture<AiChat>(
      html`<ai-chat
        worker-url=${STALL_WORKER}
        model-url=${`${location.origin}/gguf/stall-${Date.now() % 100000}.gguf`}
        runtime="wasm"
        max-tokens="4"
      ></ai-chat>`,
    );
    const errors = record<AiChatErrorEvent>(el, 'ai-chat-error');
    void el.load().catch(() => undefined);
    // The file is downloaded and wllama asked for its WebAssembly, which the server holds.
    await waitUntil(async () => (await wllamaRequests()) > before, 'wllama asked for its wasm', {
      timeout: 30000,
      interval: 100,
    });
    await waitUntil(() => errors.length > 0, 'the watchdog fires', { timeout: 30000 });
    expect([errors[0]!.code, errors[0]!.recoverable]).to.deep.equal(['engine', true]);
    // How far it came: wllama read the header (128 KB) before it asked for its WebAssembly.
    expect(errors[0]!.message).to.match(
      /ModelLoadStalledError: The model stopped loading: nothing happened for 2 s \(0\.1 of 0\.2 MB of the model read\)$/,
    );
    await el.updateComplete;
    const card = $(el, '[part="error"]')!;
    expect(card.querySelector('p')!.textContent!.trim()).to.equal(en.errorEngine);
    const retry = [...card.querySelectorAll('button')].find((b) => b.textContent!.trim() === en.retry)!;
    expect(retry, 'a Try again button').to.exist;

    await fetch('/__wllama/release');
    retry.click();
    await waitUntil(() => el.status === 'ready', 'loaded after Try again', { timeout: 60000 });
    await el.send('hello');
    expect(el.stats?.completionTokens).to.be.above(0);
  });
});

describe('a worker whose own thread is stuck (real worker, the watchdog on the page)', () => {
  it('real worker: a load with no word from the worker for the allowed silence ends the worker and fails with ModelLoadStalledError, as does what else waited on it', async () => {
    const client = new WorkerClient(spawnWorker(BLOCKING_WORKER), { stallMs: 1000 });
    const exits: string[] = [];
    client.onExit((error) => exits.push(error.name));
    const spec = { model: 'auto', modelUrl: `${location.origin}/gguf/block-thread-${Date.now() % 1e5}.gguf` };
    const error = await client.load(spec, () => undefined).catch((e: Error) => e);
    expect((error as Error).name).to.equal('ModelLoadStalledError');
    expect((error as Error).message).to.equal('The model stopped loading: nothing happened for 1 s');
    expect(client.alive, 'the stuck worker is ended').to.equal(false);
    expect(exits).to.deep.equal(['ModelLoadStalledError']);
    // Anything else that waited on it fails at once, with the same words.
    const after = await client.preflight(spec).catch((e: Error) => e);
    expect((after as Error).name).to.equal('ModelLoadStalledError');
    await expectEveryWorkerEnded();
  });
});
