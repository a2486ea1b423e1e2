// `pnpm --filter bench bench:cpu` (also run by `pnpm bench`): the CPU runtime (llama.cpp in
// WebAssembly through wllama) on generated GGUF models (random weights, real architecture), served
// from 127.0.0.1 (src/cpu-server.mjs), measured in src/measure-cpu.mjs:
//   1. engine overhead, in Chromium: decode tokens per second through <ai-chat> (the page's own
//      clock) against wllama driven directly on the same model with the same wasm, alternating;
//      goal ours/direct >= 0.98;
//   2. predicted vs measured ms per token, in each engine (Chromium, Firefox ESR, WebKitGTK), for
//      generated models of 0.2 to 91 MB (in Firefox also without JSPI: the compat build), each
//      BENCH_RUNS_SIZES times (1) in a new page; goal: within ×1.5, and how many rows are; then the
//      calibration these pages give per engine and build (fixed cost and speedup, fitted by
//      medians: packages/ai-chat/src/fit/cpu-calibration.ts says how its figures were read);
//   3. a 20-turn conversation: prompt tokens evaluated and time to first token at turns 2–4 vs
//      18–20, ours beside wllama driven directly (src/measure-conversation.mjs), in Chromium;
//   4. the memory of two tabs with one model shared between them against a copy in each, in Chromium;
//   5. threads 1 vs 2 on a cross-origin isolated page (COOP/COEP), in each engine.
// `BENCH_ENGINES=chromium,firefox` runs only those engines (an engine not on this machine is skipped).
// BENCH_CPU_ONLY=sizes, conversation or share runs that part alone (sizes: part 2).
// A page that gives no answer in BENCH_PAGE_S seconds (240) is reported as hung, with what the
// element had said, tried once more, and the bench goes on.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { ENGINES, openEngine } from '../../../tools/drive.mjs';
import { engineHere } from '../../../tools/engines.mjs';
import { launch } from '../src/browser.mjs';
import { fitCalibration, median } from '../src/stats.mjs';
import { CALIBRATION } from '../../../packages/ai-chat/dist/fit/cpu.js';
import { GGUF_DIR, generateModels, startCpuServer } from '../src/cpu-server.mjs';
import { direct, ours, stateOf } from '../src/measure-cpu.mjs';
import { measureShare } from '../src/measure-share.mjs';
import { measureConversation, writeConversationModel } from '../src/measure-conversation.mjs';

const here = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS_CPU ?? 3);
const RUNS_SIZES = Number(process.env.BENCH_RUNS_SIZES ?? 1);
const RUNS_SHARE = Number(process.env.BENCH_RUNS_SHARE ?? 2);
// BENCH_CPU_ONLY=sizes|conversation|share: that part alone.
const ONLY = process.env.BENCH_CPU_ONLY;
const PAGE_S = Number(process.env.BENCH_PAGE_S ?? 240);
const TOKENS = 64;
const OVERHEAD_MODEL = 'd512l11-q8_0'; // about 35M parameters at 8-bit (37 MB)
// q8_0 only: the generator steers q8_0 models to printable text; a 4-bit random model can emit a
// NUL byte, which breaks wllama 3.13's messages (see packages/ai-chat/test/gguf/make-gguf.mjs).
// The smallest (0.2 MB) is nearly all fixed cost per token: it pins that term of the prediction.
const SIZES = ['d64l2-q8_0', 'd256l4-q8_0', 'd512l8-q8_0', 'd512l11-q8_0', 'd768l12-q8_0'];
const THREADS_MODEL = 'd512l11-q8_0';
const WITHIN = 1.5;

const wanted = process.env.BENCH_ENGINES?.split(',') ?? ENGINES;
const engines = wanted.filter((e) => engineHere(e));
for (const e of wanted.filter((e) => !engines.includes(e))) console.log(`${e}: not on this machine, skipped`);

generateModels([OVERHEAD_MODEL, ...SIZES]);
writeConversationModel(GGUF_DIR);
const open = await startCpuServer();
const isolated = await startCpuServer({ isolated: true });
const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '-');
const raw = { overhead: { ours: [], direct: [] }, sizes: {}, threads: {}, share: [], failures: [] };

