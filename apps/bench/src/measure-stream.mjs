// 2. Streaming cost: the same scripted Markdown stream at a fixed pace, one reply per length on an
// empty conversation. Main-thread busy time = deltas of the DevTools protocol's ScriptDuration +
// RecalcStyleDuration + LayoutDuration over the reply; long tasks from a 'longtask'
// PerformanceObserver; the longest gap between two animation frames from a rAF loop.
import { delta, freshPage, mainThread } from './browser.mjs';
import { replyTokens } from './markdown.mjs';

export async function measureStream({ browser, origin, kind, lengths, tokenDelayMs }) {
  const { page, cdp, errors, close } = await freshPage(browser);
  try {
    await page.goto(`${origin}/page/drive-${kind}.html`, { waitUntil: 'load' });
    await page.waitForFunction(() => window.bench !== undefined, { timeout: 20_000 });
    await page.evaluate(() => window.bench.mount());
    // Warm-up reply (JIT, fonts, first layout), not measured.
    await page.evaluate((t, d) => window.bench.reply(t, d), replyTokens(60, 99), tokenDelayMs);
    const out = {};
    for (const length of lengths) {
      const tokens = replyTokens(length, length);
      await page.evaluate(() => window.bench.reset());
      await page.evaluate(() => window.bench.watch());
      const before = await mainThread(cdp);
      const wall = Date.now();
      await page.evaluate((t, d) => window.bench.reply(t, d), tokens, tokenDelayMs);
      const wallMs = Date.now() - wall;
      const cost = delta(await mainThread(cdp), before);
      const frames = await page.evaluate(() => window.bench.unwatch());
      const shown = await page.evaluate(() => window.bench.lastReplyText().length);
      const sent = tokens.join('').length;
      // Rendered Markdown drops its syntax, but far less than half the text means nothing was shown.
      if (shown < sent / 2) errors.push(`${length}-token reply: ${shown} of ${sent} characters shown`);
      if (!(await page.evaluate(() => window.bench.lastReplyIsMarkdown())))
        errors.push(`${length}-token reply: not rendered as Markdown (did the Markdown chunk load?)`);
      out[length] = { ...cost, ...frames, wallMs, shownChars: shown, sentChars: sent };
    }
    return { byLength: out, errors };
  } finally {
    await close();
  }
}
