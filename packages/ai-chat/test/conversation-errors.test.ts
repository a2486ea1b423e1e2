import { expect, fixture, html } from '@open-wc/testing';
import type { AiChat } from '../src/ai-chat.js';
import type { AiChatErrorEvent, AiChatMessageEvent, AiChatStatsEvent } from '../src/events.js';
import {
  $,
  $$,
  expectEveryWorkerEnded,
  record,
  SCRIPTED_WORKER,
  scriptedChat,
  visibleMessages,
  waitForStatus,
  waitUntil,
} from './helpers.js';

// Errors where they happen, and Stop at any moment of a send (scripted engine, scripted worker).
const deviceLost = { name: 'DeviceLostError', message: 'The WebGPU device was lost' };

describe('a failed reply, Try again and Stop (scripted engine, scripted worker)', function () {
  this.timeout(60000);
  afterEach(async () => {
    await expectEveryWorkerEnded();
  });

  it('scripted engine: a failed reply shows its error in the log, after the failure; the question in the log only (not back in the composer); no stats line; Try again answers the same question, not a copy', async () => {
    const { el, engine } = await scriptedChat(
      {
        replies: [
          { text: 'first answer' },
          { text: 'half of it and more', failAfter: 2, error: deviceLost },
          { text: 'the whole answer' },
        ],
      },
      'show-stats',
    );
    await el.send('first question');
    await el.updateComplete;
    expect($(el, '[part="stats"]')).to.exist;
    const messages = record<AiChatMessageEvent>(el, 'ai-chat-message');
    const errors = record<AiChatErrorEvent>(el, 'ai-chat-error');
    const textarea = $<HTMLTextAreaElement>(el, 'textarea')!;
    textarea.value = 'second question';
    $(el, '[part="send-button"]')!.click();
    await waitUntil(() => errors.length === 1 && el.status === 'error', 'the failure');
    await el.updateComplete;
    // The send's rejection has reached the composer (a task later, every reaction to it has run).
    await new Promise((resolve) => setTimeout(resolve));
    expect(errors[0]!.code).to.equal('device-lost');
    expect(textarea.value, 'not back in the composer: it is in the log').to.equal('');
    expect(visibleMessages(el)).to.deep.equal([
      'first question',
      'first answer',
      'second question',
      'half of',
    ]);
    // At the failure: the error is the log's last entry, right after the partial reply.
    const log = $(el, '[part="messages"]')!;
    expect(log.lastElementChild!.getAttribute('part')).to.equal('error');
    expect($$(el, '[part="error"]')).to.have.length(1);
    expect($$(el, '[part~="message-assistant"]').at(-1)!.querySelector('.interrupted')).to.exist;
    expect($(el, '[part="stats"]'), 'no stats line for a failed reply').to.equal(null);
    expect(el.stats).to.equal(undefined);
    await expect(el).shadowDom.to.be.accessible();
    const question = el.messages[2]!;
    [...log.lastElementChild!.querySelectorAll('button')].find((b) => b.textContent === 'Try again')!.click();
    await waitUntil(() => el.messages.length === 4 && el.status === 'ready', 'answered again');
    expect(el.messages[2]).to.equal(question);
    expect(el.messages.map((m) => m.content)).to.deep.equal([
      'first question',
      'first answer',
      'second question',
      'the whole answer',
    ]);
    // The question was asked once: no second user message, no copy in the request.
    expect(messages.filter((e) => e.message.role === 'user')).to.have.length(1);
    expect(engine.requests[2]!.messages.filter((m) => m.content === 'second question')).to.have.length(1);
    await el.updateComplete;
    expect($(el, '[part="error"]')).to.equal(null);
    expect($(el, '[part="stats"]')).to.exist;
  });

  it("scripted engine: send('hi'); stop() cancels the reply before it starts: resolved as interrupted, the engine never asked; the next send works", async () => {
    const { el, engine } = await scriptedChat({ replies: [{ text: 'never' }, { text: 'next' }] });
    const stats = record<AiChatStatsEvent>(el, 'ai-chat-stats');
    const sent = el.send('hi');
    el.stop();
    expect(await sent).to.deep.equal({ role: 'assistant', content: '', interrupted: true });
    expect(engine.requests).to.have.length(0);
    expect(el.status).to.equal('ready');
    expect(stats).to.have.length(0);
    expect((await el.send('again'))!.content).to.equal('never');
  });

  it('scripted worker: stop() while the model loads for a send cancels that reply; the model still loads, and the next send works', async () => {
    const el = await fixture<AiChat>(html`<ai-chat worker-url=${`${SCRIPTED_WORKER}?stepMs=80`}></ai-chat>`);
    await waitUntil(() => el.modelInfo && el.status === 'idle', 'the consent card');
    const sent = el.send('while it loads');
    await waitForStatus(el, 'downloading');
    el.stop();
    expect(await sent).to.deep.equal({ role: 'assistant', content: '', interrupted: true });
    expect(el.status).to.equal('ready');
    expect(el.messages.map((m) => m.content)).to.deep.equal(['while it loads']);
    expect((await el.send('now'))!.content).to.equal('Worker reply to: now');
    await el.unload();
  });
});
