// 4. Start: from the element's script tag to an input that can be typed in, in a fresh context
// (cold cache). The page's inline probe records both instants; see pages.mjs. `rate`: the CPU
// slowed down that many times through the DevTools protocol (4: Lighthouse's mobile CPU).
import { freshPage } from './browser.mjs';

export async function measureStart({ browser, origin, kind, rate = 1 }) {
  const { page, cdp, errors, close } = await freshPage(browser);
  try {
    if (rate > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    await page.goto(`${origin}/page/tag-${kind}.html`, { waitUntil: 'load' });
    await page.waitForFunction(() => window.__ready !== undefined, { timeout: 20_000 });
    const { tag, ready } = await page.evaluate(() => ({ tag: window.__tag, ready: window.__ready }));
    return { ms: ready - tag, errors };
  } finally {
    await close();
  }
}
