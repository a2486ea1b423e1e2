import { expect } from '@open-wc/testing';
import { markdownReady } from '../src/render/markdown-directive.js';
import { $, MARKDOWN_REPLY, scriptedChat, waitUntil } from './helpers.js';

describe('<ai-chat> conversation: Markdown (scripted engine)', () => {
  before(() => markdownReady());

  it('scripted engine: a Markdown reply renders as headings, lists, tables, links and highlighted code with a copy button', async () => {
    const { el } = await scriptedChat({ replies: [{ text: MARKDOWN_REPLY, tokenDelayMs: 1 }] });
    await el.send('plan?');
    await el.updateComplete;
    const reply = $(el, '[part~="message-assistant"] .content')!;
    expect(reply.classList.contains('markdown')).to.equal(true);
    expect(reply.querySelector('h1')!.textContent).to.equal('Plan');
    expect(reply.querySelectorAll('li').length).to.equal(2);
    expect(reply.querySelectorAll('td').length).to.equal(2);
    expect(reply.querySelector('a')!.getAttribute('rel')).to.equal('noopener noreferrer');
    // The look of replies arrives with the Markdown chunk.
    expect(getComputedStyle(reply.querySelector('pre')!).overflowX).to.equal('auto');
    const copy = reply.querySelector('button.copy')!;
    expect(copy.getAttribute('aria-label')).to.equal('Copy code');
    await waitUntil(() => reply.querySelector('code[data-highlighted]'), 'code highlighted later');
    expect(reply.querySelector('.hljs-keyword')!.textContent).to.equal('const');
    expect(el.messages[1]!.content).to.equal(MARKDOWN_REPLY);
  });

  it('scripted engine: mid-stream, an open code fence already shows as code', async () => {
    const { el } = await scriptedChat({
      replies: [
        {
          text: 'Code:\n\n```python\ndef f():\n    return 1\n' + 'x = 1\n'.repeat(40) + '```',
          tokenDelayMs: 15,
        },
      ],
    });
    const done = el.send('code');
    await waitUntil(
      () => $(el, '[data-streaming] pre code')?.textContent?.includes('return 1'),
      'code while streaming',
    );
    expect($(el, '[data-streaming] .content')!.textContent).not.to.contain('```');
    el.stop();
    await done;
  });

  it('scripted engine: the draft turns into the final message without rendering it again', async () => {
    // The Markdown chunk first (a plain-text draft has no blocks), and a tail long enough to be
    // still streaming when the first blocks are seen, however busy the machine.
    await markdownReady();
    const { el } = await scriptedChat({
      replies: [
        // Slow enough that the finished block is seen while the reply still streams (it renders at
        // most every 32 ms).
        { text: 'First block.\n\nSecond block.\n\nThird block and more words to come', tokenDelayMs: 40 },
      ],
    });
    const done = el.send('go');
    await waitUntil(
      () => ($(el, '[data-streaming] .content')?.children.length ?? 0) >= 2,
      'a finished block',
      { interval: 10, timeout: 10000 },
    );
    const firstBlock = $(el, '[data-streaming] .content')!.firstElementChild!;
    await done;
    await el.updateComplete;
    const final = $(el, '[part~="message-assistant"] .content')!;
    expect(final.firstElementChild).to.equal(firstBlock);
    expect(final.textContent).to.contain('Third');
  });
});
