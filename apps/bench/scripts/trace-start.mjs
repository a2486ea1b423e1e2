// `pnpm --filter bench trace:start [ours|deep] [rate]`: where "script tag → usable input" goes, at
// a CPU slowdown (default 4, as the bench's `start at 4× CPU`). The bench's page, in a fresh
// context, traced through the DevTools protocol and profiled (V8 sampling, 100 µs). Prints, in ms
// from the script tag: each request (sent → finished), each main-thread task over 1 ms with what
// it spent its time on (wall / thread CPU: the CPU figure holds when the machine is busy), the
// usable input; then the main thread's time by kind and the JS self time by function. Writes
// results/trace-start-<kind>.json (open it in DevTools' Performance panel) and .cpuprofile.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshPage, launch } from '../src/browser.mjs';
import { pages } from '../src/pages.mjs';
import { serveStatic } from '../src/server.mjs';

const here = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const kind = process.argv[2] ?? 'ours';
const rate = Number(process.argv[3] ?? 4);
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'v8'];
// Blink's trace event names, by what they spend the main thread on (nested: a task counts once).
const KINDS = {
  'fetch (request, response)': ['ResourceFetcher::requestResource', 'ResponseBodyLoader::OnStateChange'],
  'compile + evaluate modules': ['v8.compileModule', 'v8.evaluateModule'],
  'microtasks (Lit renders)': ['RunMicrotasks'],
  style: ['UpdateLayoutTree'],
  layout: ['Layout'],
  'fonts (inside layout)': ['FontCache::GetFontPlatformData'],
  paint: ['Paint', 'PrePaint', 'Commit'],
};

const server = await serveStatic({
  mounts: {
    // AI_CHAT_CDN=<folder>: another build of dist/cdn/ (an older commit's, to compare).
    '/ai-chat/':
      process.env.AI_CHAT_CDN ?? join(dirname(require.resolve('ai-chat/package.json')), 'dist/cdn'),
    '/deep-chat/': join(dirname(require.resolve('deep-chat/package.json')), 'dist'),
  },
  pages: pages(),
  lifetimeMs: 2 * 60_000,
});
const browser = await launch();
try {
  const { page, cdp, close } = await freshPage(browser);
  if (rate > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const traced = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: {
      includedCategories: [
        ...CATEGORIES,
        'blink',
        'blink.user_timing',
        'loading',
        'fonts',
        'disabled-by-default-fonts',
      ],
    },
  });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await page.goto(`${server.origin}/page/tag-${kind}.html`, { waitUntil: 'load' });
  await page.waitForFunction(() => window.__ready !== undefined, { timeout: 20_000 });
  const { tag, ready } = await page.evaluate(() => ({ tag: window.__tag, ready: window.__ready }));
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.send('Tracing.end');
  await traced;
  await close();
  mkdirSync(join(here, 'results'), { recursive: true });
  writeFileSync(join(here, `results/trace-start-${kind}.json`), JSON.stringify({ traceEvents: events }));
  writeFileSync(join(here, `results/trace-start-${kind}.cpuprofile`), JSON.stringify(profile));

  // Time zero: the tag (performance.now() counts from the main frame's navigationStart).
  const nav = events.find((e) => e.name === 'navigationStart' && e.args?.data?.isLoadingMainFrame);
  const t0 = nav.ts / 1000 + tag;
  const end = ready - tag;
  const ms = (us) => (us / 1000).toFixed(1);
  const at = (ts) => (ts / 1000 - t0).toFixed(1).padStart(7);
  const short = (url = '') => url.replace(server.origin, '').replace(/^\/ai-chat\//, '');
  const main = events
    .filter((e) => e.pid === nav.pid && e.tid === nav.tid && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts);
  const inWindow = (e) => e.ts / 1000 >= t0 - 5 && e.ts / 1000 <= t0 + end;
  const rows = [];
  const sent = new Map();
  for (const e of events) {
    const d = e.args?.data ?? {};
    if (e.name === 'ResourceSendRequest') sent.set(d.requestId, { url: d.url, ts: e.ts });
    if (e.name === 'ResourceFinish' && sent.has(d.requestId)) {
      const s = sent.get(d.requestId);
      rows.push([s.ts, `fetch ${short(s.url)} (→ ${at(e.ts).trim()})`]);
    }
  }
  for (const task of main.filter((e) => e.name === 'RunTask' && e.dur > 1000 && inWindow(e))) {
    const inside = main.filter(
      (e) =>
        e !== task &&
        e.ts >= task.ts &&
        e.ts + e.dur <= task.ts + task.dur &&
        Object.values(KINDS).flat().includes(e.name) &&
        e.dur > 500,
    );
    const what = inside.map(
      (e) => `${e.name}${e.args?.data?.url ? ` ${short(e.args.data.url)}` : ''} ${ms(e.dur)}`,
    );
    rows.push([task.ts, `task ${ms(task.dur)} / cpu ${ms(task.tdur ?? 0)}: ${what.slice(0, 4).join(', ')}`]);
  }
  rows.push([t0 * 1000, '=== script tag'], [(t0 + end) * 1000, `=== usable input`]);
  rows.sort((a, b) => a[0] - b[0]);
  console.log(`${kind} at ${rate}× CPU: script tag → usable input ${end.toFixed(1)} ms`);
  for (const [ts, text] of rows) if (ts / 1000 >= t0 - 60) console.log(`${at(ts)}  ${text}`);

  const tasks = main.filter((e) => e.name === 'RunTask' && inWindow(e));
  const sum = (list, key) => ms(list.reduce((a, e) => a + (e[key] ?? 0), 0));
  console.log(`main thread, tag → usable: tasks ${sum(tasks, 'dur')} (cpu ${sum(tasks, 'tdur')})`);
  for (const [label, names] of Object.entries(KINDS)) {
    const list = main.filter((e) => names.includes(e.name) && inWindow(e));
    // Outermost only: an event inside another of the same kind counts once.
    const outer = list.filter(
      (e) => !list.some((o) => o !== e && o.ts <= e.ts && o.ts + o.dur >= e.ts + e.dur),
    );
    console.log(`  ${sum(outer, 'dur').padStart(7)} (cpu ${sum(outer, 'tdur').padStart(6)})  ${label}`);
  }

  // JS self time between the tag and the usable input, by function.
  const self = new Map();
  let t = profile.startTime / 1000;
  profile.samples.forEach((id, i) => {
    t += (profile.timeDeltas[i] ?? 0) / 1000;
    if (t >= t0 && t <= t0 + end) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const byFn = new Map();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const fn = `${functionName || '(anonymous)'} ${short(url)}:${lineNumber + 1}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + (self.get(node.id) ?? 0));
  }
  const top = [...byFn].filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]);
  console.log('JS self time by function ((program): the browser itself):');
  for (const [k, v] of top.slice(0, 15)) console.log(`  ${v.toFixed(1).padStart(7)} ms  ${k}`);
} finally {
  await browser.close();
  await server.close();
}
