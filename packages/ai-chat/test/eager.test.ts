// Its own file, so its own page: the Markdown chunk is not loaded when the test starts.
import { expect } from '@open-wc/testing';
import '../src/define.js';
import type { AiChat } from '../src/ai-chat.js';
import { ScriptedEngine } from '../src/testing/scripted-engine.js';

describe('<ai-chat> base look without the Markdown chunk (scripted engine)', () => {
  it('scripted engine: user and assistant messages are styled by the eager styles, before the Markdown chunk arrives', async () => {
    const el = document.createElement('ai-chat') as AiChat;
    el.engine = new ScriptedEngine();
    el.style.width = '600px';
    document.body.append(el);
    el.messages = [
      { role: 'user', content: 'Hello' },
      { role: 'assistant', content: 'Hi! **How** can I help?' },
    ];
    await el.updateComplete;
    const root = el.shadowRoot!;
    // The element's own sheets and the progress card's, the log's and the reply actions' (adopted with the
    // conversation's chunk, before its first render); the Markdown chunk's sheet is adopted when that chunk arrives.
    const own = (customElements.get('ai-chat') as unknown as { elementStyles: unknown[] }).elementStyles;
    expect(root.adoptedStyleSheets.length).to.equal(own.length + 3);
    expect(root.querySelector('.markdown')).to.equal(null);
    const user = root.querySelector<HTMLElement>('[part~="message-user"]')!;
    const assistant = root.querySelector<HTMLElement>('[part~="message-assistant"]')!;
    const log = root.querySelector<HTMLElement>('[part="messages"]')!.getBoundingClientRect();
    const userStyle = getComputedStyle(user);
    expect(userStyle.backgroundColor).to.not.equal('rgba(0, 0, 0, 0)');
    expect(parseFloat(userStyle.borderTopLeftRadius)).to.be.greaterThan(8);
    expect(parseFloat(userStyle.paddingLeft)).to.be.greaterThan(8);
    expect(log.right - user.getBoundingClientRect().right, 'user bubble on the end side').to.be.below(20);
    expect(user.getBoundingClientRect().width).to.be.below(log.width / 2);
    expect(assistant.getBoundingClientRect().width, 'the reply takes the width').to.be.greaterThan(
      log.width * 0.9,
    );
    expect(getComputedStyle(assistant.querySelector('.content')!).whiteSpace).to.equal('pre-wrap');
    el.remove();
  });
});
