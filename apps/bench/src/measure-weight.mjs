// 1. Weight: what a page downloads for the element before the visitor's first click (consent).
// The browser loads the script tag; every script it requests under the element's prefix before
// the network is idle counts (eager), including the worker the element starts for the consent
// card's preflight and whatever that worker imports. Then one reply streams through the element:
// scripts requested only then are lazy. Files of the build that were never requested are listed
// as lazy too. Web-llm's chunk (loaded by the worker with a model, after consent) on its own.
// `launcher`: ours as `<ai-chat launcher>`, before the first click (its button drawn), eager only.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freshPage } from './browser.mjs';
import { ELEMENTS } from './pages.mjs';
import { replyTokens } from './markdown.mjs';
import { sizes, sumSizes } from './stats.mjs';

const HARNESS = ['testing.js'];

/**
 * Record every script under `prefix` the page (or its worker) receives. Its bytes are the response
 * body; when the protocol cannot give a body (it sometimes cannot for a worker's module imports),
 * the same file from `dir`, the folder the server serves it from.
 */
async function record(page, prefix, into, dir) {
  page.on('response', async (response) => {
    const path = new URL(response.url()).pathname;
    if (!path.startsWith(prefix) || response.request().resourceType() !== 'script') return;
    const file = path.slice(prefix.length);
    if (HARNESS.includes(file)) return;
    // The worker (worker.js, started for the consent card's preflight) and what it requests (no
    // frame) count too: the page loads them before any consent.
    const worker = file === 'worker.js' || !response.request().frame();
    into.push(
      response
        .buffer()
        .then((body) => ({ file, worker, ...sizes(body) }))
        .catch(() =>
          dir
            ? { file, worker, ...sizes(readFileSync(join(dir, file))) }
            : { file, raw: NaN, gzip: NaN, brotli: NaN },
        ),
    );
  });
}

export async function measureWeight({ browser, origin, kind, cdnDir }) {
  const { prefix } = ELEMENTS[kind === 'launcher' ? 'ours' : kind];
  const { page, errors, close } = await freshPage(browser);
  try {
    const eager = [];
    await record(page, prefix, eager, kind === 'deep' ? undefined : cdnDir);
    await page.goto(`${origin}/page/tag-${kind}.html`, { waitUntil: 'load' });
    await page.waitForFunction(() => window.__ready !== undefined, { timeout: 20_000 });
    await page.waitForNetworkIdle({ idleTime: 500 });
    // A file the page and the worker both import is downloaded once (the second comes from cache).
    const eagerFiles = (await Promise.all(eager.splice(0))).filter(
      (f, i, all) => all.findIndex((g) => g.file === f.file) === i,
    );
    const byWorker = eagerFiles.filter((f) => f.worker);
    if (kind === 'launcher')
      return {
        eager: { files: eagerFiles, ...sumSizes(eagerFiles) },
        eagerWorker: { files: byWorker, ...sumSizes(byWorker) },
        errors,
      };
    // One streamed reply through the same page: whatever loads now is lazy.
    const lazy = [];
    await record(page, prefix, lazy, kind === 'ours' ? cdnDir : undefined);
    await page.addScriptTag({ url: `/bench/harness.js?kind=${kind}`, type: 'module' });
    await page.waitForFunction(() => window.bench !== undefined);
    await page.evaluate(
      async (tokens) => {
        document.querySelector('ai-chat, deep-chat')?.remove();
        await window.bench.mount();
        await window.bench.reply(tokens, 0);
      },
      replyTokens(200, 7),
    );
    await page.waitForNetworkIdle({ idleTime: 300 });
    const lazyFiles = (await Promise.all(lazy)).filter((f) => !eagerFiles.some((e) => e.file === f.file));
    const result = {
      eager: { files: eagerFiles, ...sumSizes(eagerFiles) },
      eagerWorker: { files: byWorker, ...sumSizes(byWorker) },
      lazyOnReply: { files: lazyFiles, ...sumSizes(lazyFiles) },
      errors,
    };
    if (kind === 'ours' && cdnDir) {
      const seen = new Set([...eagerFiles, ...lazyFiles].map((f) => f.file));
      const never = readdirSync(cdnDir)
        .filter((f) => f.endsWith('.js') && !seen.has(f) && f !== 'worker.js' && !HARNESS.includes(f))
        .map((file) => ({ file, ...sizes(readFileSync(join(cdnDir, file))) }));
      result.lazyNeverLoaded = { files: never, ...sumSizes(never) };
      result.worker = { file: 'worker.js', ...sizes(readFileSync(join(cdnDir, 'worker.js'))) };
      const webllm = readdirSync(join(cdnDir, 'chunks')).find((f) => /^web-llm-.*\.js$/.test(f));
      if (webllm)
        result.webllm = { file: `chunks/${webllm}`, ...sizes(readFileSync(join(cdnDir, 'chunks', webllm))) };
    }
    return result;
  } finally {
    await close();
  }
}