/** Rejects after PAGE_S seconds: a page that never answers is reported, not waited on forever. */
const hung = (words) =>
  new Promise((_, reject) => setTimeout(() => reject(new Error(`hung: ${words}`)), PAGE_S * 1000).unref());

/**
 * One engine, its pages one after the other; the browser closed whatever happens. A measurement
 * that fails (a page that hangs, a browser that dies) is printed and left out; the others go on.
 * A page that hangs is tried once more in a new page: Firefox driven through WebDriver BiDi
 * sometimes blocks a worker for good in `new Worker()` (our worker starts two: the CSP probe and
 * wllama's), which a Firefox without automation did not do (see engine/worker/wllama/load-watch.ts).
 */
async function inEngine(engine, work) {
  const browser = await openEngine(engine, { puppeteer });
  const once = async (label, measure) => {
    const started = Date.now();
    let page;
    try {
      page = await browser.newPage();
      const result = await Promise.race([measure(page), hung(`no answer in ${PAGE_S} s`)]);
      console.log(`  ${engine} ${label}: ${Math.round((Date.now() - started) / 1000)} s`);
      return result;
    } catch (error) {
      const state = String(error.message).startsWith('hung') && page ? await stateOf(page) : '';
      const words = `${String(error.message).split('\n')[0]}${state ? `; the page had said ${state}` : ''}`;
      raw.failures.push({ engine, label, error: words });
      console.log(`  ${engine} ${label}: FAILED (${words})`);
      return words.startsWith('hung') ? 'hung' : undefined;
    } finally {
      await Promise.race([page?.close(), hung('')]).catch(() => undefined);
    }
  };
  try {
    return await work(async (label, measure) => {
      const result = await once(label, measure);
      if (result !== 'hung') return result;
      const again = await once(`${label} (again, in a new page)`, measure);
      return again === 'hung' ? undefined : again;
    });
  } finally {
    await browser.close().catch(() => undefined);
  }
}

console.log(
  `CPU runtime bench: ${cpus().length} cores, ${TOKENS} tokens per reply, engines: ${engines.join(', ')}`,
);
try {
  if (!ONLY && engines.includes('chromium'))
    await inEngine('chromium', async (inPage) => {
      for (let i = 0; i < RUNS; i++) {
        const base = { origin: open.origin, model: OVERHEAD_MODEL, tokens: TOKENS, runs: 1 };
        const mine = await inPage('overhead, ours', (p) => ours(p, { ...base, fresh: true }));
        const theirs = await inPage('overhead, direct', (p) => direct(p, base));
        raw.overhead.ours.push(...(mine?.runs ?? []));
        raw.overhead.direct.push(...(theirs?.runs ?? []));
      }
    });
  for (const engine of !ONLY || ONLY === 'sizes' ? engines : [])
    await inEngine(engine, async (inPage) => {
      raw.sizes[engine] = {};
      // Each model in a new page RUNS_SIZES times (a new worker, a new probe); Firefox also without
      // JSPI (an older Firefox): the compat build against the fast one, same engine.
      const rows = SIZES.map((model) => [model, model, false]);
      if (engine === 'firefox') rows.push(...SIZES.map((model) => [`${model} compat`, model, true]));
      for (let i = 0; i < RUNS_SIZES; i++)
        for (const [row, model, nojspi] of rows) {
          const r = await inPage(`${model}${nojspi ? ', no JSPI' : ''}`, (p) =>
            ours(p, { origin: open.origin, model, tokens: TOKENS, runs: 3, nojspi }),
          );
          (raw.sizes[engine][row] ??= []).push(r ?? { failed: true });
        }
      if (ONLY) return;
      raw.threads[engine] = {};
      // The runtime takes half the cores the worker sees: 2 cores → 1 thread, 4 → 2 threads.
      for (const hc of [2, 4])
        raw.threads[engine][hc] = await inPage(`isolated, ${hc} cores`, (p) =>
          ours(p, { origin: isolated.origin, model: THREADS_MODEL, tokens: TOKENS, runs: 3, hc }),
        );
    });
  if (!ONLY || ONLY === 'conversation') {
    const browser = await launch();
    try {
      raw.conversation = await measureConversation(browser, open.origin);
    } finally {
      await browser.close();
    }
  }
  // Each reading in a browser of its own (see measure-share.mjs): a new profile, nothing cached.
  for (let i = 0; i < RUNS_SHARE && (!ONLY || ONLY === 'share'); i++)
    raw.share.push(
      await measureShare({
        launch,
        origin: open.origin,
        modelUrl: `${open.origin}/gguf/${OVERHEAD_MODEL}.gguf`,
      }),
    );
} finally {
  open.close();
  isolated.close();
}

