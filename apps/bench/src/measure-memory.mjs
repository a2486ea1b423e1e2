// 3. Memory: used JS heap after forced GC (HeapProfiler.collectGarbage) on a page with the script
// loaded and no element, with a fresh element, after `turns` short Markdown replies, after
// reset() (deep-chat: clearMessages()), and with a new fresh element once all code has loaded. Also both without V8's compiled code (from a heap snapshot),
// which grows with use whether or not the element retains anything.
import { compiledCodeBytes, freshPage, heapAfterGc } from './browser.mjs';
import { replyTokens } from './markdown.mjs';

/** A short reply as ~20 chunks of ~10 words each, so 100 turns stay quick at any timer clamp. */
function shortReply(seed) {
  const words = replyTokens(200, seed);
  const chunks = [];
  for (let i = 0; i < words.length; i += 10) chunks.push(words.slice(i, i + 10).join(''));
  return chunks;
}

export async function measureMemory({ browser, origin, kind, turns }) {
  const { page, cdp, errors, close } = await freshPage(browser);
  try {
    await page.goto(`${origin}/page/drive-${kind}.html`, { waitUntil: 'load' });
    await page.waitForFunction(() => window.bench !== undefined, { timeout: 20_000 });
    const empty = await heapAfterGc(cdp);
    await page.evaluate(() => window.bench.mount());
    const fresh = await heapAfterGc(cdp);
    const freshCode = await compiledCodeBytes(cdp);
    const replies = Array.from({ length: 8 }, (_, i) => shortReply(1000 + i));
    await page.evaluate(
      async (replies, turns) => {
        for (let i = 0; i < turns; i++) await window.bench.reply(replies[i % replies.length], 0);
      },
      replies,
      turns,
    );
    const messages = await page.evaluate(() => window.bench.messageCount());
    const afterTurns = await heapAfterGc(cdp);
    await page.evaluate(() => window.bench.reset());
    const afterReset = await heapAfterGc(cdp);
    const afterResetCode = await compiledCodeBytes(cdp);
    const messagesAfterReset = await page.evaluate(() => window.bench.messageCount());
    // A fresh element in the same page, now that the element's lazy code (Markdown, highlighting)
    // has loaded: the fair baseline for "after reset() vs a fresh element" (same code in memory).
    await page.evaluate(async () => {
      document.querySelector('ai-chat, deep-chat')?.remove();
      await window.bench.mount();
    });
    const freshWarm = await heapAfterGc(cdp);
    return {
      freshWarm,
      empty,
      fresh,
      afterTurns,
      afterReset,
      freshWithoutCode: fresh - freshCode,
      afterResetWithoutCode: afterReset - afterResetCode,
      messages,
      messagesAfterReset,
      errors,
    };
  } finally {
    await close();
  }
}
