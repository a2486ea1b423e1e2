import { expect, waitUntil } from '@open-wc/testing';
import { firstPage, WINDOW_FROM, WINDOW_PAGE } from '../src/controllers/message-window.js';
import { pieces } from '../src/render/long-text.js';
import type { ChatMessage } from '../src/types.js';
import { $, $$, scriptedChat } from './helpers.js';

const P = WINDOW_PAGE;

describe('message window', () => {
  it('firstPage: short conversations in full, long ones from their last pages; pages far above the end are dropped only while following', () => {
    const table: Array<[number, number | undefined, boolean, number]> = [
      [0, undefined, true, 0],
      [WINDOW_FROM, undefined, true, 0],
      [WINDOW_FROM + 1, undefined, true, Math.floor(WINDOW_FROM / P) - 1],
      [10_000, undefined, true, Math.floor(9_999 / P) - 1],
      // the reader asked for earlier pages: kept
      [10_000, 100, false, 100],
      [10_000, 100, true, Math.floor(9_999 / P) - 1],
      // a live conversation grows: the window starts where it was until 3 pages are past it
      [3 * P, 0, true, 0],
      [3 * P + 1, 0, true, 2],
      [3 * P + 1, 0, false, 0],
      // a list shorter than the window's start: from its last pages
      [5 * P, 50, true, 3],
    ];
    for (const [total, current, following, first] of table)
      expect(firstPage(total, current, following), `${total}, ${current}, ${following}`).to.equal(first);
  });

  it('scripted engine: 10,000 restored messages show the last ones at once; scrolling to the top shows earlier ones where the reader was', async () => {
    const { el } = await scriptedChat();
    el.style.setProperty('--ai-chat-max-height', '300px');
    const messages: ChatMessage[] = Array.from({ length: 10_000 }, (_, i) => ({
      role: i % 2 ? 'assistant' : 'user',
      content: `message ${i}`,
    }));
    const start = performance.now();
    el.messages = messages;
    await el.updateComplete;
    const ms = performance.now() - start;
    const shown = () => $$(el, '[part~="message"]');
    const count = shown().length;
    expect(count).to.be.within(P, 2 * P);
    expect(shown().at(-1)!.textContent).to.contain('message 9999');
    expect(ms, 'rendered in').to.be.below(1000);
    const log = $(el, '[part="messages"]')!;
    await waitUntil(() => log.scrollHeight - log.scrollTop - log.clientHeight < 2, 'at the bottom');
    const first = shown()[0]!;
    const text = first.textContent;
    log.scrollTo({ top: 0, behavior: 'instant' });
    await waitUntil(() => shown().length === count + P, 'earlier messages added');
    // The reader stays on the message they were reading (the first one shown before), which is
    // the same element, untouched.
    expect(first.isConnected).to.equal(true);
    expect(first.textContent).to.equal(text);
    expect(Math.abs(first.getBoundingClientRect().top - log.getBoundingClientRect().top)).to.be.below(20);
  });

  it('scripted engine: a reply in a long conversation shows and follows the end', async () => {
    const { el } = await scriptedChat({ replies: [{ text: 'The newest reply.', tokenDelayMs: 1 }] });
    el.messages = Array.from({ length: 500 }, (_, i) => ({
      role: i % 2 ? 'assistant' : 'user',
      content: `m ${i}`,
    }));
    await el.updateComplete;
    await el.send('one more');
    await el.updateComplete;
    await new Promise(requestAnimationFrame); // the log scrolls in the next frame
    const shown = $$(el, '[part~="message"]');
    expect(shown.at(-1)!.textContent).to.contain('The newest reply.');
    expect(shown.at(-2)!.textContent).to.contain('one more');
    expect(shown.length).to.be.at.most(2 * P + 2);
    const log = $(el, '[part="messages"]')!;
    expect(log.scrollHeight - log.scrollTop - log.clientHeight).to.be.at.most(32);
  });
});

describe('long user messages', () => {
  it('pieces: short texts whole; long ones cut at line ends into pieces that join back to the text', () => {
    expect(pieces('short')).to.deep.equal(['short']);
    const lines = 'a line of text\n'.repeat(2000);
    const cut = pieces(lines, 1000);
    expect(cut.join('')).to.equal(lines);
    expect(cut.every((p) => p.endsWith('\n') && p.length <= 1000)).to.equal(true);
    const long = `${'x'.repeat(3000)}\nend`;
    expect(pieces(long, 1000)).to.deep.equal([`${'x'.repeat(3000)}\n`, 'end']);
  });

  it('scripted engine: a 1 MB paste is sent and shown whole, in pieces laid out near the viewport', async () => {
    const { el, engine } = await scriptedChat({ replies: [{ text: 'Got it.' }] });
    const line = 'A pasted line of a long log file, with words and 12345 numbers.\n';
    const text = line.repeat(Math.ceil(2 ** 20 / line.length));
    await el.send(text);
    await el.updateComplete;
    const user = $(el, '[part~="message-user"] .content')!;
    expect(user.textContent).to.equal(text);
    expect(user.children.length).to.be.greaterThan(100);
    expect(getComputedStyle(user.firstElementChild!).contentVisibility).to.equal('auto');
    expect(engine.requests[0]!.messages.at(-1)!.content).to.equal(text);
    expect($$(el, '[part~="message-assistant"]').at(-1)!.textContent).to.contain('Got it.');
  });
});
