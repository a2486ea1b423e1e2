// 6. Cost that must not grow with what came before. Each in a fresh page, main-thread busy as in
// the streaming measure (ScriptDuration + RecalcStyleDuration + LayoutDuration deltas):
// - burst: a first reply of N chunks delivered at once (no event-loop turn between them, as a
//   buffering proxy delivers them), on a cold element (its Markdown code not loaded yet);
// - turns: a conversation of N short turns; busy per turn over the first and the last tenth;
// - restore: N messages shown at once (a restored conversation);
// - paste: one user message of 1 MB (a paste), sent, answered and painted.
import { delta, freshPage, mainThread } from './browser.mjs';
import { replyTokens } from './markdown.mjs';

const RESTORE_LIMIT_MS = 120_000;

async function open(browser, origin, kind) {
  const session = await freshPage(browser);
  await session.page.goto(`${origin}/page/drive-${kind}.html`, { waitUntil: 'load' });
  await session.page.waitForFunction(() => window.bench !== undefined, { timeout: 20_000 });
  await session.page.evaluate(() => window.bench.mount());
  return session;
}

/**
 * Busy (and parts), long tasks and wall time of `work` (a page function with `args`), including
 * whatever code it made the page load and run (a cold element's Markdown chunk): until the network
 * has been idle for 300 ms and two more frames have been painted.
 */
async function cost({ page, cdp }, work, ...args) {
  await page.evaluate(() => window.bench.watch());
  const before = await mainThread(cdp);
  const wall = Date.now();
  await page.evaluate(work, ...args);
  const wallMs = Date.now() - wall;
  await page.waitForNetworkIdle({ idleTime: 300 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const after = await mainThread(cdp);
  const frames = await page.evaluate(() => window.bench.unwatch());
  return { ...delta(after, before), ...frames, wallMs };
}

export async function measureBurst({ browser, origin, kind, chunks }) {
  const session = await open(browser, origin, kind);
  try {
    const tokens = replyTokens(chunks, chunks + 1);
    const out = await cost(session, (t) => window.bench.reply(t, 'burst'), tokens);
    const shown = await session.page.evaluate(() => window.bench.lastReplyText().length);
    const sent = tokens.join('').length;
    if (shown < sent / 2) session.errors.push(`burst of ${chunks}: ${shown} of ${sent} characters shown`);
    return { ...out, errors: session.errors };
  } finally {
    await session.close();
  }
}

/** A short reply of ~20 chunks. */
function shortReply(seed) {
  const words = replyTokens(120, seed);
  const chunks = [];
  for (let i = 0; i < words.length; i += 6) chunks.push(words.slice(i, i + 6).join(''));
  return chunks;
}

export async function measureTurns({ browser, origin, kind, turns }) {
  const session = await open(browser, origin, kind);
  try {
    const replies = Array.from({ length: 8 }, (_, i) => shortReply(2000 + i));
    const run = (from, to) =>
      cost(
        session,
        async (replies, from, to) => {
          for (let i = from; i < to; i++)
            await window.bench.reply(replies[i % replies.length], 0, `turn ${i}`);
        },
        replies,
        from,
        to,
      );
    const tenth = Math.max(1, Math.round(turns / 10));
    const first = await run(0, tenth);
    const middle = await run(tenth, turns - tenth);
    const last = await run(turns - tenth, turns);
    const messages = await session.page.evaluate(() => window.bench.messageCount());
    if (messages < turns * 2) session.errors.push(`turns: ${messages} messages after ${turns} turns`);
    return {
      firstPerTurn: first.busy / tenth,
      lastPerTurn: last.busy / tenth,
      busy: first.busy + middle.busy + last.busy,
      wallMs: first.wallMs + middle.wallMs + last.wallMs,
      messages,
      errors: session.errors,
    };
  } finally {
    await session.close();
  }
}

export async function measureRestore({ browser, origin, kind, count }) {
  const session = await open(browser, origin, kind);
  try {
    const text = 'A restored message with **some** Markdown, a [link](https://example.com) and `code`.';
    // A renderer that takes minutes is reported as over the limit rather than waited for.
    let timer;
    const limit = new Promise((resolve) => (timer = setTimeout(resolve, RESTORE_LIMIT_MS, 'over')));
    const work = cost(session, (n, t) => window.bench.restore(n, t), count, text);
    work.catch(() => undefined); // when over the limit, closing the page ends it
    const out = await Promise.race([work, limit]);
    clearTimeout(timer);
    if (out === 'over')
      return { busy: NaN, wallMs: Infinity, overLimitMs: RESTORE_LIMIT_MS, errors: session.errors };
    const messages = await session.page.evaluate(() => window.bench.messageCount());
    if (messages < count) session.errors.push(`restore: ${messages} of ${count} messages`);
    return { ...out, errors: session.errors };
  } finally {
    await session.close();
  }
}

export async function measurePaste({ browser, origin, kind, bytes }) {
  const session = await open(browser, origin, kind);
  try {
    await session.page.evaluate(() => window.bench.reply(['Warm.'], 0));
    const line = 'A pasted line of a long log file, with words and 12345 numbers.\n';
    const text = line.repeat(Math.ceil(bytes / line.length)).slice(0, bytes);
    const out = await cost(session, (t) => window.bench.reply(['Got it.'], 0, t), text);
    return { ...out, errors: session.errors };
  } finally {
    await session.close();
  }
}