const measuredOf = (r) => median(r.runs.map((x) => x.msPerToken));
const table = [];
const fitRows = [];
if (raw.overhead.ours.length && raw.overhead.direct.length) {
  const oursTps = median(raw.overhead.ours.map((r) => r.wallTps));
  const directTps = median(raw.overhead.direct.map((r) => r.wallTps));
  const ratio = oursTps / directTps;
  raw.overhead.summary = { model: OVERHEAD_MODEL, oursTps, directTps, ratio };
  console.log(
    `\nEngine overhead in Chromium on ${OVERHEAD_MODEL} (decode tok/s on the page's clock, median of ${RUNS}):`,
  );
  console.log(
    `  <ai-chat> ${fmt(oursTps)} tok/s, wllama directly ${fmt(directTps)} tok/s: ratio ${fmt(ratio, 3)} (goal >= 0.98: ${ratio >= 0.98 ? 'met' : 'MISSED'})`,
  );
  console.log(
    `  llama.cpp's own figure: ${fmt(median(raw.overhead.ours.map((r) => r.llamaTps)))} vs ${fmt(median(raw.overhead.direct.map((r) => r.llamaTps)))} tok/s`,
  );
}
// With BENCH_CPU_ONLY, parts 1, 2 and 5 did not run: nothing of theirs is printed (sizes: part 2 is).
const say = ONLY && ONLY !== 'sizes' ? () => undefined : console.log;
say(
  `\nPredicted vs measured ms per token (through <ai-chat>, llama.cpp's timings; medians over ${RUNS_SIZES} page(s), each 3 replies; goal within ×${WITHIN}):`,
);
say(
  '  engine   | build         | model          | MB    | predicted | measured | measured/predicted | first reply',
);
for (const [engine, sizes] of Object.entries(raw.sizes))
  for (const [size, pages] of Object.entries(sizes)) {
    const done = pages.filter((r) => !r.failed);
    const r = done[0];
    const predicted = median(done.map((p) => p.predicted));
    const measured = median(done.map(measuredOf));
    const ratio = measured / predicted;
    const met = ratio <= WITHIN && ratio >= 1 / WITHIN;
    const failed = pages.length - done.length;
    table.push({
      engine,
      build: r?.cpu?.build,
      size,
      mb: r ? r.bytes / 1e6 : NaN,
      predicted,
      measured,
      ratio,
      met,
      failed,
    });
    // Each page's work for the fit: the weight bytes over its probe's speed, from its prediction.
    for (const p of done) {
      const cal = CALIBRATION[engine][p.cpu.build];
      fitRows.push({
        engine,
        build: p.cpu.build,
        work: (p.predicted - cal.fixedMs) * cal.speedup,
        measured: measuredOf(p),
      });
    }
    say(
      `  ${engine.padEnd(8)} | ${String(r?.cpu?.build ?? '-').padEnd(13)} | ${size.split(' ')[0].padEnd(14)} | ${fmt(r ? r.bytes / 1e6 : NaN).padStart(5)} | ${fmt(predicted).padStart(9)} | ${fmt(measured).padStart(8)} | ${fmt(ratio, 2).padStart(5)} ${met ? 'met' : 'MISSED'}${' '.repeat(7)} | ${fmt(median(done.map((p) => p.first.msPerToken)))}${failed ? ` (${failed} page(s) failed)` : ''}`,
    );
  }
