// The element in page layouts as page authors write them, through the public API: inside wrappers
// the page owns (a flex item with `flex: 1`, a grid `1fr` track, a plain block) and as a direct
// item of a flex row, on a page with a 62.5 % root font size and a global border-box reset. It
// never widens its parent, its box keeps one size whatever it shows, and a height or max-height
// given to it is honoured. Real Chromium at phone and desktop widths.
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { AiChat } from '../src/ai-chat.js';
import { markdownReady } from '../src/render/markdown-directive.js';
import { $, SCRIPTED_WORKER, ScriptedEngine, waitForStatus, waitUntil } from './helpers.js';

// A 220-character code line and an 8-column table.
const WIDE_REPLY = [
  'Here is the code and a comparison:',
  '',
  '```js',
  `const result = [${Array.from({ length: 40 }, (_, i) => `"i-${i}"`).join(', ')}];`.padEnd(220, ' '),
  '```',
  '',
  '| Method | Mutates | Since | Returns | Notes about it | More notes | Even more | Last one |',
  '|---|---|---|---|---|---|---|---|',
  '| Array.prototype.toSorted() | no | ES2023 | a new array | copies first | stable sort | works everywhere | yes |',
  '| Array.prototype.sort() | yes | ES1 | the same array | in place | stable since ES2019 | everywhere | yes |',
].join('\n');

/** Where the page puts the element: `CHAT` is the element. */
const WRAPPERS: Record<string, string> = {
  'a plain block': '<div>CHAT</div>',
  'a flex item with flex: 1': '<div style="display: flex; gap: 12px"><div style="flex: 1">CHAT</div></div>',
  'a grid 1fr track': '<div style="display: grid; grid-template-columns: 1fr"><div>CHAT</div></div>',
  'a flex row, as its direct item': '<div style="display: flex">CHAT</div>',
};

/** What pages commonly set: a 62.5 % root font size and a global border-box reset. */
const PAGE_STYLE = 'html { font-size: 62.5%; } *, *::before, *::after { box-sizing: border-box; }';

/** The element in `wrapper`, with text below it; `attrs` on the element. */
async function inPage(wrapper: string, attrs = '') {
  const page = await fixture<HTMLDivElement>(html`<div style="padding: 8px"></div>`);
  page.innerHTML = `${WRAPPERS[wrapper]!.replace('CHAT', `<ai-chat ${attrs}></ai-chat>`)}<p id="below">Below.</p>`;
  const el = page.querySelector('ai-chat') as AiChat;
  return { page, el, below: page.querySelector('#below')! };
}

const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

