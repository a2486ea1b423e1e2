// Its own file, so its own page: the Markdown chunk is not loaded when the test starts.
import { expect, html, waitUntil } from '@open-wc/testing';
import { render } from 'lit';
import '../src/define.js';
import { markdown, markdownReady } from '../src/render/markdown-directive.js';
import { ScriptedEngine } from '../src/testing/scripted-engine.js';

const options = { allowImages: false, copyLabel: 'Copy', copyName: 'Copy code', copiedLabel: 'Copied' };

describe('Markdown chunk loaded on demand', () => {
  it('shows a reply as plain text until the Markdown chunk arrives, then as Markdown', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    const text = '# Title\n\n<img src=x onerror="window.__pwned=1"> **bold**';
    const view = (value: string) => render(html`<div ${markdown(value, true, options)}></div>`, host);
    view(text);
    const content = host.firstElementChild!;
    // Synchronously after the first render the chunk cannot have arrived: plain, inert text.
    expect(content.classList.contains('markdown')).to.equal(false);
    expect(content.children.length).to.equal(0);
    expect(content.textContent).to.equal(text);
    view(`${text} more`);
    expect(content.textContent).to.equal(`${text} more`);
    await markdownReady();
    await waitUntil(() => content.classList.contains('markdown'), 'rendered again as Markdown');
    expect(content.querySelector('h1')!.textContent).to.equal('Title');
    expect(content.querySelector('strong')!.textContent).to.equal('bold');
    expect(content.querySelector('img')).to.equal(null);
    expect((window as { __pwned?: unknown }).__pwned).to.equal(undefined);
    host.remove();
  });

  it('a Traditional Chinese element waits for its strings and never shows English first', async () => {
    const el = document.createElement('ai-chat');
    el.lang = 'zh-TW';
    el.engine = new ScriptedEngine();
    document.body.append(el);
    const texts: string[] = [];
    const observer = new MutationObserver(() => texts.push(el.shadowRoot!.textContent ?? ''));
    observer.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true });
    // The strings chunk is not here yet: nothing rendered, so no English either.
    expect(el.shadowRoot!.textContent).to.equal('');
    await el.updateComplete;
    observer.disconnect();
    expect(el.shadowRoot!.querySelector('[part="send-button"]')!.textContent!.trim()).to.equal('傳送');
    expect(texts.length).to.be.greaterThan(0);
    expect(texts.filter((text) => /Send|Ask anything/.test(text))).to.deep.equal([]);
    el.remove();
  });
});
