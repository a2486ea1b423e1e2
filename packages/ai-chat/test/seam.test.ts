/**
 * The runtime seam: the element follows its properties, Stop always stops, every operation is
 * cancellable and the latest wins. Through the public API only, with the scripted engine (as
 * `engine`) and the scripted worker (a scripted engine behind the real worker protocol).
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { AiChat } from '../src/ai-chat.js';
import { liveWorkers } from '../src/engine/page/pool.js';
import type {
  AiChatErrorEvent,
  AiChatMessageEvent,
  AiChatStatsEvent,
  AiChatThresholdEvent,
} from '../src/events.js';
import {
  $,
  record,
  SCRIPTED_WORKER,
  ScriptedEngine,
  visibleMessages,
  waitForStatus,
  expectEveryWorkerEnded,
} from './helpers.js';

const workerChat = async (attrs: { model?: string; url?: string; autoload?: boolean } = {}) => {
  const el = await fixture<AiChat>(
    html`<ai-chat
      model=${attrs.model ?? 'Scripted-1B-Instruct-q4f32_1-MLC'}
      worker-url=${attrs.url ?? SCRIPTED_WORKER}
      ?autoload=${attrs.autoload ?? false}
    ></ai-chat>`,
  );
  return el;
};

const settles = async (work: () => unknown, label: string) => {
  let done = false;
  let threw: unknown;
  try {
    const result = work();
    void Promise.resolve(result).then(
      () => (done = true),
      () => (done = true),
    );
  } catch (error) {
    threw = error;
  }
  expect(threw, `${label} threw synchronously`).to.equal(undefined);
  await waitUntil(() => done, `${label} settles`, { timeout: 10000 });
};

describe('runtime seam: the element follows its properties', () => {
  afterEach(async () => {
    // A worker that outlives its test fails it.
    await expectEveryWorkerEnded();
  });

  it('scripted worker: a new model after a reply shows the consent card again, and the next send() comes from the new model, with no unload()', async () => {
    const el = await workerChat({ autoload: true });
    await waitForStatus(el, 'ready');
    expect((await el.send('which model'))!.content).to.contain('model Scripted-1B-Instruct-q4f32_1-MLC');
    el.model = 'Other-3B-Instruct-q4f32_1-MLC';
    el.autoload = false;
    await waitUntil(
      () => el.modelInfo?.id === 'Other-3B-Instruct-q4f32_1-MLC' && el.status === 'idle',
      'new check',
    );
    await el.updateComplete;
    expect($(el, '[part="consent"]')).to.exist;
    expect(liveWorkers()).to.equal(1);
    expect((await el.send('which model'))!.content).to.contain('model Other-3B-Instruct-q4f32_1-MLC');
    // The conversation stays.
    expect(el.messages.filter((m) => m.role === 'user')).to.have.length(2);
    el.modelUrl = 'https://models.invalid/Other';
    expect((await el.send('which model'))!.content).to.contain('at https://models.invalid/Other');
    await el.unload();
  });

  it('scripted worker: a new worker-url ends the old worker and loads in the new one', async () => {
    const el = await workerChat({ autoload: true });
    await waitForStatus(el, 'ready');
    el.workerUrl = `${SCRIPTED_WORKER}?downloadBytes=1234`;
    await waitUntil(() => el.modelInfo?.downloadBytes === 1234, 'preflight in the new worker');
    expect(liveWorkers()).to.equal(1);
    await el.unload();
  });

  it('scripted engine: engine E1, then E2, then none: each send goes to the engine set at the time', async () => {
    const e1 = new ScriptedEngine({ replies: [{ text: 'from one' }] });
    const e2 = new ScriptedEngine({ replies: [{ text: 'from two' }] });
    const el = await fixture<AiChat>(html`<ai-chat .engine=${e1} worker-url=${SCRIPTED_WORKER}></ai-chat>`);
    expect((await el.send('a'))!.content).to.equal('from one');
    el.engine = e2;
    expect((await el.send('b'))!.content).to.equal('from two');
    expect([e1.requests.length, e2.requests.length]).to.deep.equal([1, 1]);
    el.engine = undefined;
    // Back to the worker: its consent card, then its replies.
    await waitUntil(
      () => el.modelInfo?.id === 'auto' || el.modelInfo?.id?.startsWith('Scripted'),
      'worker check',
    );
    expect((await el.send('c'))!.content).to.equal('Worker reply to: c');
    expect([e1.requests.length, e2.requests.length]).to.deep.equal([1, 1]);
    await el.unload();
  });

  it('scripted worker then scripted engine: after webgpu-unavailable, setting engine lets Enter send at once', async () => {
    const el = await workerChat({
      url: `${SCRIPTED_WORKER}?loadError=WebGPUNotAvailableError&loadErrorMessage=WebGPU+is+not+supported`,
      autoload: true,
    });
    const errors = record<AiChatErrorEvent>(el, 'ai-chat-error');
    await waitForStatus(el, 'error');
    await waitUntil(() => errors.length === 1);
    expect([errors[0]!.code, errors[0]!.recoverable]).to.deep.equal(['webgpu-unavailable', false]);
    el.autoload = false;
    el.engine = new ScriptedEngine({ replies: [{ text: 'my own engine' }] });
    await waitUntil(() => el.status !== 'error', 'the error goes with the old runtime');
    await el.updateComplete;
    const input = $<HTMLTextAreaElement>(el, 'textarea')!;
    input.focus();
    await sendKeys({ type: 'hello' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => visibleMessages(el).includes('my own engine'), 'reply shown');
    expect(liveWorkers()).to.equal(0);
  });

  it('scripted worker then scripted engine: a check started before engine is set is cancelled: no error, no worker, ready after a reply', async () => {
    const el = await workerChat({ url: `${SCRIPTED_WORKER}?stall=preflight` });
    const errors = record<AiChatErrorEvent>(el, 'ai-chat-error');
    await waitUntil(() => el.status === 'checking' && liveWorkers() === 1, 'check in flight');
    el.engine = new ScriptedEngine();
    await el.send('hi');
    expect(el.status).to.equal('ready');
    await waitUntil(() => liveWorkers() === 0, 'the check worker is released');
    expect(errors).to.deep.equal([]);
    expect(el.status).to.equal('ready');
  });
});

describe('runtime seam: Stop always stops', () => {
  afterEach(async () => {
    // A worker that outlives its test fails it.
    await expectEveryWorkerEnded();
  });

  it('scripted engine holding a lock until its stream is read to the end: the next send() after stop() answers', async () => {
    const engine = new ScriptedEngine({
      holdsLock: true,
      replies: [{ text: 'x '.repeat(200), tokenDelayMs: 10 }, { text: 'second answer' }],
    });
    const el = await fixture<AiChat>(html`<ai-chat .engine=${engine}></ai-chat>`);
    const first = el.send('long');
    await waitUntil(() => engine.locked && el.status === 'generating');
    el.stop();
    expect((await first)!.interrupted).to.equal(true);
    const second = await el.send('again');
    expect(second!.content).to.equal('second answer');
    expect(el.status).to.equal('ready');
  });

  it('scripted engine that stalls mid-reply and ignores interruptGenerate: Stop ends the reply, keeps the words, and a new engine answers', async () => {
    const engine = new ScriptedEngine({
      replies: [{ text: 'one two three four five', tokenDelayMs: 5, stallAfter: 2 }, { text: 'fine' }],
    });
    const el = await fixture<AiChat>(html`<ai-chat .engine=${engine}></ai-chat>`);
    const first = el.send('go');
    await waitUntil(() => el.status === 'generating' && visibleMessages(el).some((t) => t.includes('two')));
    el.stop();
    const stopped = await first;
    expect(stopped).to.deep.equal({ role: 'assistant', content: 'one two', interrupted: true });
    expect(el.status).to.equal('ready');
    // The same engine answers the next turn once the stalled stream is let go.
    expect((await el.send('again'))!.content).to.equal('fine');
  });

  it('scripted engine whose create() never resolves: Stop ends the turn; after unload() and a new engine, send() answers', async () => {
    const el = await fixture<AiChat>(
      html`<ai-chat
        .engine=${new ScriptedEngine({ replies: [{ text: '', createStalls: true }] })}
      ></ai-chat>`,
    );
    const first = el.send('hello?');
    await waitForStatus(el, 'generating');
    el.stop();
    expect((await first)!.content).to.equal('');
    expect(el.status).to.equal('ready');
    await el.unload();
    el.engine = new ScriptedEngine({ replies: [{ text: 'new engine here' }] });
    expect((await el.send('again'))!.content).to.equal('new engine here');
  });

  it('scripted engine whose interruptGenerate throws: stop() does not throw, and the reply ends', async () => {
    const engine = new ScriptedEngine({ replies: [{ text: 'a '.repeat(100), tokenDelayMs: 10 }] });
    engine.interruptGenerate = () => {
      throw new Error('interrupt failed');
    };
    const el = await fixture<AiChat>(html`<ai-chat .engine=${engine}></ai-chat>`);
    const first = el.send('go');
    await waitForStatus(el, 'generating');
    expect(() => el.stop()).not.to.throw();
    expect((await first)!.interrupted).to.equal(true);
  });

  it('scripted worker that exits without an error event mid-reply: an engine error, the partial reply kept, and a retry loads a new worker', async () => {
    const el = await workerChat({ autoload: true });
    await waitForStatus(el, 'ready');
    const errors = record<AiChatErrorEvent>(el, 'ai-chat-error');
    const failed = await el.send('exit').catch((error: unknown) => error);
    expect((failed as AiChatErrorEvent).code).to.equal('engine');
    expect(errors.map((e) => e.code)).to.deep.equal(['engine']);
    expect(errors[0]!.message).to.contain('it exited');
    expect(el.status).to.equal('error');
    const partial = el.messages.at(-1)!;
    expect([partial.role, partial.interrupted]).to.deep.equal(['assistant', true]);
    expect(partial.content).to.match(/^this/);
    await el.load();
    expect((await el.send('back?'))!.content).to.equal('Worker reply to: back?');
    await el.unload();
  });

  it('scripted engine: a stopped reply of one token gives no per-token figure and fires no latency threshold', async () => {
    const engine = new ScriptedEngine({
      usageExtra: false,
      replies: [{ text: ['first', ' never', ' sent'], tokenDelayMs: 5, firstTokenDelayMs: 5, stallAfter: 1 }],
    });
    const el = await fixture<AiChat>(html`<ai-chat .engine=${engine} latency-threshold="1"></ai-chat>`);
    const thresholds = record<AiChatThresholdEvent>(el, 'ai-chat-threshold');
    const stats = record<AiChatStatsEvent>(el, 'ai-chat-stats');
    const reply = el.send('go');
    await waitUntil(() => visibleMessages(el).some((t) => t.includes('first')));
    el.stop();
    await reply;
    expect(stats).to.have.length(1);
    expect([
      stats[0]!.completionTokens,
      stats[0]!.msPerToken,
      stats[0]!.tokensPerSecond,
      stats[0]!.rating,
    ]).to.deep.equal([1, null, null, null]);
    expect(thresholds).to.deep.equal([]);
  });
});

describe('runtime seam: every operation is cancellable and the latest wins', () => {
  afterEach(async () => {
    // A worker that outlives its test fails it.
    await expectEveryWorkerEnded();
  });

  it('scripted engine: load() → unload() → load() loads', async () => {
    const engine = new ScriptedEngine({ loadSteps: 5, loadStepMs: 20 });
    const el = await fixture<AiChat>(html`<ai-chat .engine=${engine}></ai-chat>`);
    const first = el.load().catch((error: unknown) => error);
    void el.unload();
    await el.load();
    expect(el.status).to.equal('ready');
    expect(((await first) as { code?: string } | undefined)?.code).to.equal('aborted');
    expect((await el.send('hi'))!.content).to.equal('You said: hi');
  });

  it('scripted worker: load() → unload() → load() mid-download loads in a new worker', async () => {
    const el = await workerChat({ url: `${SCRIPTED_WORKER}?stall=download` });
    await waitUntil(() => el.status === 'idle' && el.modelInfo, 'consent check');
    void el.load().catch(() => undefined);
    await waitForStatus(el, 'downloading');
    void el.unload();
    el.workerUrl = SCRIPTED_WORKER;
    await el.load();
    expect(el.status).to.equal('ready');
    await el.unload();
  });

  it('scripted engine: Cancel during a load, then send: the send loads again and answers', async () => {
    const el = await fixture<AiChat>(
      html`<ai-chat .engine=${new ScriptedEngine({ loadSteps: 20, loadStepMs: 20 })}></ai-chat>`,
    );
    void el.load().catch(() => undefined);
    await waitForStatus(el, 'loading');
    await el.updateComplete;
    ($(el, '[part="progress"] button') as HTMLButtonElement).click();
    await waitForStatus(el, 'idle');
    expect((await el.send('now'))!.content).to.equal('You said: now');
  });

  it('scripted engine: reset() during a reply stops it, and nothing of it lands in the new conversation', async () => {
    const engine = new ScriptedEngine({
      replies: [{ text: 'old '.repeat(100), tokenDelayMs: 10 }, { text: 'new' }],
    });
    const el = await fixture<AiChat>(html`<ai-chat .engine=${engine}></ai-chat>`);
    const messages = record<AiChatMessageEvent>(el, 'ai-chat-message');
    const first = el.send('old question');
    await waitUntil(() => visibleMessages(el).some((t) => t.includes('old old')));
    el.reset();
    const orphan = await first;
    expect(orphan!.interrupted).to.equal(true);
    expect(el.messages).to.deep.equal([]);
    expect(messages.map((e) => e.message.role)).to.deep.equal(['user']);
    await el.send('new question');
    expect(el.messages.map((m) => m.content)).to.deep.equal(['new question', 'new']);
  });

  it('scripted engine: setting messages during a reply stops it, and the reply does not land', async () => {
    const engine = new ScriptedEngine({ replies: [{ text: 'old '.repeat(100), tokenDelayMs: 10 }] });
    const el = await fixture<AiChat>(html`<ai-chat .engine=${engine}></ai-chat>`);
    const first = el.send('old question');
    await waitForStatus(el, 'generating');
    el.messages = [{ role: 'user', content: 'restored' }];
    await first;
    expect(el.messages).to.deep.equal([{ role: 'user', content: 'restored' }]);
    expect(el.status).to.equal('ready');
  });
});

describe('runtime seam: every method in every status settles and never throws', () => {
  afterEach(async () => {
    // A worker that outlives its test fails it.
    await expectEveryWorkerEnded();
  });

  /** An element in `status`, by the public API: the scripted worker stalls where asked. */
  const reach: Record<string, () => Promise<AiChat>> = {
    idle: async () => {
      const el = await workerChat();
      await waitUntil(() => el.status === 'idle' && el.modelInfo);
      return el;
    },
    checking: async () => {
      const el = await workerChat({ url: `${SCRIPTED_WORKER}?preflightMs=300` });
      await waitForStatus(el, 'checking');
      return el;
    },
    downloading: async () => {
      const el = await workerChat({ url: `${SCRIPTED_WORKER}?stepMs=200`, autoload: true });
      await waitForStatus(el, 'downloading');
      return el;
    },
    loading: async () => {
      const el = await workerChat({ url: `${SCRIPTED_WORKER}?stepMs=200`, autoload: true });
      await waitForStatus(el, 'loading');
      return el;
    },
    ready: async () => {
      const el = await workerChat({ autoload: true });
      await waitForStatus(el, 'ready');
      return el;
    },
    generating: async () => {
      const el = await fixture<AiChat>(
        html`<ai-chat
          .engine=${new ScriptedEngine({ replies: [{ text: 'z '.repeat(40), tokenDelayMs: 20 }] })}
        ></ai-chat>`,
      );
      void el.send('long').catch(() => undefined);
      await waitForStatus(el, 'generating');
      return el;
    },
    error: async () => {
      const el = await workerChat({ url: `${SCRIPTED_WORKER}?loadError=NetworkError`, autoload: true });
      await waitForStatus(el, 'error');
      return el;
    },
  };
  const methods: Record<string, (el: AiChat) => unknown> = {
    load: (el) => el.load().catch(() => undefined),
    send: (el) => el.send('hello').catch(() => undefined),
    stop: (el) => el.stop(),
    reset: (el) => el.reset(),
    unload: (el) => el.unload(),
    clearCache: (el) => el.clearCache(),
    messages: (el) => (el.messages = [{ role: 'user', content: 'set' }]),
    model: (el) => (el.model = 'Another-1B-Instruct-q4f32_1-MLC'),
  };
  for (const status of Object.keys(reach))
    it(`scripted worker / scripted engine: in ${status}, every method settles, throws nothing, and the element then answers`, async () => {
      for (const [name, call] of Object.entries(methods)) {
        const el = await reach[status]!();
        await settles(() => call(el), `${name}() in ${status}`);
        // Still usable: it unloads, and with a working engine it answers.
        await settles(() => el.unload(), `unload() after ${name}() in ${status}`);
        el.engine = new ScriptedEngine({ replies: [{ text: 'still here' }] });
        expect((await el.send('?'))!.content, `after ${name}() in ${status}`).to.equal('still here');
        await el.unload();
        el.remove();
      }
    });
});
