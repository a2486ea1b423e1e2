import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import type { AiChat } from '../src/ai-chat.js';
import { markdownReady } from '../src/render/markdown-directive.js';
import { $, MARKDOWN_REPLY, SCRIPTED_WORKER, scriptedChat, waitForStatus, waitUntil } from './helpers.js';

describe('<ai-chat> accessibility', () => {
  it('worker protocol: the consent card passes axe', async () => {
    const el = await fixture<AiChat>(
      html`<ai-chat model="Scripted-1B-Instruct-q4f32_1-MLC" worker-url=${SCRIPTED_WORKER}></ai-chat>`,
    );
    await waitUntil(() => $(el, '[part="consent"]'));
    await expect(el).to.be.accessible();
  });

  it('worker protocol: the downloading state passes axe, and focus moves to the input after consent', async () => {
    const el = await fixture<AiChat>(
      html`<ai-chat
        model="Scripted-1B-Instruct-q4f32_1-MLC"
        worker-url=${`${SCRIPTED_WORKER}?stall=download`}
      ></ai-chat>`,
    );
    await waitUntil(() => $(el, '[part="consent"] button'), 'the consent card, after the preflight');
    $(el, '[part="consent"] button')!.click();
    await waitForStatus(el, 'downloading');
    await el.updateComplete;
    expect($(el, '[part="progress"] progress')).to.exist;
    expect(el.shadowRoot!.activeElement).to.equal($(el, 'textarea'));
    await expect(el).to.be.accessible();
    expect(el.status).to.equal('downloading');
    await el.unload();
  });

  it('scripted engine: ready (with a Markdown conversation) passes axe, in light and dark', async () => {
    await markdownReady();
    const { el } = await scriptedChat({ replies: [{ text: MARKDOWN_REPLY }] });
    await el.send('plan?');
    await el.updateComplete;
    await waitUntil(() => $(el, 'code[data-highlighted]'));
    expect(el.status).to.equal('ready');
    await expect(el).to.be.accessible();
    el.setAttribute('theme', 'dark');
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('scripted engine: generating passes axe; the log is a polite live region, busy until the reply is whole', async () => {
    const { el } = await scriptedChat({ replies: [{ text: 'word '.repeat(200), tokenDelayMs: 20 }] });
    const done = el.send('long');
    await waitForStatus(el, 'generating');
    const log = $(el, '[part="messages"]')!;
    expect([
      log.getAttribute('role'),
      log.getAttribute('aria-live'),
      log.getAttribute('aria-busy'),
    ]).to.deep.equal(['log', 'polite', 'true']);
    await expect(el).to.be.accessible();
    expect(el.status).to.equal('generating');
    $(el, '[part="stop-button"]')!.click();
    await done;
    await el.updateComplete;
    expect(log.getAttribute('aria-busy')).to.equal('false');
    // The stop button is gone: focus goes back to the input, not to the page.
    expect(el.shadowRoot!.activeElement).to.equal($(el, 'textarea'));
  });

  it('scripted engine: the error state passes axe', async () => {
    const { el } = await scriptedChat({ loadError: { name: 'Error', message: 'boom' } });
    await el.load().catch(() => undefined);
    await el.updateComplete;
    expect(el.status).to.equal('error');
    expect($(el, '[part="error"]')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('scripted engine: every control is reached by Tab, named, and shows a focus ring', async () => {
    await markdownReady();
    const { el } = await scriptedChat({
      replies: [{ text: 'See [docs](https://example.com).\n\n```\nx\n```' }],
    });
    await el.send('hi');
    await el.updateComplete;
    const before = document.createElement('button');
    before.textContent = 'before';
    el.before(before);
    before.focus();
    const resting = getComputedStyle($(el, '.composer')!).boxShadow;
    const reached: string[] = [];
    for (let i = 0; i < 7; i++) {
      await sendKeys({ press: 'Tab' });
      const active = el.shadowRoot!.activeElement as HTMLElement | null;
      if (!active) break;
      const name = active.getAttribute('aria-label') ?? active.textContent!.trim();
      expect(name, `${active.localName} has a name`).to.not.equal('');
      // One ring each: the text box's is the composer's (focus-within), never one of its own inside it.
      if (active.localName === 'textarea') {
        expect(getComputedStyle(active).outlineStyle, 'no ring of its own').to.equal('none');
        expect(getComputedStyle($(el, '.composer')!).boxShadow, 'the composer ring').to.not.equal(resting);
      } else
        expect(getComputedStyle(active).outlineStyle, `${active.localName} focus ring`).to.equal('solid');
      reached.push(`${active.localName}:${name}`);
    }
    before.remove();
    expect(reached).to.deep.equal([
      'a:docs',
      'button:Copy code',
      'pre:x',
      'button:Copy reply',
      'button:Regenerate the last reply',
      'textarea:Message',
      'button:Send',
    ]);
  });

  it('scripted engine: the log follows a streaming reply, unless the reader scrolled up', async () => {
    const { el } = await scriptedChat({
      replies: [
        { text: 'line\n\n'.repeat(80), tokenDelayMs: 2 },
        { text: 'more\n\n'.repeat(80), tokenDelayMs: 10 },
      ],
    });
    el.style.setProperty('--ai-chat-max-height', '200px');
    const log = $(el, '[part="messages"]')!;
    const atBottom = () => log.scrollHeight - log.scrollTop - log.clientHeight <= 32;
    await el.send('long');
    await el.updateComplete;
    await new Promise(requestAnimationFrame); // the log scrolls in the next frame
    expect(log.scrollHeight).to.be.greaterThan(log.clientHeight * 3);
    expect(atBottom(), 'followed to the end').to.equal(true);
    const second = el.send('again');
    await waitUntil(() => (el.shadowRoot!.querySelector('[data-streaming]')?.textContent?.length ?? 0) > 40);
    log.scrollTo({ top: 0, behavior: 'instant' });
    await waitUntil(() => (el.shadowRoot!.querySelector('[data-streaming]')?.textContent?.length ?? 0) > 200);
    expect(log.scrollTop, 'the reader stays where they scrolled').to.equal(0);
    el.stop();
    await second;
  });

  it('reduced motion: the log scrolls without animation', async () => {
    const { el } = await scriptedChat();
    const log = $(el, '[part="messages"]')!;
    await emulateMedia({ reducedMotion: 'no-preference' });
    expect(getComputedStyle(log).scrollBehavior).to.equal('smooth');
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(getComputedStyle(log).scrollBehavior).to.equal('auto');
    await emulateMedia({ reducedMotion: 'no-preference' });
  });
});
