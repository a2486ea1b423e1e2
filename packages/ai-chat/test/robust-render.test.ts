import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { AiChat } from '../src/ai-chat.js';
import type { AiChatErrorEvent } from '../src/events.js';
import { checkLocale } from '../src/i18n/check.js';
import { $, $$, record, ScriptedEngine, visibleMessages } from './helpers.js';

const stars = `${'*'.repeat(2000)}x${'*'.repeat(2000)}`;
const quotes = `${'>'.repeat(2000)} deep`;

async function chat(replies: string[]) {
  const engine = new ScriptedEngine({ replies: replies.map((text) => ({ text: [text] })) });
  return fixture<AiChat>(html`<ai-chat .engine=${engine}></ai-chat>`);
}

describe('nothing a model writes or a page sets stops rendering (scripted engine)', () => {
  for (const [name, nested] of [
    ['2000 nested * around a word', stars],
    ['a line of 2000 >', quotes],
  ] as const) {
    it(`scripted engine: a reply of ${name} shows as plain text and the next reply renders as Markdown`, async () => {
      const el = await chat([nested, 'after **bold**']);
      await el.send('first');
      await el.updateComplete;
      await waitUntil(() => visibleMessages(el)[1] === nested, 'the nested reply shows, as plain text');
      await el.send('second');
      await waitUntil(
        () => $(el, '[data-role="assistant"]:last-of-type strong') !== null,
        'next reply renders',
      );
      expect(visibleMessages(el)).to.deep.equal(['first', nested, 'second', 'after bold']);
      expect($$(el, '[data-role="assistant"] .content')[0]!.children.length, 'plain text, no HTML').to.equal(
        0,
      );
    });
  }

  it('scripted engine: a restored conversation holding a 2000-deep nested reply renders every message', async () => {
    const el = await chat([]);
    el.messages = [
      { role: 'user', content: 'q' },
      { role: 'assistant', content: stars },
      { role: 'user', content: 'later' },
      { role: 'assistant', content: '*fine*' },
    ];
    await el.updateComplete;
    await waitUntil(() => $(el, '[data-role="assistant"] em') !== null, 'the later reply renders');
    expect(visibleMessages(el)).to.deep.equal(['q', stars, 'later', 'fine']);
  });

  it('scripted engine: lang set to a number from code gets invalid-attribute and the element keeps rendering', async () => {
    const el = await chat([]);
    const errors = record<AiChatErrorEvent>(el, 'ai-chat-error');
    (el as unknown as { lang: unknown }).lang = 5;
    await el.updateComplete;
    expect(errors.map((e) => e.code)).to.deep.equal(['invalid-attribute']);
    expect(errors[0]!.message).to.contain('lang=5');
    await el.send('still rendering');
    await el.updateComplete;
    expect(visibleMessages(el)).to.deep.equal(['still rendering', 'You said: still rendering']);
    expect($(el, 'button[part="send-button"]')!.textContent!.trim()).to.equal('Send');
  });

  it('scripted engine: a non-string value in strings gets invalid-attribute and the default text; other strings apply', async () => {
    const el = await chat([]);
    const errors = record<AiChatErrorEvent>(el, 'ai-chat-error');
    el.showStats = true;
    el.strings = { statsSpeed: 9, send: 'Envoyer' } as unknown as AiChat['strings'];
    await el.updateComplete;
    expect(errors.map((e) => e.code)).to.deep.equal(['invalid-attribute']);
    expect(errors[0]!.message).to.contain('strings.statsSpeed');
    await el.send('hello');
    await el.updateComplete;
    expect($(el, '[part="stats"]')!.textContent).to.match(/tokens\/s/);
    expect($(el, 'button[part="send-button"]')!.textContent!.trim()).to.equal('Envoyer');
    expect(visibleMessages(el)).to.deep.equal(['hello', 'You said: hello']);
  });
});

describe('pure: checkLocale', () => {
  const table: Array<[string, unknown, unknown, Record<string, unknown>, number]> = [
    ['a tag and texts pass', 'zh-TW', { send: 'Go' }, {}, 0],
    ['no lang, no strings pass', undefined, undefined, { strings: {} }, 0],
    ['a number for lang', 5, {}, { lang: undefined }, 1],
    ['an object for lang', { a: 1 }, {}, { lang: undefined }, 1],
    [
      'a number in strings is dropped, the rest kept',
      'en',
      { statsLine: 9, send: 'Go' },
      { strings: { send: 'Go' } },
      1,
    ],
    ['two bad values, two problems', 'en', { a: null, b: [] }, { strings: {} }, 2],
    ['strings not an object', 'en', 'hello', { strings: {} }, 1],
    ['strings an array', 'en', ['x'], { strings: {} }, 1],
  ];
  for (const [name, lang, strings, replace, problems] of table)
    it(name, () => {
      const check = checkLocale(lang, strings);
      expect(check.replace).to.deep.equal(replace);
      expect(check.problems.length).to.equal(problems);
    });
});
