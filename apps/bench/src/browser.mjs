// Debian Chromium through puppeteer-core, with the flags from the toolchain notes. Every
// measurement opens its page in a fresh browser context (cold cache, its own heap).
import puppeteer from 'puppeteer-core';

export const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
export const ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--enable-unsafe-webgpu',
];

export function launch() {
  return puppeteer.launch({
    executablePath: CHROME,
    headless: true,
    args: ARGS,
    defaultViewport: { width: 1000, height: 800 },
    // A quadratic renderer can spend minutes on one 8,000-token reply.
    protocolTimeout: 15 * 60_000,
  });
}

/** A page in a fresh context, with a CDP session; `close()` disposes of both. */
export async function freshPage(browser) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const cdp = await page.createCDPSession();
  await cdp.send('Performance.enable');
  return {
    page,
    cdp,
    errors,
    close: () => context.close(),
  };
}

/** Main-thread figures of the DevTools protocol, in ms (cumulative since the page started). */
export async function mainThread(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  const script = get('ScriptDuration');
  const style = get('RecalcStyleDuration');
  const layout = get('LayoutDuration');
  return { script, style, layout, busy: script + style + layout, task: get('TaskDuration') };
}

export function delta(after, before) {
  return Object.fromEntries(Object.keys(after).map((k) => [k, after[k] - before[k]]));
}

/** Used JS heap in bytes after forced garbage collection. */
export async function heapAfterGc(cdp) {
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}
