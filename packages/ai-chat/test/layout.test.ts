// The element in page layouts, through the public API: it never escapes its box, and a height
// given to it is honoured. Real Chromium at phone and desktop widths.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { AiChat } from '../src/ai-chat.js';
import { markdownReady } from '../src/render/markdown-directive.js';
import { $, ScriptedEngine } from './helpers.js';

const WIDE_REPLY = [
  'Here is the code and a comparison:',
  '',
  '```js',
  `const result = [${Array.from({ length: 40 }, (_, i) => `"item-${i}"`).join(', ')}].toSorted();`,
  '```',
  '',
  '| Method | Mutates | Since | Returns | Notes about it | More notes | Even more |',
  '|---|---|---|---|---|---|---|',
  '| Array.prototype.toSorted() | no | ES2023 | a new array | copies first | stable sort | works everywhere |',
  '| Array.prototype.sort() | yes | ES1 | the same array | in place | stable since ES2019 | everywhere |',
].join('\n');

const PARENTS: Record<string, string> = {
  block: 'display: block',
  flex: 'display: flex',
  grid: 'display: grid; grid-template-columns: 1fr',
};

async function chatIn(parent: string, chatStyle = '') {
  const engine = new ScriptedEngine({ replies: [{ text: WIDE_REPLY, tokenDelayMs: 0 }] });
  const wrapper = await fixture<HTMLDivElement>(
    html`<div style="${PARENTS[parent]}; padding: 8px">
      <ai-chat style=${`flex: 1; ${chatStyle}`} .engine=${engine}></ai-chat>
    </div>`,
  );
  const el = wrapper.querySelector('ai-chat') as AiChat;
  await el.updateComplete;
  await markdownReady();
  await el.send('show me');
  await waitUntil(
    () => $(el, '[part~="message-assistant"] .markdown .code') && $(el, '[part~="message-assistant"] table'),
    'the wide reply rendered',
  );
  await new Promise((resolve) => requestAnimationFrame(resolve));
  return { wrapper, el };
}

describe('<ai-chat> layout (scripted engine)', () => {
  after(() => setViewport({ width: 800, height: 600 }));

  for (const width of [320, 360, 1280])
    for (const parent of Object.keys(PARENTS))
      it(`scripted engine: at ${width} px in a ${parent} parent, a reply with a wide code block and table stays inside`, async () => {
        await setViewport({ width, height: 700 });
        const { wrapper, el } = await chatIn(parent);
        const box = el.getBoundingClientRect();
        const inner = wrapper.getBoundingClientRect();
        expect(box.left, 'left edge').to.be.at.least(inner.left - 0.5);
        expect(box.right, 'right edge').to.be.at.most(inner.right + 0.5);
        expect(document.documentElement.scrollWidth, 'no horizontal page scroll').to.be.at.most(
          window.innerWidth,
        );
        // The code and the table scroll inside their message, and the Send button is on screen.
        const pre = $(el, 'pre')!;
        const table = $(el, 'table')!;
        expect(pre.scrollWidth).to.be.greaterThan(pre.clientWidth);
        expect(table.getBoundingClientRect().right).to.be.at.most(box.right);
        const send = $(el, '[part="send-button"]')!.getBoundingClientRect();
        expect(send.right).to.be.at.most(box.right);
        // No word in a table cell is broken across lines.
        for (const cell of el.shadowRoot!.querySelectorAll('td, th')) {
          const range = document.createRange();
          range.selectNodeContents(cell);
          const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          const words = (cell.textContent ?? '').trim().split(/\s+/).length;
          expect(lines.size, `"${cell.textContent}" wraps only between words`).to.be.at.most(words);
          for (const word of (cell.textContent ?? '').trim().split(/\s+/)) {
            const probe = document.createElement('span');
            probe.style.whiteSpace = 'nowrap';
            probe.textContent = word;
            cell.append(probe);
            expect(probe.getBoundingClientRect().width, word).to.be.at.most(
              cell.getBoundingClientRect().width,
            );
            probe.remove();
          }
        }
      });

  it('scripted engine: a fixed height is honoured: the log scrolls and the composer stays inside', async () => {
    await setViewport({ width: 360, height: 700 });
    const { el } = await chatIn('block', 'height: 300px');
    const box = el.getBoundingClientRect();
    expect(box.height).to.be.closeTo(300, 0.5);
    const base = $(el, '[part="base"]')!.getBoundingClientRect();
    expect(base.bottom).to.be.at.most(box.bottom + 0.5);
    const input = $(el, '[part="input"]')!.getBoundingClientRect();
    expect(input.bottom).to.be.at.most(box.bottom);
    const log = $(el, '[part="messages"]')!;
    expect(log.scrollHeight).to.be.greaterThan(log.clientHeight);
  });

  it('scripted engine: a max-height is honoured too', async () => {
    await setViewport({ width: 1280, height: 900 });
    const { el } = await chatIn('flex', 'max-height: 320px; flex-direction: column');
    expect(el.getBoundingClientRect().height).to.be.at.most(320.5);
    expect($(el, '[part="send-button"]')!.getBoundingClientRect().bottom).to.be.at.most(
      el.getBoundingClientRect().bottom,
    );
  });

  it('scripted engine: without a header or footer, the frame has the same space at the top as at the sides', async () => {
    const engine = new ScriptedEngine();
    const el = await fixture<AiChat>(html`<ai-chat .engine=${engine} style="text-align: center"></ai-chat>`);
    const base = $(el, '[part="base"]')!.getBoundingClientRect();
    const log = $(el, '.log-wrap')!.getBoundingClientRect();
    expect(log.top - base.top).to.be.closeTo(log.left - base.left, 1);
    // The page's text-align does not leak in.
    expect(getComputedStyle($(el, '[part="messages"]')!).textAlign).to.equal('start');
  });
});
