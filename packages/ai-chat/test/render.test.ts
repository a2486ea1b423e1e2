import { expect, waitUntil } from '@open-wc/testing';
import { findBlockEnds, startScan } from '../src/render/blocks.js';
import { MarkdownView, renderMarkdown, type MarkdownOptions } from '../src/render/markdown.js';
import { isSafeUrl } from '../src/render/sanitize.js';
import { highlightWithin } from '../src/render/highlight.js';

const options: MarkdownOptions = {
  allowImages: false,
  copyLabel: 'Copy',
  copyName: 'Copy code',
  copiedLabel: 'Copied',
};

describe('pure: findBlockEnds', () => {
  const table: Array<[string, string, number[]]> = [
    ['one paragraph', 'hello world', []],
    ['paragraph still open after a blank line', 'a\n\n', []],
    ['two paragraphs: the first ends when the second line is complete', 'a\n\nb\n', [3]],
    ['a partial next line decides nothing yet', 'a\n\nb', []],
    ['blank lines inside a fence do not split', '```js\nx\n\ny\n', []],
    ['a closed fence ends at the next block', '```\nx\n\ny\n```\n\nz\n', [14]],
    ['tilde fence', '~~~\n\n\n~~~\n\nq\n', [11]],
    ['a shorter backtick run does not close a fence', '````\n```\n\nz\n', []],
    ['loose list items stay one block', '- a\n\n- b\n\nafter\n', [10]],
    ['ordered list items stay one block', '1. a\n\n2. b\n\nc\n', [12]],
    ['indented continuation stays in the list', '- a\n\n  more\n\nc\n', [13]],
    ['indented code stays with its block', 'p\n\n    code\n', []],
    ['heading then paragraph', '# T\n\ntext\n', [5]],
    ['table then paragraph', '| a | b |\n|---|---|\n| 1 | 2 |\n\nnext\n', [31]],
    ['three blocks', 'a\n\nb\n\nc\n', [3, 6]],
  ];
  for (const [name, text, ends] of table) it(name, () => expect(findBlockEnds(text)).to.deep.equal(ends));

  it('a resumed scan, fed one character at a time, finds the same ends as a fresh scan', () => {
    const text =
      '# T\n\npara\n\n- a\n\n- b\n  cont\n\n```js\nx\n\n```\n\n> q\n\n    code\n\n1. x\n2. y\n\nend\n';
    const scan = startScan();
    const found: number[] = [];
    for (let i = 1; i <= text.length; i++) found.push(...findBlockEnds(text.slice(0, i), 0, scan));
    expect(found).to.deep.equal(findBlockEnds(text));
    expect(found.length).to.be.greaterThan(5);
  });

  it('scans only from the open block', () => {
    const text = 'a\n\nb\n\nc\n';
    expect(findBlockEnds(text, 3)).to.deep.equal([6]);
  });
});

