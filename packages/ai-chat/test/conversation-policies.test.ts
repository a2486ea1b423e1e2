import { expect, fixture, html } from '@open-wc/testing';
import type { AiChat } from '../src/ai-chat.js';
import type { ChatEngine } from '../src/engine/engine.js';
import type { AiChatErrorEvent } from '../src/events.js';
import { PromptApiStandIn } from '../src/testing/prompt-api-stand-in.js';
import { countTokens } from '../src/testing/scripted-engine.js';
import {
  $,
  $$,
  expectEveryWorkerEnded,
  record,
  SCRIPTED_WORKER,
  ScriptedEngine,
  visibleMessages,
  waitForStatus,
  waitUntil,
} from './helpers.js';

// What the element does when a conversation outgrows the model's context (`context-policy`), with
// the runtimes that need no model: the scripted engine (the page's own engine, which says its
// window; tokens are words), the scripted worker (counts through the worker protocol) and the
// Prompt API stand-in (its session's own count). The same with real wllama: wllama-conversation.test.ts.
const words = (n: number, seed = 0) => Array.from({ length: n }, (_, i) => `w${(i + seed) % 97}`).join(' ');

async function chat(engine: ChatEngine, attrs = '') {
  const el = await fixture<AiChat>(html`<ai-chat .engine=${engine}></ai-chat>`);
  for (const attr of attrs.split(' ').filter(Boolean)) {
    const [name, value] = attr.split('=');
    el.setAttribute(name!, value ?? '');
  }
  await el.updateComplete;
  return el;
}

/** Send `text` through the composer, as a visitor does. */
async function type(el: AiChat, text: string) {
  const textarea = $<HTMLTextAreaElement>(el, 'textarea')!;
  textarea.value = text;
  $(el, '[part="send-button"]')!.click();
  return textarea;
}

