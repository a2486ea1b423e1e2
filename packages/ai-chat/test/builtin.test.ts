import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import type { AiChat } from '../src/ai-chat.js';
import type {
  AiChatErrorEvent,
  AiChatProgressEvent,
  AiChatStatsEvent,
  AiChatStatusEvent,
} from '../src/events.js';
import { PromptApiStandIn, type PromptApiStandInOptions } from '../src/testing/prompt-api-stand-in.js';
import { $, record, SCRIPTED_WORKER, visibleMessages, waitForStatus } from './helpers.js';

let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

/** Install a stand-in `LanguageModel` on the page, and an element that lists `runtime`. */
async function builtinChat(options: PromptApiStandInOptions = {}, runtime = 'builtin', attrs = {}) {
  const api = new PromptApiStandIn(options);
  restore = api.install();
  const { systemPrompt } = attrs as { systemPrompt?: string };
  const el = await fixture<AiChat>(
    html`<ai-chat
      runtime=${runtime}
      worker-url=${SCRIPTED_WORKER}
      system-prompt=${systemPrompt ?? ''}
    ></ai-chat>`,
  );
  // A model the browser has ready starts at once (ready); any other waits on its consent card (idle).
  await waitUntil(
    () => (el.modelInfo && ['idle', 'ready'].includes(el.status)) || el.status === 'error',
    'the preflight',
  );
  await el.updateComplete;
  return { api, el };
}

/** Click the consent button as a visitor does: a real click, so the page has a user activation. */
async function clickConsent(el: AiChat) {
  await clickOn($(el, '[part="consent"] button')!);
}

async function clickOn(button: HTMLElement) {
  expect(button.localName).to.equal('button');
  button.scrollIntoView();
  const box = button.getBoundingClientRect();
  await sendMouse({
    type: 'click',
    position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)],
  });
}

async function ask(el: AiChat, text: string) {
  const reply = el.send(text);
  return reply;
}