const within = table.filter((t) => t.met).length;
say(`  within ×${WITHIN}: ${within} of ${table.length} rows`);
const threads = [];
const sayAll = ONLY ? () => undefined : console.log;
sayAll(`\nThreads on a cross-origin isolated page (COOP + COEP), ${THREADS_MODEL}, ms per token:`);
sayAll('  engine   | threads | predicted | measured');
for (const [engine, byHc] of Object.entries(raw.threads))
  for (const r of Object.values(byHc).filter(Boolean)) {
    threads.push({ engine, threads: r.cpu?.threads, predicted: r.predicted, measured: measuredOf(r) });
    sayAll(
      `  ${engine.padEnd(8)} | ${String(r.cpu?.threads).padStart(7)} | ${fmt(r.predicted).padStart(9)} | ${fmt(measuredOf(r)).padStart(8)}`,
    );
  }
const calibration = fitCalibration(fitRows);
say(
  '\nCalibration fit (every page above; measured = fixedMs + work / speedup, work = bytes / probe; medians, see stats.mjs):',
);
for (const c of calibration)
  say(
    `  ${c.engine.padEnd(8)} | ${String(c.build).padEnd(13)} | fixedMs ${fmt(c.fixedMs, 1)}, speedup ${fmt(c.speedup, 2)} over ${c.rows} pages (fit/cpu-calibration.ts now: ${CALIBRATION[c.engine][c.build].fixedMs}, ${CALIBRATION[c.engine][c.build].speedup})`,
  );
for (const f of raw.failures) say(`  failed: ${f.engine} ${f.label}: ${f.error}`);
const share = printConversationAndShare();
mkdirSync(join(here, 'results'), { recursive: true });
const out = ONLY ? `results/cpu-${ONLY}.json` : 'results/cpu-latest.json';
writeFileSync(
  join(here, out),
  `${JSON.stringify({ date: new Date().toISOString(), cores: cpus().length, runs: RUNS, runsSizes: RUNS_SIZES, within, tokens: TOKENS, overhead: raw.overhead.summary, table, threads, calibration, share, raw }, null, 2)}\n`,
);
console.log(`\nwrote ${out}`);

/** Parts 3 and 4: the conversation's rows and the two tabs' memory; returns the share summary. */
function printConversationAndShare() {
  const convo = raw.conversation;
  if (convo) {
    console.log(
      '\nA 20-turn conversation (4,096-token model, 60–120-word messages; turns 2–4 vs 18–20, medians):',
    );
    console.log(
      '  side                        | prompt tokens evaluated | ms to first token | answered | console errors',
    );
    for (const [side, c] of [
      ['<ai-chat> (fits into 4,096)', convo.ours],
      ['wllama directly (16,384)', convo.direct],
    ])
      console.log(
        `  ${side.padEnd(27)} | ${`${fmt(c.early.promptTokens, 0)} → ${fmt(c.late.promptTokens, 0)} (×${fmt(c.ratio.promptTokens, 2)})`.padEnd(23)} | ${`${fmt(c.early.ttftMs, 0)} → ${fmt(c.late.ttftMs, 0)} (×${fmt(c.ratio.ttftMs, 2)})`.padEnd(17)} | ${String(c.answered).padStart(8)} | ${c.consoleErrors.length}`,
      );
    const held = convo.ours.ratio.promptTokens <= 2 && convo.ours.ratio.ttftMs <= 2;
    console.log(`  goal: <ai-chat>'s last turns cost at most 2× turns 2–4: ${held ? 'met' : 'MISSED'}`);
  }
  const mb = (bytes) => fmt(bytes / 2 ** 20, 0);
  const shared = median(raw.share.map((r) => r.tabs.added));
  const copies = median(raw.share.map((r) => r.none.added));
  if (raw.share.length) {
    console.log(
      `\nTwo tabs, one model (${OVERHEAD_MODEL}; PSS of every browser process, over the two bare tabs, median of ${RUNS_SHARE}):`,
    );
    console.log(
      `  share="tabs" (one copy): ${mb(shared)} MB; share="none" (a copy each): ${mb(copies)} MB; saved ${mb(copies - shared)} MB (${fmt((1 - shared / copies) * 100, 0)} %)`,
    );
    console.log(
      `  the second tab used the first tab's model: ${raw.share.map((r) => r.tabs.guest).join(', ')}`,
    );
  }
  return { model: OVERHEAD_MODEL, runs: RUNS_SHARE, sharedBytes: shared, copiesBytes: copies };
}