describe('context-policy: conversations longer than the context (scripted engine, scripted worker, Prompt API stand-in)', function () {
  this.timeout(60000);
  afterEach(async () => {
    await expectEveryWorkerEnded();
  });

  it('scripted engine: trim (the default): 12 turns in a 200-token window all answer; the oldest turns left out in blocks; the notice once; every message kept', async () => {
    const engine = new ScriptedEngine({
      contextWindow: 200,
      replies: () => ({ text: words(12), tokenDelayMs: 0 }),
    });
    const el = await chat(engine, 'system-prompt=Be-brief max-tokens=20');
    for (let i = 0; i < 12; i++) expect((await el.send(words(20, i)))!.content).to.equal(words(12));
    expect(engine.requests).to.have.length(12);
    // Every request fitted: the system prompt first, a question next, the new question last.
    for (const request of engine.requests) {
      expect(countTokens(request.messages)).to.be.at.most(200 - 20);
      expect(request.messages[0]).to.deep.equal({ role: 'system', content: 'Be-brief' });
      expect(request.messages[1]!.role).to.equal('user');
    }
    // Left out in blocks: the first message sent changes at a few turns only (a stable prefix).
    const firsts = engine.requests.map((r) => r.messages[1]!.content);
    const cuts = firsts.filter((first, i) => i > 0 && first !== firsts[i - 1]).length;
    expect(cuts).to.be.within(1, 5);
    await el.updateComplete;
    expect(el.messages).to.have.length(24);
    expect(visibleMessages(el)).to.have.length(24);
    expect($$(el, '.context-note')).to.have.length(1);
    // Above the first message the model still sees.
    const next = $(el, '.context-note')!.nextElementSibling!;
    expect(next.textContent).to.contain(engine.requests.at(-1)!.messages[1]!.content);
    await expect(el).shadowDom.to.be.accessible();
  });

  it('scripted engine: context-policy="error": the turn that would not fit is refused before it is sent, its text back in the composer, with "Start a new conversation"', async () => {
    const engine = new ScriptedEngine({
      contextWindow: 120,
      replies: () => ({ text: words(10), tokenDelayMs: 0 }),
    });
    const el = await chat(engine, 'context-policy=error max-tokens=10');
    const errors = record<AiChatErrorEvent>(el, 'ai-chat-error');
    let i = 0;
    while (errors.length === 0 && i < 10) await el.send(words(25, i++)).catch(() => undefined);
    expect(errors.map((e) => [e.code, e.recoverable])).to.deep.equal([['context-window-exceeded', false]]);
    const sent = engine.requests.length;
    expect(sent).to.equal(i - 1);
    expect(engine.refused).to.equal(0);
    const text = words(25, 0);
    const textarea = await type(el, text);
    await waitUntil(() => textarea.value === text, 'the text back in the composer');
    expect(engine.requests).to.have.length(sent);
    expect(el.messages.filter((m) => m.content === text)).to.have.length(1); // the first turn's, not this one
    await el.updateComplete;
    const error = $(el, '[part="messages"] [part="error"]')!;
    expect(error.textContent).to.contain('Start a new conversation');
    [...error.querySelectorAll('button')].find((b) => b.textContent === 'New conversation')!.click();
    await el.updateComplete;
    expect(el.messages).to.deep.equal([]);
    $(el, '[part="send-button"]')!.click();
    await waitUntil(() => el.messages.length === 2 && el.status === 'ready', 'sent in the new conversation');
    expect(textarea.value).to.equal('');
  });

  it('scripted engine: one message longer than the whole context is refused before it is sent: context-window-exceeded, not recoverable, length words, kept once (in the composer); a short send works after', async () => {
    const engine = new ScriptedEngine({
      contextWindow: 100,
      replies: () => ({ text: 'ok', tokenDelayMs: 0 }),
    });
    const el = await chat(engine, 'max-tokens=10');
    await el.send('hello');
    const errors = record<AiChatErrorEvent>(el, 'ai-chat-error');
    const long = words(400);
    const textarea = await type(el, long);
    await waitUntil(() => errors.length === 1 && textarea.value === long, 'refused, the text back');
    expect(errors[0]).to.include({ code: 'context-window-exceeded', recoverable: false });
    expect(engine.requests).to.have.length(1);
    expect(el.messages.map((m) => m.content)).to.deep.equal(['hello', 'ok']);
    await el.updateComplete;
    expect(visibleMessages(el)).to.deep.equal(['hello', 'ok']);
    const error = $(el, '[part="messages"] [part="error"]')!;
    expect(error.textContent).to.contain('This message is too long for this model: shorten it.');
    expect([...error.querySelectorAll('button')].map((b) => b.textContent)).to.deep.equal(['Dismiss']);
    await expect(el).shadowDom.to.be.accessible();
    textarea.value = 'short';
    $(el, '[part="send-button"]')!.click();
    await waitUntil(() => el.messages.length === 4 && el.status === 'ready', 'the short one answered');
    expect($(el, '[part="error"]')).to.equal(null);
  });

  it("scripted engine that does not say its window: its own refusal (WebLLM's error, with its count) teaches the element, which fits the request and sends it again", async () => {
    const inner = new ScriptedEngine({
      contextWindow: 150,
      replies: () => ({ text: words(10), tokenDelayMs: 0 }),
    });
    const engine: ChatEngine = { chat: inner.chat };
    const el = await chat(engine, 'max-tokens=10');
    const errors = record<AiChatErrorEvent>(el, 'ai-chat-error');
    for (let i = 0; i < 10; i++) expect((await el.send(words(20, i)))!.content).to.equal(words(10));
    expect(errors).to.deep.equal([]);
    expect(inner.refused, 'refused once, then fitted').to.be.within(1, 2);
    expect(el.messages).to.have.length(20);
  });

  it('scripted worker: counts through the worker protocol; trim keeps every turn answering', async () => {
    const el = await fixture<AiChat>(
      html`<ai-chat worker-url=${`${SCRIPTED_WORKER}?contextWindow=60`} max-tokens="8" autoload></ai-chat>`,
    );
    await waitForStatus(el, 'ready');
    expect(el.modelInfo!.contextWindow).to.equal(60);
    for (let i = 0; i < 8; i++)
      expect((await el.send(words(8, i)))!.content).to.equal(`Worker reply to: ${words(8, i)}`);
    await el.updateComplete;
    expect(el.messages).to.have.length(16);
    expect($$(el, '.context-note')).to.have.length(1);
    await el.unload();
  });

  it('Prompt API stand-in: trim: the session is measured with its own count and re-created only at a cut; every turn answers', async () => {
    const api = new PromptApiStandIn({ contextWindow: 80, reply: () => words(6) });
    const restore = api.install();
    try {
      const el = await fixture<AiChat>(html`<ai-chat runtime="builtin" autoload max-tokens="10"></ai-chat>`);
      await waitForStatus(el, 'ready');
      expect(el.modelInfo!.contextWindow).to.equal(80);
      for (let i = 0; i < 10; i++) expect((await el.send(words(10, i)))!.content).to.equal(words(6));
      await el.updateComplete;
      expect(el.messages).to.have.length(20);
      expect($$(el, '.context-note')).to.have.length(1);
      // A session per cut (and the first), not per turn.
      const withHistory = api.creates.filter((c) => (c.initialPrompts ?? []).length > 0).length;
      expect(withHistory).to.be.within(1, 4);
      expect(api.sessions.at(-1)!.contextUsage).to.be.at.most(80);
    } finally {
      restore();
    }
  });
});
