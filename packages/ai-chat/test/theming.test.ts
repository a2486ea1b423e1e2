import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import type { AiChat } from '../src/ai-chat.js';
import type { AiChatErrorEvent } from '../src/events.js';
import { markdownReady } from '../src/render/markdown-directive.js';
import { $, $$, scriptedChat, ScriptedEngine } from './helpers.js';

describe('<ai-chat> theming', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light' }));
  const background = (el: AiChat) => getComputedStyle($(el, '[part="base"]')!).backgroundColor;

  it('follows prefers-color-scheme, and theme="light"/"dark" forces one', async () => {
    const { el } = await scriptedChat();
    await emulateMedia({ colorScheme: 'light' });
    expect(background(el)).to.equal('rgb(255, 255, 255)');
    await emulateMedia({ colorScheme: 'dark' });
    expect(background(el)).to.equal('rgb(23, 24, 28)');
    el.theme = 'light';
    await el.updateComplete;
    expect(el.getAttribute('theme')).to.equal('light');
    expect(background(el)).to.equal('rgb(255, 255, 255)');
    await emulateMedia({ colorScheme: 'light' });
    el.setAttribute('theme', 'dark');
    await el.updateComplete;
    expect(background(el)).to.equal('rgb(23, 24, 28)');
  });

  it('a nonsense theme fires invalid-attribute and follows the system', async () => {
    const { el } = await scriptedChat();
    const error = oneEvent(el, 'ai-chat-error') as Promise<AiChatErrorEvent>;
    el.setAttribute('theme', 'purple');
    const event = await error;
    expect([event.code, event.message]).to.deep.equal([
      'invalid-attribute',
      'theme="purple" is not valid: expected light or dark. Following the system.',
    ]);
    await el.updateComplete;
    // The page's value stays; the look follows the system, as with no theme at all.
    expect(el.getAttribute('theme')).to.equal('purple');
    const plain = await fixture<AiChat>(html`<ai-chat .engine=${new ScriptedEngine()}></ai-chat>`);
    const background = (e: Element) =>
      getComputedStyle(e.shadowRoot!.querySelector('[part="base"]')!).backgroundColor;
    expect(background(el)).to.equal(background(plain));
  });

  it('custom properties and parts style it from the page', async () => {
    const { el } = await scriptedChat();
    el.style.setProperty('--ai-chat-background', 'rgb(1, 2, 3)');
    expect(background(el)).to.equal('rgb(1, 2, 3)');
    const style = document.createElement('style');
    style.textContent = 'ai-chat::part(send-button) { color: rgb(4, 5, 6); }';
    document.head.append(style);
    try {
      expect(getComputedStyle($(el, '[part="send-button"]')!).color).to.equal('rgb(4, 5, 6)');
    } finally {
      style.remove();
    }
  });

  it('at 320 px wide nothing overflows sideways, even with long words, code and tables', async () => {
    await markdownReady();
    await setViewport({ width: 320, height: 640 });
    try {
      const long = 'x'.repeat(300);
      const { el } = await scriptedChat({
        replies: [
          {
            text: `${long}\n\n\`\`\`\n${long}\n\`\`\`\n\n| ${'col | '.repeat(12)}\n|${'---|'.repeat(12)}\n| ${'value | '.repeat(12)}`,
          },
        ],
      });
      document.body.style.margin = '0';
      el.style.width = '320px';
      await el.send(`a ${long} b`);
      await el.updateComplete;
      const base = $(el, '[part="base"]')!;
      expect(base.getBoundingClientRect().width).to.be.at.most(320);
      for (const node of [base, $(el, '[part="messages"]')!, ...$$(el, '[part~="message"]')])
        expect(node.scrollWidth, `${node.className} overflows`).to.be.at.most(node.clientWidth);
      expect(document.documentElement.scrollWidth).to.be.at.most(320);
    } finally {
      document.body.style.margin = '';
      await setViewport({ width: 800, height: 600 });
    }
  });
});
