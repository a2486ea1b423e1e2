import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import type { AiChat } from '../src/ai-chat.js';
import type { AiChatErrorEvent } from '../src/events.js';
import { markdownReady } from '../src/render/markdown-directive.js';
import {
  $,
  $$,
  record,
  SCRIPTED_WORKER,
  scriptedChat,
  ScriptedEngine,
  waitForStatus,
  waitUntil,
} from './helpers.js';

const MARKDOWN_REPLY = [
  '# Plan',
  '',
  'Some **bold** and a [link](https://example.com).',
  '',
  '- one',
  '- two',
  '',
  '| a | b |',
  '|---|---|',
  '| 1 | 2 |',
  '',
  '```js',
  'const answer = 42;',
  '```',
  '',
  'Done.',
].join('\n');

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
    const reached: string[] = [];
    for (let i = 0; i < 7; i++) {
      await sendKeys({ press: 'Tab' });
      const active = el.shadowRoot!.activeElement as HTMLElement | null;
      if (!active) break;
      const name = active.getAttribute('aria-label') ?? active.textContent!.trim();
      expect(name, `${active.localName} has a name`).to.not.equal('');
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

describe('<ai-chat> languages', () => {
  afterEach(() => document.documentElement.removeAttribute('lang'));
  const sendLabel = (el: AiChat) => $(el, '[part="send-button"]')!.textContent!.trim();

  it('lang on the element, an ancestor or the page picks Traditional Chinese; others get English', async () => {
    const table: Array<[string, string]> = [
      ['zh-TW', '傳送'],
      ['zh-Hant', '傳送'],
      ['zh-HK', '傳送'],
      ['zh-Hant-TW', '傳送'],
      ['zh-CN', 'Send'],
      ['fr', 'Send'],
      ['', 'Send'],
    ];
    for (const [lang, label] of table) {
      const el = await fixture<AiChat>(
        html`<ai-chat lang=${lang} .engine=${new ScriptedEngine()}></ai-chat>`,
      );
      expect(sendLabel(el), lang).to.equal(label);
    }
    const wrapper = await fixture<HTMLElement>(
      html`<div lang="zh-HK"><ai-chat .engine=${new ScriptedEngine()}></ai-chat></div>`,
    );
    const inner = wrapper.querySelector('ai-chat')!;
    await inner.updateComplete;
    expect(sendLabel(inner)).to.equal('傳送');
    expect($(inner, 'textarea')!.getAttribute('placeholder')).to.equal('問點什麼…');
    document.documentElement.lang = 'zh-Hant';
    const page = await fixture<AiChat>(html`<ai-chat .engine=${new ScriptedEngine()}></ai-chat>`);
    expect(sendLabel(page)).to.equal('傳送');
  });

  it('changing lang on the element re-renders, and strings overrides win', async () => {
    const { el } = await scriptedChat();
    el.lang = 'zh-TW';
    await el.updateComplete;
    expect(sendLabel(el)).to.equal('傳送');
    el.strings = { send: 'Envoyer' };
    await el.updateComplete;
    expect(sendLabel(el)).to.equal('Envoyer');
    expect($(el, '.empty')!.textContent!.trim()).to.equal('提出問題即可開始對話。');
  });

  it("scripted engine: errors show in the element's language; the event keeps the English words", async () => {
    const engine = new ScriptedEngine({ loadError: { name: 'DeviceLostError', message: 'Device was lost' } });
    const el = await fixture<AiChat>(html`<ai-chat lang="zh-TW" .engine=${engine}></ai-chat>`);
    const errors = record<AiChatErrorEvent>(el, 'ai-chat-error');
    await el.load().catch(() => undefined);
    await el.updateComplete;
    expect(errors[0]!.code).to.equal('device-lost');
    expect(errors[0]!.message).to.equal('The GPU device was lost: DeviceLostError: Device was lost');
    expect($(el, '[part="error"] p')!.textContent).to.equal(
      '顯示晶片停止運作了。請再試一次；關閉其他分頁可能有幫助。',
    );
    el.strings = { errorDeviceLost: 'GPU perdu.' };
    await el.updateComplete;
    expect($(el, '[part="error"] p')!.textContent).to.equal('GPU perdu.');
  });

  it('scripted engine: right-to-left text (Arabic, Hebrew) runs right to left in messages and the input', async () => {
    await markdownReady();
    const arabic = 'مرحبا، كيف حالك؟';
    const hebrew = 'שלום, מה שלומך?';
    const { el } = await scriptedChat({ replies: [{ text: `${hebrew}\n\nEnglish paragraph.` }] });
    await el.send(arabic);
    await el.updateComplete;
    const [user, assistant] = $$(el, '[part~="message"] .content');
    expect(getComputedStyle(user!).direction).to.equal('rtl');
    expect(getComputedStyle(assistant!).direction).to.equal('rtl');
    const paragraphs = [...assistant!.querySelectorAll('p')];
    expect(paragraphs.map((p) => getComputedStyle(p).unicodeBidi)).to.deep.equal(['plaintext', 'plaintext']);
    const textarea = $<HTMLTextAreaElement>(el, 'textarea')!;
    textarea.value = hebrew;
    expect(textarea.matches(':dir(rtl)')).to.equal(true);
    textarea.value = 'hello';
    expect(textarea.matches(':dir(ltr)')).to.equal(true);
  });
});

describe('<ai-chat> bad input to the element (scripted engine)', () => {
  it('scripted engine: a 100,000-character message is sent whole and shown whole', async () => {
    const { el, engine } = await scriptedChat({ replies: [{ text: 'received' }] });
    const text = 'lorem ipsum '.repeat(8334).slice(0, 100_000);
    const textarea = $<HTMLTextAreaElement>(el, 'textarea')!;
    textarea.value = text;
    $(el, '[part="send-button"]')!.click();
    await waitUntil(() => el.messages.length === 2);
    expect(engine.requests[0]!.messages.at(-1)!.content.length).to.equal(100_000);
    await el.updateComplete;
    expect($(el, '[part~="message-user"] .content')!.textContent!.length).to.equal(100_000);
    expect(textarea.value).to.equal('');
  });

  it('scripted engine: empty and blank input sends nothing', async () => {
    const { el, engine } = await scriptedChat();
    const textarea = $<HTMLTextAreaElement>(el, 'textarea')!;
    for (const value of ['', '   ', '\n\n\t']) {
      textarea.value = value;
      $(el, '[part="send-button"]')!.click();
      expect(await el.send(value)).to.equal(undefined);
    }
    await aTimeout(20);
    expect(engine.requests.length).to.equal(0);
    expect(el.messages).to.deep.equal([]);
  });

  it('scripted engine: rapid repeated clicks send once; Enter during the reply is refused and keeps the text, which Enter sends once the reply ends', async () => {
    const { el, engine } = await scriptedChat({
      replies: [{ text: 'slow '.repeat(30), tokenDelayMs: 10 }, { text: 'ok' }],
    });
    const textarea = $<HTMLTextAreaElement>(el, 'textarea')!;
    const errors = record<AiChatErrorEvent>(el, 'ai-chat-error');
    textarea.value = 'question';
    const send = $(el, '[part="send-button"]')!;
    for (let i = 0; i < 10; i++) send.click();
    await waitForStatus(el, 'generating');
    textarea.value = 'next question';
    await sendKeys({ press: 'Enter' }).catch(() => undefined);
    textarea.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(textarea.value).to.equal('next question');
    expect($(el, '.notice')!.textContent).to.match(/Wait for the reply/);
    await waitForStatus(el, 'ready');
    expect(engine.requests.length).to.equal(1);
    expect(el.messages.filter((m) => m.role === 'user').map((m) => m.content)).to.deep.equal(['question']);
    expect(errors).to.deep.equal([]);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => engine.requests.length === 2, 'the kept text sent');
    expect(engine.requests[1]!.messages.at(-1)).to.deep.equal({ role: 'user', content: 'next question' });
    expect(textarea.value).to.equal('');
  });

  it('scripted engine: many send() calls at once are queued and answered in order', async () => {
    const { el } = await scriptedChat({ tokenDelayMs: 1 });
    const replies = await Promise.all([1, 2, 3, 4, 5].map((n) => el.send(`m${n}`)));
    expect(replies.map((r) => r!.content)).to.deep.equal([
      'You said: m1',
      'You said: m2',
      'You said: m3',
      'You said: m4',
      'You said: m5',
    ]);
    expect(el.messages.map((m) => m.content)).to.deep.equal(
      [1, 2, 3, 4, 5].flatMap((n) => [`m${n}`, `You said: m${n}`]),
    );
  });
});
