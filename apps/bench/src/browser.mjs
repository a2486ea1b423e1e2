// Debian Chromium through puppeteer-core, with the flags from the toolchain notes. Every
// measurement opens its page in a fresh browser context (cold cache, its own heap).
import puppeteer from 'puppeteer-core';
import { CHROME_FLAGS, CHROME_PATH, WEBGPU_FLAGS } from '../../../tools/chromium.mjs';

export const CHROME = CHROME_PATH;
export const ARGS = [...CHROME_FLAGS, ...WEBGPU_FLAGS];

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

/**
 * Bytes of compiled code (V8 `code` nodes: bytecode, baseline and optimized code) in a heap
 * snapshot. Code grows as hot paths get compiled, whether or not anything is retained.
 */
export async function compiledCodeBytes(cdp) {
  const chunks = [];
  const onChunk = (e) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  const { snapshot, nodes } = JSON.parse(chunks.join(''));
  const fields = snapshot.meta.node_fields;
  const code = snapshot.meta.node_types[0].indexOf('code');
  const [type, size] = [fields.indexOf('type'), fields.indexOf('self_size')];
  let bytes = 0;
  for (let i = 0; i < nodes.length; i += fields.length)
    if (nodes[i + type] === code) bytes += nodes[i + size];
  return bytes;
}
