import { expect, fixture, html } from '@open-wc/testing';
import type { AiChat } from '../src/ai-chat.js';
import { tooCostly } from '../src/render/bounds.js';
import { MARKDOWN_REPLY, ScriptedEngine, waitUntil } from './helpers.js';
import { persisted, storeRaw, uniqueKey } from './persist-helpers.js';

// Rendering whose cost is bounded per block: huge messages render in slices, blocks too long, too
// deep or with too many rows show as their text. Each case is measured: the longest task the page
// ran while the element rendered it (PerformanceObserver `longtask`, tasks over 50 ms). A block
// shown as text stays under 200 ms; a restore of megabytes is checked for its slices (no task over
// a quarter of the whole), which holds however busy the machine's cores are, and its longest task
// is logged. Scripted engine, real IndexedDB, real DOM and layout.
const LONGEST_MS = 200;

/** The longest task while `run` and the rendering it starts go on, until `done` holds. */
async function longestTask(run: () => Promise<unknown>, done: () => boolean, what: string) {
  const tasks: number[] = [];
  const observer = new PerformanceObserver((list) =>
    list.getEntries().forEach((e) => tasks.push(e.duration)),
  );
  observer.observe({ type: 'longtask' });
  const started = performance.now();
  try {
    await run();
    await waitUntil(done, `${what} rendered whole`, { timeout: 120_000, interval: 100 });
    // Let the last frame's tasks be reported.
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
  } finally {
    observer.disconnect();
  }
  const longest = Math.round(Math.max(0, ...tasks));
  const total = Math.round(performance.now() - started);
  console.log(
    `${what}: rendered in ${total} ms, longest task ${longest} ms (${tasks.length} tasks over 50 ms)`,
  );
  return { longest, total };
}

const lastReply = (el: AiChat) =>
  el.shadowRoot!.querySelector<HTMLElement>('[data-role="assistant"]:last-of-type .content');
/** The reply's text is all on the page (its last words are in the DOM). */
const shows = (el: AiChat, ending: string) => () =>
  (lastReply(el)?.textContent ?? '').trimEnd().endsWith(ending);

const markdown = (bytes: number) => {
  let text = '';
  for (let i = 0; text.length < bytes; i++) text += `${MARKDOWN_REPLY.replace('# Plan', `# Plan ${i}`)}\n\n`;
  return `${text}The end.`;
};
const lines = (bytes: number) =>
  `${'a line of a pasted log, kept as it was written\n'.repeat(bytes / 47)}The end.`;
const nested = (depth: number) =>
  `${Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- level ${i} ${'x'.repeat(Math.max(0, 1000 - 2 * i))}`).join('\n')}\n\nThe end.`;
const table = (rows: number) =>
  `| n | name | value |\n|---|---|---|\n${Array.from({ length: rows }, (_, i) => `| ${i} | row ${i} | ${i * 7} |`).join('\n')}\n\nThe end.`;

describe('rendering bounded per block (scripted engine, real layout)', function () {
  this.timeout(180_000);

  it('scripted engine: a stored conversation with a 3 MB message and 100 KB of Markdown (3,000 blocks) restores in slices: no task over a quarter of the whole, all of it shown', async () => {
    const key = uniqueKey();
    const big = lines(3e6);
    const rich = markdown(1e5);
    const plans = rich.split('# Plan ').length - 1;
    await storeRaw(key, {
      version: 1,
      savedAt: Date.now(),
      messages: [
        { id: 'q1', role: 'user', content: 'the log?' },
        { id: 'a1', role: 'assistant', content: big },
        { id: 'q2', role: 'user', content: 'the plan?' },
        { id: 'a2', role: 'assistant', content: rich },
      ],
    });
    let el: AiChat | undefined;
    const { longest, total } = await longestTask(
      async () => (el = await persisted(key)),
      () =>
        !!el && shows(el, 'The end.')() && el.shadowRoot!.querySelectorAll('.content h1').length === plans,
      'restoring 3 MB of lines + 100 KB of Markdown',
    );
    expect(longest, `the longest task of ${total} ms of restoring`).to.be.below(total / 4);
    const replies = el!.shadowRoot!.querySelectorAll<HTMLElement>('[data-role="assistant"] .content');
    expect(replies[0]!.textContent!.length).to.be.at.least(big.length - 10);
    // The Markdown is Markdown: every block parsed, in order.
    const headings = [...replies[1]!.querySelectorAll('h1')].map((h) => h.textContent);
    expect(headings.slice(0, 3)).to.deep.equal(['Plan 0', 'Plan 1', 'Plan 2']);
    expect(headings.length).to.equal(plans);
  });

  for (const [what, reply, ending] of [
    ['a 1,000-level nested list (1 MB)', nested(1000), 'The end.'],
    ['a 10,000-row table', table(10_000), 'The end.'],
  ] as const)
    it(`scripted engine: a reply with ${what} shows as its text: longest task under 200 ms; the next reply is Markdown`, async () => {
      const engine = new ScriptedEngine({ replies: [{ text: [reply] }, { text: ['after **bold**'] }] });
      const el = await fixture<AiChat>(html`<ai-chat .engine=${engine}></ai-chat>`);
      const { longest } = await longestTask(() => el.send('go'), shows(el, ending), what);
      expect(longest).to.be.below(LONGEST_MS);
      expect(lastReply(el)!.textContent).to.contain(reply.split('\n')[2]!.trim());
      await el.send('next');
      await waitUntil(() => lastReply(el)?.querySelector('strong'), 'the next reply renders as Markdown');
    });
});

describe('pure: tooCostly (what one block may cost)', () => {
  const table_: Array<[string, string, ReturnType<typeof tooCostly>]> = [
    ['a paragraph', 'Some **bold** text.', undefined],
    ['a 32,001-character block', 'x'.repeat(32_001), 'long'],
    ['a list 16 levels deep', nested(17).split('\n\n')[0]!.slice(0, 20_000), undefined],
    [
      'a list 17 levels deep',
      Array.from({ length: 18 }, (_, i) => `${'  '.repeat(i)}- ${i}`).join('\n'),
      'deep',
    ],
    ['16 quotes', `${'>'.repeat(16)} q`, undefined],
    ['17 quotes, spaced', `${'> '.repeat(17)}q`, 'deep'],
    ['a table of 1,000 rows', table(1000).split('\n\n')[0]!, undefined],
    ['a table of 1,001 rows', table(1001).split('\n\n')[0]!, 'rows'],
  ];
  for (const [name, source, expected] of table_)
    it(`${name} → ${expected ?? 'parsed'}`, () => expect(tooCostly(source)).to.equal(expected));
});
