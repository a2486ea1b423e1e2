import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { AiChatErrorEvent } from '../src/events.js';
import { $, record, scriptedChat, waitForStatus, waitUntil } from './helpers.js';

describe('<ai-chat> bad input to the element (scripted engine)', () => {
  it('scripted engine: a 100,000-character message is sent whole and shown whole', async () => {
    const { el, engine } = await scriptedChat({ replies: [{ text: 'received' }] });
    const text = 'lorem ipsum '.repeat(8334).slice(0, 100_000);
    const textarea = $<HTMLTextAreaElement>(el, 'textarea')!;
    textarea.value = text;
    $(el, '[part="send-button"]')!.click();
    await waitUntil(() => el.messages.length === 2);
    expect(engine.requests[0]!.messages.at(-1)!.content.length).to.equal(100_000);
    await el.updateComplete;
    expect($(el, '[part~="message-user"] .content')!.textContent!.length).to.equal(100_000);
    expect(textarea.value).to.equal('');
  });

  it('scripted engine: empty and blank input sends nothing', async () => {
    const { el, engine } = await scriptedChat();
    const textarea = $<HTMLTextAreaElement>(el, 'textarea')!;
    for (const value of ['', '   ', '\n\n\t']) {
      textarea.value = value;
      $(el, '[part="send-button"]')!.click();
      expect(await el.send(value)).to.equal(undefined);
    }
    expect(engine.requests.length).to.equal(0);
    expect(el.messages).to.deep.equal([]);
    // Sends are queued in order: a blank one sent by a click would be answered before this one.
    await el.send('real');
    expect(engine.requests.map((r) => r.messages.at(-1)!.content)).to.deep.equal(['real']);
    expect(el.messages.map((m) => m.content)).to.deep.equal(['real', 'You said: real']);
  });

  it('scripted engine: rapid repeated clicks send once; Enter during the reply is refused and keeps the text, which Enter sends once the reply ends', async () => {
    const { el, engine } = await scriptedChat({
      replies: [{ text: 'slow '.repeat(30), tokenDelayMs: 10 }, { text: 'ok' }],
    });
    const textarea = $<HTMLTextAreaElement>(el, 'textarea')!;
    const errors = record<AiChatErrorEvent>(el, 'ai-chat-error');
    textarea.value = 'question';
    const send = $(el, '[part="send-button"]')!;
    for (let i = 0; i < 10; i++) send.click();
    await waitForStatus(el, 'generating');
    textarea.value = 'next question';
    await sendKeys({ press: 'Enter' }).catch(() => undefined);
    textarea.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(textarea.value).to.equal('next question');
    expect($(el, '.notice')!.textContent).to.match(/Wait for the reply/);
    await waitForStatus(el, 'ready');
    expect(engine.requests.length).to.equal(1);
    expect(el.messages.filter((m) => m.role === 'user').map((m) => m.content)).to.deep.equal(['question']);
    expect(errors).to.deep.equal([]);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => engine.requests.length === 2, 'the kept text sent');
    expect(engine.requests[1]!.messages.at(-1)).to.deep.equal({ role: 'user', content: 'next question' });
    expect(textarea.value).to.equal('');
  });

  it('scripted engine: many send() calls at once are queued and answered in order', async () => {
    const { el } = await scriptedChat({ tokenDelayMs: 1 });
    const replies = await Promise.all([1, 2, 3, 4, 5].map((n) => el.send(`m${n}`)));
    expect(replies.map((r) => r!.content)).to.deep.equal([
      'You said: m1',
      'You said: m2',
      'You said: m3',
      'You said: m4',
      'You said: m5',
    ]);
    expect(el.messages.map((m) => m.content)).to.deep.equal(
      [1, 2, 3, 4, 5].flatMap((n) => [`m${n}`, `You said: m${n}`]),
    );
  });
});
