// 6. The first reply on a phone: under Lighthouse's mobile CPU (4× slower through the DevTools
// protocol), a fresh element in a fresh context with no warm-up reply. The visitor focuses the
// composer and types (the bench waits until the network has been idle for 500 ms: typing a
// question takes longer), then one Markdown reply streams at the stream measure's pace. Over the
// reply: long tasks (> 50 ms) and the longest gap between two animation frames, as in 2; and,
// from a DevTools trace of the reply, the main thread's tasks by CPU time (`cpuOver50`, the
// longest `cpuLongestMs`): a figure that other work on the machine does not inflate.
import { freshPage } from './browser.mjs';
import { overLimit, taskCpuTimes } from './main-thread-tasks.mjs';
import { replyTokens } from './markdown.mjs';

export async function measureFirstReply({ browser, origin, kind, tokens = 500, tokenDelayMs = 4, rate = 4 }) {
  const { page, cdp, errors, close } = await freshPage(browser);
  try {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    await page.goto(`${origin}/page/drive-${kind}.html`, { waitUntil: 'load' });
    await page.waitForFunction(() => window.bench !== undefined, { timeout: 60_000 });
    await page.evaluate(() => window.bench.mount());
    await page.evaluate(() => window.bench.focusInput());
    await page.waitForNetworkIdle({ idleTime: 500, timeout: 60_000 });
    await page.tracing.start({ categories: ['disabled-by-default-devtools.timeline'] });
    await page.evaluate(() => window.bench.watch());
    await page.evaluate((t, d) => window.bench.reply(t, d), replyTokens(tokens, tokens), tokenDelayMs);
    const frames = await page.evaluate(() => window.bench.unwatch());
    const trace = JSON.parse(Buffer.from(await page.tracing.stop()).toString('utf8'));
    const cpu = overLimit(taskCpuTimes(trace));
    if (!(await page.evaluate(() => window.bench.lastReplyIsMarkdown())))
      errors.push('first reply: not rendered as Markdown');
    return { ...frames, cpuOver50: cpu.count, cpuLongestMs: cpu.longestMs, errors };
  } finally {
    await close();
  }
}
