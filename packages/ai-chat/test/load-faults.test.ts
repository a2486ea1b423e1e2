import { expect, fixture, html } from '@open-wc/testing';
import type { AiChat } from '../src/ai-chat.js';
import type { AiChatErrorEvent } from '../src/events.js';
import { en } from '../src/i18n/en.js';
import { $, expectEveryWorkerEnded, record, REAL_WORKER, waitUntil } from './helpers.js';

// Load and network failures told apart where they arise, each with a truthful `recoverable` and
// the visitor's words for it: through <ai-chat>, the real worker, our preflight and downloader, and
// real wllama where a model runs. Hosts that misbehave: test/server/adversary-routes.mjs.
const origin = location.origin;
const otherOrigin = origin.replace('127.0.0.1', 'localhost');
let counter = 0;
const fresh = () => `a${Date.now() % 100000}x${++counter}`;

async function chat(modelUrl: string, workerUrl = REAL_WORKER) {
  const el = await fixture<AiChat>(
    html`<ai-chat model-url=${modelUrl} worker-url=${workerUrl} max-tokens="4"></ai-chat>`,
  );
  return { el, errors: record<AiChatErrorEvent>(el, 'ai-chat-error') };
}

/** The error shown in the element: its words and its buttons. */
async function shown(el: AiChat) {
  await el.updateComplete;
  const card = $(el, '[part="error"]');
  return {
    words: card?.querySelector('p')?.textContent?.trim() ?? '',
    buttons: [...(card?.querySelectorAll('button') ?? [])].map((b) => b.textContent!.trim()),
  };
}

describe('load and network failures, told apart at the source (real worker, real wllama)', function () {
  this.timeout(60000);
  afterEach(expectEveryWorkerEnded);

  it('real worker: a 0-byte .gguf is not a model: model-not-found, not recoverable, no "check your connection"', async () => {
    const { el, errors } = await chat(`${origin}/adversary/empty.gguf`);
    await waitUntil(() => errors.length > 0, 'the preflight refuses it', { timeout: 30000 });
    expect([errors[0]!.code, errors[0]!.recoverable]).to.deep.equal(['model-not-found', false]);
    expect(errors[0]!.message).to.contain('empty.gguf is empty: not a model file');
    const { words, buttons } = await shown(el);
    expect(words).to.equal(en.errorModelNotFound);
    // As for any model not there: the page's author may fix the file (see errors.stories.ts).
    expect(buttons).to.deep.equal(['Try again', 'Dismiss']);
  });

  it('real worker: a host that sends no CORS headers is said as such: network, not recoverable', async () => {
    const { el, errors } = await chat(`${otherOrigin}/adversary/nocors/${fresh()}.gguf`);
    await waitUntil(() => errors.length > 0, 'the preflight fails', { timeout: 30000 });
    expect([errors[0]!.code, errors[0]!.recoverable]).to.deep.equal(['network', false]);
    expect(errors[0]!.message).to.match(
      /localhost:\d+ does not allow this page to fetch .*\.gguf \(no CORS\)/,
    );
    const { words, buttons } = await shown(el);
    expect(words).to.equal(en.errorBlocked);
    expect(buttons).not.to.include('Try again');
  });

  it('real worker: a host that cannot be reached is a network cut: recoverable, said on the consent card with Try again', async () => {
    // Port 9 (discard) is closed here: nothing answers, with or without CORS.
    const { el, errors } = await chat('http://127.0.0.1:9/model.gguf');
    await waitUntil(() => errors.length > 0, 'the preflight fails', { timeout: 30000 });
    expect([errors[0]!.code, errors[0]!.recoverable]).to.deep.equal(['network', true]);
    expect(errors[0]!.message).to.contain('could not reach 127.0.0.1:9');
    // Before consent nothing was downloading: the consent card says the host cannot be reached,
    // with Try again (no error card of a failed download).
    await el.updateComplete;
    expect($(el, '[part="error"]')).to.equal(null);
    expect($(el, '[part="consent"] [role="alert"]')?.textContent).to.contain(en.consentUnreachable);
    expect($(el, '[part="consent"] button.primary')?.textContent?.trim()).to.equal(en.retry);
  });

  it('real worker: a model file that is not there is model-not-found, not recoverable', async () => {
    const { errors } = await chat(`${origin}/adversary/missing/${fresh()}.gguf`);
    await waitUntil(() => errors.length > 0, 'the preflight fails', { timeout: 30000 });
    expect([errors[0]!.code, errors[0]!.recoverable]).to.deep.equal(['model-not-found', false]);
    expect(errors[0]!.message).to.contain('answered HTTP 404');
  });

  it('real worker: a CPU model refused for memory is said in the CPU’s words (memory, not graphics memory)', async () => {
    const el = await fixture<AiChat>(
      html`<ai-chat
        model-url=${`${origin}/gguf/${fresh()}.gguf`}
        worker-url=${REAL_WORKER}
        max-memory="10MB"
      ></ai-chat>`,
    );
    const errors = record<AiChatErrorEvent>(el, 'ai-chat-error');
    await waitUntil(() => errors.length > 0, 'refused', { timeout: 30000 });
    expect([errors[0]!.code, errors[0]!.recoverable]).to.deep.equal(['insufficient-memory', false]);
    expect(errors[0]!.message).to.match(/needs [\d.]+ MB of memory, this page allows 10 MB/);
    const { words } = await shown(el);
    expect(words).to.equal(en.errorInsufficientMemory);
    expect(words).not.to.contain('graphics');
  });

  it('real worker: a page whose CSP worker-src blocks the blob: worker (script on another origin) is told so: engine, not recoverable', async () => {
    const frame = document.createElement('iframe');
    // The element from this origin, its worker from the other: it starts from a blob: URL, which
    // `worker-src 'self'` blocks (the page's policy, the issue's "CSP from a CDN").
    frame.srcdoc = `<meta http-equiv="Content-Security-Policy" content="worker-src 'self'">
      <script type="module" src="${origin}/src/define.ts"></script>
      <ai-chat worker-url="${otherOrigin}/src/engine/worker.js" model-url="${origin}/gguf/${fresh()}.gguf"></ai-chat>`;
    document.body.append(frame);
    try {
      await waitUntil(() => frame.contentDocument?.querySelector('ai-chat')?.shadowRoot, 'defined');
      const el = frame.contentDocument!.querySelector('ai-chat') as AiChat;
      await waitUntil(() => el.status === 'error' || el.modelInfo, 'the preflight ends', { timeout: 30000 });
      const error = (await el.load().catch((e: unknown) => e)) as AiChatErrorEvent;
      expect([error.code, error.recoverable]).to.deep.equal(['engine', false]);
      expect(error.message).to.contain('Content-Security-Policy (worker-src)');
      expect(error.message).to.contain('the script is on another origin: allow blob: in worker-src');
      const { words, buttons } = await shown(el);
      expect(words).to.equal(en.errorBlocked);
      expect(buttons).not.to.include('Try again');
    } finally {
      frame.remove();
    }
  });
});
