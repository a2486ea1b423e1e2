// Its own file, so its own page: the conversation's chunk (src/view/chat-view.ts) is not loaded
// when the first test starts.
import { expect, fixture, html } from '@open-wc/testing';
import '../src/define.js';
import type { AiChat } from '../src/ai-chat.js';
import { $, $$, SCRIPTED_WORKER, waitUntil } from './helpers.js';

/** Modules of the conversation's half the page has fetched so far. */
const fetched = () =>
  performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) =>
      /\/(view\/chat-view|view\/log|view\/progress|controllers\/persist-controller|controllers\/scroll-controller|controllers\/reply)\.(js|ts)$/.test(
        path,
      ),
    );

const logSheetAdopted = (el: AiChat) =>
  el.shadowRoot!.adoptedStyleSheets.some((sheet) =>
    [...sheet.cssRules].some((rule) => (rule as CSSStyleRule).selectorText === '.messages'),
  );

describe('<ai-chat> before consent: the conversation is a chunk of its own (scripted worker)', () => {
  it('scripted worker: the consent card shows without the chunk; the consent click fetches it and the progress card and log follow', async () => {
    const el = await fixture<AiChat>(
      html`<ai-chat model="Scripted-1B-Instruct-q4f32_1-MLC" worker-url=${SCRIPTED_WORKER}></ai-chat>`,
    );
    await waitUntil(() => $(el, '[part="consent"]')?.textContent?.match(/\d/), 'consent card with its size');
    await el.updateComplete;
    expect(fetched(), 'fetched before consent').to.deep.equal([]);
    expect(logSheetAdopted(el)).to.equal(false);
    expect($(el, '[part="messages"]')).to.equal(null);

    $(el, '[part="consent"] button.primary')!.click();
    await waitUntil(() => $(el, '[part="progress"]') || el.status === 'ready', 'progress or ready');
    expect(fetched().some((path) => /chat-view/.test(path))).to.equal(true);
    expect(logSheetAdopted(el)).to.equal(true);
    await waitUntil(() => el.status === 'ready', 'ready');
    await el.send('Hello');
    await el.updateComplete;
    expect($$(el, '[part~="message"]').length).to.equal(2);
  });

  it('scripted worker: messages handed in before consent show in the log at the next update', async () => {
    const el = await fixture<AiChat>(
      html`<ai-chat model="Scripted-1B-Instruct-q4f32_1-MLC" worker-url=${SCRIPTED_WORKER}></ai-chat>`,
    );
    el.messages = [
      { role: 'user', content: 'Saved question' },
      { role: 'assistant', content: 'Saved answer' },
    ];
    await el.updateComplete;
    expect($$(el, '[part~="message"] .content').map((m) => m.textContent?.trim())).to.deep.equal([
      'Saved question',
      'Saved answer',
    ]);
    expect(logSheetAdopted(el)).to.equal(true);
  });
});