describe('pure: isSafeUrl', () => {
  const table: Array<[string, boolean]> = [
    ['https://example.com/a', true],
    ['http://example.com', true],
    ['mailto:a@b.c', true],
    ['/docs', true],
    ['#top', true],
    ['page.html?x=1:2', true],
    ['javascript:alert(1)', false],
    ['JaVaScRiPt:alert(1)', false],
    [' javascript:alert(1)', false],
    ['java\tscript:alert(1)', false],
    ['java\nscript:alert(1)', false],
    ['\u0001javascript:alert(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['vbscript:msgbox(1)', false],
    ['//evil.example/x', false],
  ];
  for (const [url, safe] of table)
    it(`${JSON.stringify(url)} → ${safe}`, () => expect(isSafeUrl(url)).to.equal(safe));
});

describe('Markdown rendering', () => {
  it('renders headings, emphasis, lists, links, tables, quotes, inline and fenced code', () => {
    const div = document.createElement('div');
    div.append(
      renderMarkdown(
        '# Title\n\n**bold** _em_ `code` [link](https://example.com)\n\n- one\n- two\n\n1. first\n\n> quote\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```js\nconst x = 1;\n```',
        options,
      ),
    );
    expect(div.querySelector('h1')!.textContent).to.equal('Title');
    expect(div.querySelector('strong')!.textContent).to.equal('bold');
    expect(div.querySelector('em')!.textContent).to.equal('em');
    expect(div.querySelector('p code')!.textContent).to.equal('code');
    expect(div.querySelectorAll('ul li').length).to.equal(2);
    expect(div.querySelector('ol li')!.textContent).to.equal('first');
    expect(div.querySelector('blockquote')!.textContent!.trim()).to.equal('quote');
    expect(div.querySelectorAll('td').length).to.equal(2);
    const a = div.querySelector('a')!;
    expect([a.getAttribute('href'), a.rel, a.target]).to.deep.equal([
      'https://example.com',
      'noopener noreferrer',
      '_blank',
    ]);
    const pre = div.querySelector('.code pre')!;
    expect(pre.getAttribute('data-lang')).to.equal('js');
    expect(pre.textContent).to.equal('const x = 1;');
    const copy = div.querySelector('.code button.copy')!;
    expect([copy.textContent, copy.getAttribute('aria-label'), copy.getAttribute('type')]).to.deep.equal([
      'Copy',
      'Copy code',
      'button',
    ]);
  });

  it('images show their alt text unless allowed, and then only http(s) sources', () => {
    const off = document.createElement('div');
    off.append(renderMarkdown('![a cat](https://example.com/cat.png)', options));
    expect(off.querySelector('img')).to.equal(null);
    expect(off.textContent).to.equal('a cat');
    const on = document.createElement('div');
    on.append(
      renderMarkdown('![a cat](https://example.com/cat.png) ![x](data:image/svg+xml,<svg/>)', {
        ...options,
        allowImages: true,
      }),
    );
    const images = [...on.querySelectorAll('img')];
    expect(images[0]!.getAttribute('src')).to.equal('https://example.com/cat.png');
    expect(images[0]!.getAttribute('referrerpolicy')).to.equal('no-referrer');
    expect(images.slice(1).every((img) => !img.hasAttribute('src'))).to.equal(true);
  });

  it('an unfinished code fence renders as code while it streams; an unfinished list as a list', () => {
    const container = document.createElement('div');
    const view = new MarkdownView(container, options, () => undefined);
    view.update('Here:\n\n```python\ndef f(x):\n    return', true);
    expect(container.querySelector('pre code')!.textContent).to.equal('def f(x):\n    return');
    expect(container.textContent).not.to.contain('```');
    view.update('Items:\n\n- one\n- tw', true);
    expect([...container.querySelectorAll('li')].map((li) => li.textContent)).to.deep.equal(['one', 'tw']);
  });

  it('finished blocks are rendered once: later tokens never touch them, only the open block', () => {
    const container = document.createElement('div');
    const finished: HTMLElement[] = [];
    const view = new MarkdownView(container, options, (block) => finished.push(block));
    let text = '';
    const tokens = '# Heading\n\nFirst paragraph.\n\n- a\n- b\n\nLast paragraph grows\nand grows'.match(
      /[\s\S]{1,3}/g,
    )!;
    let firstBlock: Element | undefined;
    const touched: Node[] = [];
    const observer = new MutationObserver((records) => records.forEach((r) => touched.push(r.target)));
    for (const token of tokens) {
      text += token;
      view.update(text, true);
      if (!firstBlock && finished.length === 1) {
        firstBlock = finished[0];
        observer.observe(container, {
          subtree: true,
          childList: true,
          characterData: true,
          attributes: true,
        });
      }
    }
    // The updates ran synchronously: their records are still queued, so take them before disconnecting.
    observer.takeRecords().forEach((r) => touched.push(r.target));
    observer.disconnect();
    expect(touched.length, 'mutations seen in the open block').to.be.greaterThan(0);
    // heading, first paragraph and the list are finished; the last paragraph is still open
    expect(finished.length).to.equal(3);
    view.update(text, false);
    expect(finished.length).to.equal(4);
    expect(container.contains(firstBlock!)).to.equal(true);
    expect(firstBlock!.querySelector('h1')!.textContent).to.equal('Heading');
    // Mutations happened only in the open block or as finished blocks were appended to the container.
    expect(
      touched.some((node) => firstBlock!.contains(node)),
      'a finished block was touched',
    ).to.equal(false);
    expect(container.querySelectorAll('h1').length).to.equal(1);
    expect(container.textContent!.replace(/\s+/g, ' ')).to.contain('Last paragraph grows');
  });

  it('an open code fence grows by appending text, not by parsing the block again, and closes into a finished block', () => {
    const container = document.createElement('div');
    const view = new MarkdownView(container, options, () => undefined);
    let text = 'Intro.\n\n```python\n';
    view.update(text, true);
    const code = container.querySelector('pre[data-lang="python"] code')!;
    for (let i = 0; i < 50; i++) {
      text += `print(${i}) # <b>not bold</b>\n`;
      view.update(text, true);
      expect(container.querySelector('pre code'), 'the same code element').to.equal(code);
    }
    expect(code.textContent!.split('\n').length).to.equal(51);
    expect(code.querySelector('b')).to.equal(null);
    expect(container.querySelector('.code button.copy')).to.exist;
    text += '```\n\nAfter the code.';
    view.update(text, true);
    view.update(text, false);
    expect(container.querySelectorAll('pre').length).to.equal(1);
    expect(container.querySelector('pre code')!.textContent).to.equal(
      Array.from({ length: 50 }, (_, i) => `print(${i}) # <b>not bold</b>`).join('\n'),
    );
    expect(container.textContent).to.contain('After the code.');
    expect(container.textContent).not.to.contain('```');
  });

  it('a text that is replaced rather than grown is rendered afresh', () => {
    const container = document.createElement('div');
    const view = new MarkdownView(container, options, () => undefined);
    view.update('first text\n\nmore\n', false);
    view.update('other', false);
    expect(container.textContent).to.equal('other');
  });

  it('highlighting marks up known languages with sanitized spans only', () => {
    const div = document.createElement('div');
    div.append(renderMarkdown('```js\nconst a = "<img src=x onerror=alert(1)>";\n```', options));
    highlightWithin(div);
    const code = div.querySelector('code')!;
    expect(code.dataset.highlighted).to.equal('js');
    expect(code.querySelector('.hljs-keyword')!.textContent).to.equal('const');
    expect(code.querySelector('img')).to.equal(null);
    expect(code.textContent).to.equal('const a = "<img src=x onerror=alert(1)>";');
  });

  it('the copy button puts the code on the clipboard', async () => {
    const container = document.createElement('div');
    document.body.append(container);
    const view = new MarkdownView(container, options, () => undefined);
    view.update('```\nnpm install ai-chat\n```', false);
    const button = container.querySelector<HTMLButtonElement>('button.copy')!;
    let written: string | undefined;
    const clipboard = navigator.clipboard;
    const original = clipboard.writeText;
    clipboard.writeText = (text: string) => ((written = text), Promise.resolve());
    try {
      button.click();
      await waitUntil(() => button.textContent === 'Copied', 'the button says Copied');
    } finally {
      clipboard.writeText = original;
      container.remove();
    }
    expect(written).to.equal('npm install ai-chat');
  });
});
