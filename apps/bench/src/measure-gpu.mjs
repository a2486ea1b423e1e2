/* global caches */
// 5. Engine overhead needs a real GPU and a model in the browser's cache. This checks for both and
// says why the part is skipped when either is missing.
import { freshPage } from './browser.mjs';

export async function probeGpu({ browser, origin }) {
  const { page, close } = await freshPage(browser);
  try {
    await page.goto(`${origin}/page/tag-ours.html`);
    return await page.evaluate(async () => {
      if (!navigator.gpu) return { adapter: null, realGpu: false, cachedModel: false };
      const adapter = await navigator.gpu.requestAdapter().catch(() => null);
      const info = adapter?.info ?? {};
      const label = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ');
      const software = !adapter || adapter.isFallbackAdapter || /swiftshader|llvmpipe|software/i.test(label);
      let cachedModel = false;
      try {
        cachedModel =
          (await caches.keys()).includes('webllm/model') &&
          (await (await caches.open('webllm/model')).keys()).length > 0;
      } catch {
        cachedModel = false;
      }
      return { adapter: adapter ? label || 'unnamed adapter' : null, realGpu: !software, cachedModel };
    });
  } finally {
    await close();
  }
}