describe('<ai-chat runtime="builtin"> (Prompt API stand-in)', () => {
  it('Prompt API stand-in: available → ready without a consent card, saying which model answers; nothing downloaded', async () => {
    const statuses: string[] = [];
    const api = new PromptApiStandIn({ availability: 'available' });
    restore = api.install();
    const el = document.createElement('ai-chat') as AiChat;
    el.runtime = 'builtin';
    el.workerUrl = SCRIPTED_WORKER;
    el.addEventListener('ai-chat-status', (e) => statuses.push((e as AiChatStatusEvent).status));
    document.body.append(el);
    try {
      await waitForStatus(el, 'ready');
      await el.updateComplete;
      expect($(el, '[part="consent"]'), 'no consent card').to.equal(null);
      expect(statuses).to.not.include('downloading');
      expect(statuses).to.not.include('idle');
      expect(el.modelInfo).to.deep.include({ runtime: 'builtin', downloadBytes: 0, cached: true });
      expect($(el, '.empty')!.textContent).to.contain(
        "Answers come from your browser's built-in model: nothing to download.",
      );
      await expect(el).shadowDom.to.be.accessible();
    } finally {
      el.remove();
    }
  });

  it('Prompt API stand-in: downloadable → the card says the browser will download; the consent click starts it with progress', async () => {
    const { api, el } = await builtinChat({ availability: 'downloadable', downloadSteps: 4 });
    const consent = $(el, '[part="consent"]')!;
    expect(consent.textContent).to.contain('your browser will download its built-in model first');
    expect(consent.textContent).to.not.match(/\d\s?[KMG]B download/);
    await expect(el).shadowDom.to.be.accessible();
    const progress = record<AiChatProgressEvent>(el, 'ai-chat-progress');
    await clickConsent(el);
    await waitForStatus(el, 'ready');
    expect(api.state).to.equal('available');
    const downloads = progress.filter((p) => p.phase === 'download').map((p) => p.progress);
    expect(downloads).to.deep.equal([0, 0.25, 0.5, 0.75, 1]);
  });

  it('Prompt API stand-in: downloading (another page started it) → the same card: the browser downloads first', async () => {
    const { el } = await builtinChat({ availability: 'downloading' });
    const consent = $(el, '[part="consent"]')!;
    expect(consent.textContent).to.contain('your browser will download its built-in model first');
    expect(el.modelInfo).to.deep.include({ cached: false, browserDownload: true, downloadBytes: 0 });
  });

  it('Prompt API stand-in: downloadable and load() without a click → an error telling the visitor to click', async () => {
    // A click of an earlier test keeps the page activated for a few seconds.
    await waitUntil(() => !navigator.userActivation.isActive, 'no user activation', { timeout: 10000 });
    const { el } = await builtinChat({ availability: 'downloadable' });
    const failed = oneEvent(el, 'ai-chat-error') as Promise<AiChatErrorEvent>;
    await el.load().catch(() => undefined);
    expect((await failed).code).to.equal('engine');
    await el.updateComplete;
    expect($(el, '[part="error"]')!.textContent).to.contain('only after a click: click Try again');
    // The way forward works: Try again is a click, so the browser downloads its model.
    await clickOn($(el, '[part="error"] button')!);
    await waitForStatus(el, 'ready');
  });

  it('Prompt API stand-in: a reply streams into the log; a follow-up reuses the session; stats count tokens', async () => {
    const { api, el } = await builtinChat({ reply: (input) => `Echo: ${input}` }, 'builtin', {
      systemPrompt: 'Be brief.',
    });
    const stats = oneEvent(el, 'ai-chat-stats') as Promise<AiChatStatsEvent>;
    await ask(el, 'hello there');
    await el.updateComplete;
    expect(visibleMessages(el)).to.deep.equal(['hello there', 'Echo: hello there']);
    const figures = await stats;
    expect(figures.completionTokens).to.equal(3);
    expect(figures.promptTokens).to.equal(4);
    expect(figures.source).to.equal('measured');
    await ask(el, 'again');
    expect(api.creates.at(-1)!.initialPrompts).to.deep.equal([{ role: 'system', content: 'Be brief.' }]);
    expect(api.prompts.at(-1)).to.deep.equal([{ role: 'user', content: 'again' }]);
    await el.updateComplete;
    expect(visibleMessages(el).at(-1)).to.equal('Echo: again');
  });

  it('Prompt API stand-in: Stop ends the reply; the next one re-creates the session from the history', async () => {
    const long = Array.from({ length: 60 }, (_, i) => `w${i}`).join(' ');
    const { api, el } = await builtinChat({
      reply: (input) => (input === 'long' ? long : 'short'),
      tokenDelayMs: 10,
    });
    const reply = ask(el, 'long');
    await waitUntil(() => (visibleMessages(el)[1] ?? '').length > 6, 'the reply streams');
    el.stop();
    const stopped = await reply;
    expect(stopped?.interrupted).to.equal(true);
    await ask(el, 'next');
    const recreated = api.creates.at(-1)!.initialPrompts!;
    expect(recreated.map((m) => m.role)).to.deep.equal(['user', 'assistant']);
    expect(recreated[1]!.content).to.equal(stopped!.content);
    await el.updateComplete;
    expect(visibleMessages(el).at(-1)).to.equal('short');
  });

  it('Prompt API stand-in: reset() starts a session with only the system prompt', async () => {
    const { api, el } = await builtinChat({}, 'builtin', { systemPrompt: 'Be kind.' });
    await ask(el, 'one');
    el.reset();
    await ask(el, 'two');
    expect(api.creates.at(-1)!.initialPrompts).to.deep.equal([{ role: 'system', content: 'Be kind.' }]);
    expect(api.prompts.at(-1)).to.deep.equal([{ role: 'user', content: 'two' }]);
  });

  it('Prompt API stand-in: a conversation set from code (as persist restores it) re-creates the session from it', async () => {
    const { api, el } = await builtinChat({ reply: (input) => `re ${input}` }, 'builtin', {
      systemPrompt: 'Be kind.',
    });
    await ask(el, 'first');
    el.messages = [
      { role: 'user', content: 'restored question' },
      { role: 'assistant', content: 'restored answer' },
    ];
    await ask(el, 'next');
    expect(api.creates.at(-1)!.initialPrompts).to.deep.equal([
      { role: 'system', content: 'Be kind.' },
      { role: 'user', content: 'restored question' },
      { role: 'assistant', content: 'restored answer' },
    ]);
    await el.updateComplete;
    expect(visibleMessages(el)).to.deep.equal(['restored question', 'restored answer', 'next', 're next']);
  });

  it('Prompt API stand-in: with context-policy="error", a conversation that outgrows the window ends in context-window-exceeded, with "start a new conversation"', async () => {
    const { api, el } = await builtinChat({ contextWindow: 10, reply: () => 'a b c d' });
    el.setAttribute('context-policy', 'error');
    await ask(el, 'one two');
    const prompts = api.prompts.length;
    const failed = oneEvent(el, 'ai-chat-error') as Promise<AiChatErrorEvent>;
    await ask(el, 'three four five six').catch(() => undefined);
    expect((await failed).code).to.equal('context-window-exceeded');
    await el.updateComplete;
    expect($(el, '[part="error"]')!.textContent).to.match(/Start a new conversation/);
    // Counted with the session's own measure, refused before anything was sent.
    expect(api.prompts.length).to.equal(prompts);
    expect(visibleMessages(el)).to.deep.equal(['one two', 'a b c d']);
  });

  it('Prompt API stand-in: unavailable → runtime="builtin webgpu wasm" goes on to the next runtime', async () => {
    const { api, el } = await builtinChat({ availability: 'unavailable' }, 'builtin webgpu wasm');
    expect(api.sessions).to.have.length(0);
    expect(el.status).to.equal('idle');
    expect(el.modelInfo?.runtime).to.not.equal('builtin');
    const consent = $(el, '[part="consent"]')!.textContent!;
    expect(el.modelInfo?.id).to.equal('Scripted-1B-Instruct-q4f32_1-MLC');
    expect(consent).to.contain('Scripted · 1B');
    expect(consent).to.not.contain('built-in');
  });

  it('Prompt API stand-in: available → runtime="builtin webgpu wasm" uses the browser\'s model first, with no consent card', async () => {
    const { el } = await builtinChat({ availability: 'available' }, 'builtin webgpu wasm');
    await waitForStatus(el, 'ready');
    expect(el.modelInfo).to.deep.include({ runtime: 'builtin', label: "the browser's built-in model" });
    expect($(el, '[part="consent"]')).to.equal(null);
  });

  it('Prompt API stand-in: downloadable → runtime="builtin webgpu wasm" goes on to the next runtime (the browser\'s download is offered only with builtin alone)', async () => {
    const { api, el } = await builtinChat({ availability: 'downloadable' }, 'builtin webgpu wasm');
    expect(el.status).to.equal('idle');
    expect(el.modelInfo?.id).to.equal('Scripted-1B-Instruct-q4f32_1-MLC');
    expect(api.creates).to.have.length(0);
  });

  it('Prompt API stand-in: unavailable and runtime="builtin" alone → an error in plain words, no consent card', async () => {
    const { el } = await builtinChat({ availability: 'unavailable' });
    await waitUntil(() => $(el, '[part="error"]'), 'the error');
    expect($(el, '[part="consent"]')).to.equal(null);
    const shown = $(el, '[part="error"]')!.textContent!;
    expect(shown).to.contain('The chat could not run in this browser.');
    expect(shown).to.not.match(/RuntimeUnavailableError|LanguageModel|Try again/);
    await expect(el).shadowDom.to.be.accessible();
  });

  it('Prompt API stand-in: the consent card in Traditional Chinese declares zh to the browser', async () => {
    const api = new PromptApiStandIn({ availability: 'downloadable', languages: ['en', 'zh'] });
    restore = api.install();
    const el = await fixture<AiChat>(html`<ai-chat runtime="builtin" lang="zh-Hant"></ai-chat>`);
    await waitUntil(() => el.modelInfo, 'the preflight');
    await el.updateComplete;
    expect($(el, '[part="consent"]')!.textContent).to.contain('您的瀏覽器會先下載它內建的模型');
    await clickConsent(el);
    await waitForStatus(el, 'ready');
    expect(api.creates[0]!.expectedInputs).to.deep.equal([{ type: 'text', languages: ['zh'] }]);
  });
});
