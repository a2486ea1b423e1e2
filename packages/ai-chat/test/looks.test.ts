import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { AiChat } from '../src/ai-chat.js';
import { markdownReady } from '../src/render/markdown-directive.js';
import { $, $$, scriptedChat, ScriptedEngine, waitForStatus } from './helpers.js';

const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));

describe('<ai-chat> looks and controls (scripted engine)', () => {
  before(() => markdownReady());

  it('scripted engine: a typing indicator until the first token, then a caret while the reply streams', async () => {
    const { el } = await scriptedChat({
      replies: [{ text: 'Hello there, friend of mine', firstTokenDelayMs: 400, tokenDelayMs: 60 }],
    });
    const done = el.send('hi');
    await waitUntil(() => $(el, '[data-streaming] .typing'), 'typing indicator');
    const typing = $(el, '[data-streaming] .typing')!;
    expect(typing.textContent).to.contain('The assistant is writing');
    expect(getComputedStyle(typing.querySelector('.dot')!).width).to.equal('7px');
    await waitUntil(() => $(el, '[data-streaming] .content')?.textContent?.includes('Hello'), 'first token');
    expect($(el, '.typing')).to.equal(null);
    await frame();
    const last =
      $(el, '[data-streaming] .content [data-open="true"] > p:last-child') ??
      $(el, '[data-streaming] .content');
    expect(getComputedStyle(last!, '::after').content, 'caret').to.equal('""');
    expect(getComputedStyle(last!, '::after').width).not.to.equal('auto');
    await done;
    await el.updateComplete;
    expect($(el, '[data-streaming]')).to.equal(null);
  });

  it('scripted engine: the composer grows with its text up to a limit, without a resize grip', async () => {
    const { el } = await scriptedChat();
    const textarea = $<HTMLTextAreaElement>(el, 'textarea')!;
    const one = textarea.getBoundingClientRect().height;
    textarea.focus();
    for (let i = 0; i < 5; i++) {
      await sendKeys({ type: `line ${i}` });
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Enter' });
      await sendKeys({ up: 'Shift' });
    }
    await sendKeys({ type: 'line 6' });
    const six = textarea.getBoundingClientRect().height;
    expect(six, 'six lines are taller than one').to.be.greaterThan(one * 3);
    expect(textarea.scrollHeight - textarea.clientHeight, 'all six lines visible').to.be.at.most(1);
    expect(getComputedStyle(textarea).resize).to.equal('none');
    for (let i = 0; i < 20; i++) {
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Enter' });
      await sendKeys({ up: 'Shift' });
    }
    const capped = textarea.getBoundingClientRect().height;
    expect(capped, 'stops at its limit').to.be.at.most(
      parseFloat(getComputedStyle(textarea).maxHeight) + 0.5,
    );
    await sendKeys({ press: 'Enter' });
    await waitForStatus(el, 'ready');
    await waitUntil(() => textarea.getBoundingClientRect().height === one, 'back to one line after sending');
  });

  it('scripted engine: Send and Stop have the same box, so nothing moves when they swap', async () => {
    const { el } = await scriptedChat({ replies: [{ text: 'x '.repeat(40), tokenDelayMs: 20 }] });
    const within = (part: string) => {
      const box = $(el, `[part="${part}"]`)!.getBoundingClientRect();
      const form = $(el, '.composer')!.getBoundingClientRect();
      return [box.x - form.x, box.y - form.y, box.width, box.height];
    };
    const send = within('send-button');
    const input = $(el, '[part="input"]')!.getBoundingClientRect();
    const done = el.send('go');
    await waitUntil(() => $(el, '[part="stop-button"]'));
    expect(within('stop-button')).to.deep.equal(send);
    expect($(el, '[part="input"]')!.getBoundingClientRect().width).to.equal(input.width);
    el.stop();
    await done;
  });

  it('scripted engine: task lists show as read-only checkboxes named by their text', async () => {
    const { el } = await scriptedChat({
      replies: [{ text: 'Plan:\n\n- [x] write the tests\n- [ ] ship it\n- plain item' }],
    });
    await el.send('plan');
    await waitUntil(() => $$(el, '[role="checkbox"]').length === 2, 'two checkboxes');
    const boxes = $$(el, '[role="checkbox"]');
    expect(
      boxes.map((b) => [
        b.getAttribute('aria-checked'),
        b.textContent!.trim(),
        b.getAttribute('aria-disabled'),
      ]),
    ).to.deep.equal([
      ['true', 'write the tests', 'true'],
      ['false', 'ship it', 'true'],
    ]);
    const box = boxes[0]!.querySelector('.box')!;
    expect(getComputedStyle(box).borderTopStyle).to.equal('solid');
    expect($$(el, '.markdown li').at(-1)!.querySelector('[role="checkbox"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('scripted engine: code blocks carry their language and a copy button in a bar above the code', async () => {
    const { el } = await scriptedChat({ replies: [{ text: '```python\nprint("hi")\n```' }] });
    await el.send('code');
    await waitUntil(() => $(el, '.markdown .code'));
    const bar = $(el, '.code .code-bar')!;
    expect(bar.querySelector('.lang')!.textContent).to.equal('python');
    expect(bar.querySelector('button.copy')).to.exist;
    const pre = $(el, '.code pre')!;
    expect(pre.getBoundingClientRect().top).to.be.at.least(bar.getBoundingClientRect().bottom - 0.5);
    expect(parseFloat(getComputedStyle(pre).paddingTop)).to.be.below(16);
  });

  it('scripted engine: "Copy reply" puts the reply\'s Markdown on the clipboard', async () => {
    const { el } = await scriptedChat({ replies: [{ text: 'The **answer** is 42.' }] });
    await el.send('question');
    await el.updateComplete;
    let written: string | undefined;
    const clipboard = navigator.clipboard;
    const original = clipboard.writeText;
    clipboard.writeText = (text: string) => ((written = text), Promise.resolve());
    try {
      $(el, '[aria-label="Copy reply"]')!.click();
      await waitUntil(() => written !== undefined, 'clipboard written');
    } finally {
      clipboard.writeText = original;
    }
    expect(written).to.equal('The **answer** is 42.');
    expect($(el, '[aria-label="Copy reply"]')!.hasAttribute('data-copied')).to.equal(true);
  });

  it('scripted engine: "Regenerate" replaces the last reply with a new one for the same question, and focus goes to the input', async () => {
    const { el, engine } = await scriptedChat({
      replies: [{ text: 'first try' }, { text: 'second try', tokenDelayMs: 10 }],
    });
    await el.send('question');
    await el.updateComplete;
    expect($$(el, '[data-action="regenerate"]').length).to.equal(1);
    $(el, '[data-action="regenerate"]')!.click();
    await waitUntil(() => engine.requests.length === 2, 'asked again');
    await waitForStatus(el, 'ready');
    await el.updateComplete;
    expect(el.messages).to.deep.equal([
      { role: 'user', content: 'question' },
      { role: 'assistant', content: 'second try' },
    ]);
    expect(engine.requests.length).to.equal(2);
    expect(engine.requests[1]!.messages.at(-1)).to.deep.equal({ role: 'user', content: 'question' });
    expect(el.shadowRoot!.activeElement).to.equal($(el, 'textarea'));
  });

  it('scripted engine: the stats line is off by default and, with show-stats, a muted line with a rating chip, hidden while a reply streams', async () => {
    const { el } = await scriptedChat({
      replies: [{ text: 'a b c' }, { text: 'd '.repeat(30), tokenDelayMs: 15 }],
    });
    await el.send('one');
    await el.updateComplete;
    expect($(el, '[part="stats"]')).to.equal(null);
    el.showStats = true;
    await el.updateComplete;
    const stats = $(el, '[part="stats"]')!;
    const chip = stats.querySelector('.chip')!;
    expect(['Excellent', 'Good', 'Fair', 'Slow']).to.include(chip.textContent!.trim());
    expect(stats.textContent).to.match(/tokens\/s/);
    expect(getComputedStyle(stats).color).to.equal(getComputedStyle($(el, '.notice') ?? stats).color);
    const next = el.send('two');
    await waitForStatus(el, 'generating');
    await el.updateComplete;
    expect($(el, '[part="stats"]'), 'cleared while the reply streams').to.equal(null);
    await next;
    await el.updateComplete;
    expect($(el, '[part="stats"]')).to.exist;
  });

  it('scripted engine: right to left, the stats line keeps each figure whole and runs right to left; the rating is localized', async () => {
    const engine = new ScriptedEngine({ replies: [{ text: 'a b c d' }] });
    const wrap = await fixture<HTMLDivElement>(
      html`<div dir="rtl"><ai-chat show-stats .engine=${engine}></ai-chat></div>`,
    );
    const el = wrap.firstElementChild as AiChat;
    el.strings = {
      statsSpeed: '{tps} رمز/ث',
      ratingGood: 'جيد',
      ratingExcellent: 'ممتاز',
      ratingAcceptable: 'مقبول',
      ratingSlow: 'بطيء',
    };
    await el.send('مرحبا');
    await el.updateComplete;
    const parts = [...$(el, '[part="stats"]')!.children] as HTMLElement[];
    expect(parts.length).to.equal(3);
    expect(['ممتاز', 'جيد', 'مقبول', 'بطيء']).to.include(parts[0]!.textContent!.trim());
    expect(parts[1]!.textContent).to.equal(`${el.stats!.tokensPerSecond!.toFixed(1)} رمز/ث`);
    expect(parts[2]!.textContent).to.equal(`first token in ${Math.round(el.stats!.ttftMs)} ms`);
    for (const part of parts) expect(getComputedStyle(part).unicodeBidi, part.className).to.equal('isolate');
    const rights = parts.map((p) => p.getBoundingClientRect().right);
    expect(rights[0]).to.be.greaterThan(rights[1]!);
    expect(rights[1]).to.be.greaterThan(rights[2]!);
  });

  it('scripted engine: "Jump to latest" appears when the reader scrolls up, and brings them back', async () => {
    const { el } = await scriptedChat({ replies: [{ text: 'line\n\n'.repeat(60), tokenDelayMs: 0 }] });
    el.style.setProperty('--ai-chat-max-height', '200px');
    let flashed = false; // the control never shows while the log follows the reply
    const watch = new MutationObserver(() => (flashed ||= !!$(el, '.jump')));
    watch.observe(el.shadowRoot!, { childList: true, subtree: true });
    await el.send('long');
    await el.updateComplete;
    await new Promise(requestAnimationFrame); // the log scrolls in the next frame
    watch.disconnect();
    expect(flashed, '"Jump to latest" while following the reply').to.equal(false);
    expect($(el, '.jump')).to.equal(null);
    const log = $(el, '[part="messages"]')!;
    log.scrollTo({ top: 0, behavior: 'instant' });
    await waitUntil(() => $(el, '.jump'), 'the jump control');
    expect($(el, '.jump')!.textContent).to.contain('Jump to latest');
    $(el, '.jump')!.click();
    await waitUntil(() => !$(el, '.jump'), 'gone at the bottom');
    expect(log.scrollHeight - log.scrollTop - log.clientHeight).to.be.at.most(2);
    expect(el.shadowRoot!.activeElement).to.equal($(el, 'textarea'));
  });
});