describe('<ai-chat> in the page (scripted engine, scripted worker)', () => {
  let style: HTMLStyleElement;
  before(async () => {
    style = document.createElement('style');
    style.textContent = PAGE_STYLE;
    document.head.append(style);
    await markdownReady();
  });
  after(async () => {
    style.remove();
    await setViewport({ width: 800, height: 600 });
  });
  afterEach(() => fixtureCleanup());

  for (const width of [320, 360, 1280])
    for (const wrapper of Object.keys(WRAPPERS))
      it(`scripted engine: at ${width} px in ${wrapper}, a reply with a 220-character code line and an 8-column table scrolls inside; the page does not`, async () => {
        await setViewport({ width, height: 700 });
        const { page, el } = await inPage(wrapper);
        el.engine = new ScriptedEngine({ replies: [{ text: WIDE_REPLY, tokenDelayMs: 0 }] });
        await el.send('show me');
        await waitUntil(
          () => $(el, '.markdown .code') && $(el, '.markdown table'),
          'the wide reply rendered',
        );
        await frame();
        const box = el.getBoundingClientRect();
        const parent = el.parentElement!.getBoundingClientRect();
        expect(document.documentElement.scrollWidth, 'no horizontal page scroll').to.be.at.most(
          window.innerWidth,
        );
        expect(box.right, 'inside its parent').to.be.at.most(parent.right + 0.5);
        expect(page.scrollWidth, 'the page column is not widened').to.be.at.most(page.clientWidth);
        const pre = $(el, 'pre')!;
        expect(pre.scrollWidth, 'the code scrolls inside').to.be.greaterThan(pre.clientWidth);
        const table = $(el, '.markdown table')!;
        expect(table.getBoundingClientRect().right).to.be.at.most(box.right);
        expect($(el, '[part="send-button"]')!.getBoundingClientRect().right).to.be.at.most(box.right);
      });

  for (const width of [360, 1280])
    for (const wrapper of Object.keys(WRAPPERS))
      it(`scripted worker: at ${width} px in ${wrapper}, the box is the same on the consent card, empty and after three long replies; what is below does not move`, async () => {
        await setViewport({ width, height: 800 });
        const { page, el, below } = await inPage(
          wrapper,
          `model="Scripted-1B-Instruct-q4f32_1-MLC" worker-url="${SCRIPTED_WORKER}"`,
        );
        const seen = () => {
          const { width: w, height: h } = el.getBoundingClientRect();
          return {
            width: Math.round(w),
            height: Math.round(h),
            below: Math.round(below.getBoundingClientRect().top),
          };
        };
        await waitUntil(() => $(el, '[part="consent"]')?.textContent?.match(/\d/), 'the consent card');
        const consent = seen();
        await el.load();
        await waitForStatus(el, 'ready');
        await el.updateComplete;
        expect($(el, '.empty'), 'the empty state').to.exist;
        const empty = seen();
        const long = 'A long question that asks for a long answer, again and again. '.repeat(12);
        for (let i = 0; i < 3; i++) await el.send(long);
        await el.updateComplete;
        await frame();
        const replied = seen();
        for (const [name, box] of Object.entries({ empty, replied }))
          for (const key of ['width', 'height', 'below'] as const)
            expect(
              Math.abs(box[key] - consent[key]),
              `${key} ${name} (${box[key]}) vs consent (${consent[key]})`,
            ).to.be.at.most(2);
        // One default block size (no size from the page), and a row it is the item of is filled.
        expect(consent.height).to.equal(560);
        expect(consent.width, 'it fills its line').to.be.closeTo(page.clientWidth - 16, 1);
        await el.unload();
      });

  it('scripted engine: a fixed height is honoured: the log scrolls and the composer stays inside', async () => {
    await setViewport({ width: 360, height: 700 });
    const { el } = await inPage('a plain block', 'style="height: 300px"');
    el.engine = new ScriptedEngine({ replies: [{ text: WIDE_REPLY, tokenDelayMs: 0 }] });
    await el.send('show me');
    await el.updateComplete;
    const box = el.getBoundingClientRect();
    expect(box.height).to.be.closeTo(300, 0.5);
    expect($(el, '[part="base"]')!.getBoundingClientRect().bottom).to.be.at.most(box.bottom + 0.5);
    expect($(el, '[part="input"]')!.getBoundingClientRect().bottom).to.be.at.most(box.bottom);
    const log = $(el, '[part="messages"]')!;
    expect(log.scrollHeight).to.be.greaterThan(log.clientHeight);
  });

  it('scripted engine: a max-height and the --ai-chat-height custom property are honoured too', async () => {
    await setViewport({ width: 1280, height: 900 });
    const { el } = await inPage('a flex item with flex: 1', 'style="max-height: 320px"');
    el.engine = new ScriptedEngine();
    await el.updateComplete;
    expect(el.getBoundingClientRect().height).to.be.at.most(320.5);
    expect($(el, '[part="send-button"]')!.getBoundingClientRect().bottom).to.be.at.most(
      el.getBoundingClientRect().bottom,
    );
    el.style.cssText = '--ai-chat-height: 420px';
    expect(el.getBoundingClientRect().height).to.be.closeTo(420, 0.5);
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

  it('scripted engine: once wide, replies, user messages and the composer share one reading measure, centred', async () => {
    await setViewport({ width: 1280, height: 800 });
    const { el } = await inPage('a plain block');
    el.engine = new ScriptedEngine({ replies: [{ text: 'A reply. '.repeat(80) }] });
    await el.send('A question');
    await el.updateComplete;
    const box = el.getBoundingClientRect();
    const reply = $(el, '[part~="message-assistant"]')!.getBoundingClientRect();
    const user = $(el, '[part~="message-user"]')!.getBoundingClientRect();
    const composer = $(el, '.composer')!.getBoundingClientRect();
    expect(reply.width, '48 × the font size').to.be.closeTo(720, 1);
    expect(reply.left - box.left).to.be.closeTo(box.right - reply.right, 16); // centred (a scrollbar aside)
    expect(user.right, 'the user message ends where replies end').to.be.closeTo(reply.right, 1);
    expect(composer.left).to.be.closeTo(reply.left, 16);
    expect(composer.width).to.be.closeTo(720, 1);
  });
});
