// `pnpm --filter bench trace [ours|deep] [tokens]`: where one streamed reply spends its main-thread
// time. Same page, warm-up and reply as the streaming measure; a V8 CPU profile (DevTools protocol
// `Profiler`, 100 µs sampling) over the reply, summed by function and by script, plus the
// protocol's busy figures. Prints the top entries; writes results/trace-<kind>-<tokens>.cpuprofile
// (open it in DevTools' Performance panel).
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { delta, freshPage, launch, mainThread } from '../src/browser.mjs';
import { replyTokens } from '../src/markdown.mjs';
import { pages } from '../src/pages.mjs';
import { serveStatic } from '../src/server.mjs';

const here = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const kind = process.argv[2] ?? 'ours';
const length = Number(process.argv[3] ?? 500);
const cold = process.argv.includes('--cold');
const server = await serveStatic({
  mounts: {
    '/ai-chat/': join(dirname(require.resolve('ai-chat/package.json')), 'dist/cdn'),
    '/deep-chat/': join(dirname(require.resolve('deep-chat/package.json')), 'dist'),
    '/bench/': join(here, 'pages'),
  },
  pages: pages(),
  lifetimeMs: 5 * 60_000,
});
const browser = await launch();
try {
  const { page, cdp, close } = await freshPage(browser);
  await page.goto(`${server.origin}/page/drive-${kind}.html`, { waitUntil: 'load' });
  await page.waitForFunction(() => window.bench !== undefined);
  await page.evaluate(() => window.bench.mount());
  if (!cold) await page.evaluate((t) => window.bench.reply(t, 4), replyTokens(60, 99));
  await page.evaluate(() => window.bench.reset());
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const before = await mainThread(cdp);
  await page.evaluate((t) => window.bench.reply(t, 4), replyTokens(length, length));
  const cost = delta(await mainThread(cdp), before);
  const { profile } = await cdp.send('Profiler.stop');
  await close();
  mkdirSync(join(here, 'results'), { recursive: true });
  writeFileSync(join(here, `results/trace-${kind}-${length}.cpuprofile`), JSON.stringify(profile));
  // Self time per node from the samples' time deltas.
  const self = new Map();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const byFn = new Map();
  const byUrl = new Map();
  for (const node of profile.nodes) {
    const t = self.get(node.id) ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url ? url.replace(server.origin, '') : '';
    const fn = `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + t);
    const key = file || functionName;
    byUrl.set(key, (byUrl.get(key) ?? 0) + t);
  }
  const top = (map, n) =>
    [...map]
      .filter(([k]) => k !== '(idle)' && !k.startsWith('(idle)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `  ${v.toFixed(1).padStart(8)} ms  ${k}`)
      .join('\n');
  console.log(
    `${kind}, ${length} tokens${cold ? ' (cold)' : ''}: busy ${cost.busy.toFixed(0)} ms (script ${cost.script.toFixed(0)}, style ${cost.style.toFixed(0)}, layout ${cost.layout.toFixed(0)})`,
  );
  console.log('self time by script:\n' + top(byUrl, 12));
  console.log('self time by function:\n' + top(byFn, 25));
} finally {
  await browser.close();
  await server.close();
}
