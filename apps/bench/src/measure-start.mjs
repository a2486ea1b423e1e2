// 4. Start: from the element's script tag to an input that can be typed in, in a fresh context
// (cold cache). The page's inline probe records both instants; see pages.mjs.
import { freshPage } from './browser.mjs';

export async function measureStart({ browser, origin, kind }) {
  const { page, errors, close } = await freshPage(browser);
  try {
    await page.goto(`${origin}/page/tag-${kind}.html`, { waitUntil: 'load' });
    await page.waitForFunction(() => window.__ready !== undefined, { timeout: 20_000 });
    const { tag, ready } = await page.evaluate(() => ({ tag: window.__tag, ready: window.__ready }));
    return { ms: ready - tag, errors };
  } finally {
    await close();
  }
}
