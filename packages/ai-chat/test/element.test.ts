import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { AiChat } from '../src/ai-chat.js';
import { rateLatency } from '../src/fit/rating.js';
import type {
  AiChatErrorEvent,
  AiChatMessageEvent,
  AiChatStatsEvent,
  AiChatThresholdEvent,
} from '../src/events.js';
import {
  $,
  record,
  scriptedChat,
  ScriptedEngine,
  visibleMessages,
  waitForStatus,
  waitUntil,
} from './helpers.js';

describe('<ai-chat> with a scripted engine', () => {
  it('scripted engine: streams the reply into the shadow DOM as it arrives', async () => {
    const { el } = await scriptedChat({
      replies: [{ text: 'one two three four five six seven eight', tokenDelayMs: 40 }],
    });
    const reply = el.send('hello');
    await waitUntil(
      () => $(el, '[part~="message-assistant"] .content')?.textContent?.includes('two'),
      'first tokens shown',
    );
    const partial = $(el, '[part~="message-assistant"] .content')!.textContent!;
    expect(partial.length).to.be.lessThan('one two three four five six seven eight'.length);
    expect(el.status).to.equal('generating');
    expect($(el, '[part~="messages"]')!.getAttribute('aria-busy')).to.equal('true');
    const message = await reply;
    expect(message).to.deep.equal({ role: 'assistant', content: 'one two three four five six seven eight' });
    expect(visibleMessages(el)).to.deep.equal(['hello', 'one two three four five six seven eight']);
    expect(el.status).to.equal('ready');
    await el.updateComplete;
    expect(el.getAttribute('status')).to.equal('ready');
  });

  it('scripted engine: fires ai-chat-message for both messages and ai-chat-stats with the figures', async () => {
    const { el } = await scriptedChat({ replies: [{ text: 'a b c d e', tokenDelayMs: 10 }] }, 'show-stats');
    const messages = record<AiChatMessageEvent>(el, 'ai-chat-message');
    const statsSeen = oneEvent(el, 'ai-chat-stats') as Promise<AiChatStatsEvent>;
    await el.send('hi');
    const stats = await statsSeen;
    expect(messages.map((e) => [e.message.role, e.message.content])).to.deep.equal([
      ['user', 'hi'],
      ['assistant', 'a b c d e'],
    ]);
    expect(stats.completionTokens).to.equal(5);
    expect(stats.promptTokens).to.equal(1);
    expect(stats.ttftMs).to.be.greaterThan(0);
    expect(stats.msPerToken).to.be.greaterThan(0);
    expect(stats.tokensPerSecond).to.be.closeTo(1000 / stats.msPerToken!, 1);
    expect(stats.prefillTokensPerSecond).to.be.greaterThan(0);
    // The rating is the band of the measured ms per token under the default threshold (50 ms).
    expect(stats.rating).to.equal(rateLatency(stats.msPerToken!, 50));
    expect(stats.bubbles && stats.composed).to.equal(true);
    expect(el.stats?.completionTokens).to.equal(5);
    await el.updateComplete;
    expect($(el, '[part="stats"]')!.textContent).to.match(/tokens\/s/);
    // The chip on screen names the same band, in words.
    const band = { excellent: 'Excellent', good: 'Good', acceptable: 'Fair', slow: 'Slow' }[stats.rating!];
    expect($(el, '[part="stats"] .chip')!.textContent!.trim()).to.equal(band);
  });

  it('scripted engine: stop() mid-reply keeps the partial reply, marked stopped, then send() works', async () => {
    const { el, engine } = await scriptedChat({
      replies: [{ text: 'w '.repeat(200), tokenDelayMs: 20 }, { text: 'second answer' }],
    });
    const first = el.send('long please');
    // The reply's own text (not the hidden "Assistant:" label) has begun.
    await waitUntil(
      () => (el.shadowRoot!.querySelector('[data-streaming] .content')?.textContent?.length ?? 0) > 4,
    );
    el.stop();
    const stopped = await first;
    expect(stopped!.interrupted).to.equal(true);
    expect(stopped!.content.length).to.be.lessThan(400);
    expect(engine.interrupts).to.equal(1);
    expect(el.status).to.equal('ready');
    await el.updateComplete;
    expect($(el, '.interrupted')).to.exist;
    const second = await el.send('again');
    expect(second).to.deep.equal({ role: 'assistant', content: 'second answer' });
    expect(el.messages.map((m) => m.role)).to.deep.equal(['user', 'assistant', 'user', 'assistant']);
  });

  it('scripted engine: the stop button ends the reply and the send button comes back', async () => {
    const { el } = await scriptedChat({ replies: [{ text: 'x '.repeat(100), tokenDelayMs: 20 }] });
    const done = el.send('go');
    await waitUntil(() => $(el, '[part="stop-button"]'));
    $(el, '[part="stop-button"]')!.click();
    await done;
    await el.updateComplete;
    expect($(el, '[part="stop-button"]')).to.equal(null);
    expect($(el, '[part="send-button"]')).to.exist;
  });

  it('scripted engine: Enter sends, Shift+Enter adds a new line, focus returns to the input', async () => {
    const { el, engine } = await scriptedChat();
    const textarea = $<HTMLTextAreaElement>(el, 'textarea')!;
    textarea.focus();
    await sendKeys({ type: 'line one' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ type: 'line two' });
    expect(textarea.value).to.equal('line one\nline two');
    await sendKeys({ press: 'Enter' });
    await waitForStatus(el, 'ready');
    await waitUntil(() => el.messages.length === 2);
    expect(engine.requests[0]!.messages.at(-1)).to.deep.equal({
      role: 'user',
      content: 'line one\nline two',
    });
    expect(el.shadowRoot!.activeElement).to.equal(textarea);
  });

  it('scripted engine: reset() clears the conversation and stats', async () => {
    const { el } = await scriptedChat();
    await el.send('hello');
    expect(visibleMessages(el).length).to.equal(2);
    el.reset();
    await el.updateComplete;
    expect(el.messages).to.deep.equal([]);
    expect(el.stats).to.equal(undefined);
    expect(visibleMessages(el)).to.deep.equal([]);
    expect($(el, '[part="stats"]')).to.equal(null);
    expect($(el, '.empty')).to.exist;
  });

  it('scripted engine: a reply slower than latency-threshold is rated slow and fires ai-chat-threshold', async () => {
    const { el } = await scriptedChat(
      { replies: [{ text: 'a b c d', tokenDelayMs: 40 }] },
      'latency-threshold=10',
    );
    const threshold = oneEvent(el, 'ai-chat-threshold') as Promise<AiChatThresholdEvent>;
    await el.send('slow please');
    const event = await threshold;
    expect(event.kind).to.equal('latency');
    expect(event.limit).to.equal(10);
    expect(event.actual).to.be.greaterThan(10);
    expect(el.stats!.rating).to.equal('slow');
  });

  it('scripted engine: an error mid-reply keeps the partial reply, shows plain words, and the next send works', async () => {
    const { el } = await scriptedChat({
      replies: [
        {
          text: 'partial answer that breaks',
          failAfter: 2,
          error: {
            name: 'ContextWindowSizeExceededError',
            message: 'Prompt tokens exceed context window size: 5000; 4096',
          },
        },
        { text: 'fine now' },
      ],
    });
    const errors = record<AiChatErrorEvent>(el, 'ai-chat-error');
    let rejected: unknown;
    await el.send('first').catch((e: unknown) => (rejected = e));
    expect((rejected as { code: string }).code).to.equal('context-window-exceeded');
    expect(errors.map((e) => e.code)).to.deep.equal(['context-window-exceeded']);
    await el.updateComplete;
    expect($(el, '[part="error"]')!.textContent).to.contain('too long for this model');
    expect($(el, '[part="error"]')!.getAttribute('role')).to.equal('alert');
    expect(el.messages.at(-1)).to.deep.equal({
      role: 'assistant',
      content: 'partial answer',
      interrupted: true,
    });
    const next = await el.send('second');
    expect(next!.content).to.equal('fine now');
    await el.updateComplete;
    expect($(el, '[part="error"]')).to.equal(null);
  });

  it('scripted engine: a load that fails ends in error; with a working engine set, the next load() succeeds', async () => {
    const engine = new ScriptedEngine({
      loadError: { name: 'DeviceLostError', message: 'The WebGPU device was lost' },
    });
    const el = await fixture<AiChat>(html`<ai-chat .engine=${engine}></ai-chat>`);
    const error = oneEvent(el, 'ai-chat-error') as Promise<AiChatErrorEvent>;
    await el.load().catch(() => undefined);
    expect((await error).code).to.equal('device-lost');
    expect(el.status).to.equal('error');
    el.engine = new ScriptedEngine();
    await el.load();
    expect(el.status).to.equal('ready');
  });

  it("scripted engine: stop(), reset(), send('') and a bad messages value never throw, idle, ready, generating or unloaded", async () => {
    const { el } = await scriptedChat({ replies: [{ text: 'z '.repeat(30), tokenDelayMs: 10 }] });
    const callAll = async () => {
      const results = await Promise.allSettled([
        Promise.resolve().then(() => el.stop()),
        Promise.resolve().then(() => el.reset()),
        el.send(''),
        Promise.resolve().then(() => (el.messages = 'nonsense' as never)),
      ]);
      expect(results.map((r) => r.status)).to.deep.equal([
        'fulfilled',
        'fulfilled',
        'fulfilled',
        'fulfilled',
      ]);
    };
    await callAll(); // idle
    await el.load();
    await callAll(); // ready
    const reply = el.send('long');
    await waitForStatus(el, 'generating');
    await callAll(); // generating
    await reply;
    await el.unload();
    expect(el.status).to.equal('idle');
    await callAll(); // idle after unload
    await el.clearCache();
    await el.load();
    expect((await el.send('works'))!.role).to.equal('assistant');
  });

  it('scripted engine: bad attribute values fire invalid-attribute naming the attribute and keep defaults', async () => {
    // The engine is set from the start: without it the element would preflight its default model.
    const el = await fixture<AiChat>(html`<ai-chat .engine=${new ScriptedEngine()}></ai-chat>`);
    const errors = record<AiChatErrorEvent>(el, 'ai-chat-error');
    el.setAttribute('latency-threshold', '-3');
    el.setAttribute('temperature', 'hot');
    el.setAttribute('max-model-size', 'lots');
    await el.updateComplete;
    expect(errors.map((e) => e.code)).to.deep.equal([
      'invalid-attribute',
      'invalid-attribute',
      'invalid-attribute',
    ]);
    expect(errors.map((e) => e.message.split('=')[0])).to.have.members([
      'latency-threshold',
      'temperature',
      'max-model-size',
    ]);
    expect(el.settings.latencyThreshold).to.equal(50);
    expect(el.settings.temperature).to.equal(undefined);
    expect($(el, '[part="error"]')!.textContent).to.contain('is not valid');
    expect((await el.send('still works'))!.role).to.equal('assistant');
  });

  it('scripted engine: sends the system prompt, temperature and max-tokens with every request', async () => {
    const { el, engine } = await scriptedChat({}, 'system-prompt=Be-brief temperature=0.3 max-tokens=64');
    await el.send('hi');
    const request = engine.requests[0]!;
    expect(request.messages[0]).to.deep.equal({ role: 'system', content: 'Be-brief' });
    expect(request.temperature).to.equal(0.3);
    expect(request.max_tokens).to.equal(64);
    expect(request.stream_options).to.deep.equal({ include_usage: true });
  });
});
