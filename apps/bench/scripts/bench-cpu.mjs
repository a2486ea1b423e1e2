// `pnpm --filter bench bench:cpu` (also run by `pnpm bench`): the CPU runtime (llama.cpp in
// WebAssembly through wllama) on generated GGUF models (random weights, real architecture), served
// from 127.0.0.1 (src/cpu-server.mjs), measured in src/measure-cpu.mjs:
//   1. engine overhead, in Chromium: decode tokens per second through <ai-chat> (the page's own
//      clock) against wllama driven directly on the same model with the same wasm, alternating;
//      goal ours/direct >= 0.98;
//   2. predicted vs measured ms per token, in each engine (Chromium, Firefox ESR, WebKitGTK), for
//      generated models of several sizes (in Firefox also without JSPI: the compat build); goal:
//      within ×1.5; then the calibration these rows give, per engine and build;
//   3. a 20-turn conversation: prompt tokens evaluated and time to first token at turns 2–4 vs
//      18–20, ours beside wllama driven directly (src/measure-conversation.mjs), in Chromium;
//   4. the memory of two tabs with one model shared between them against a copy in each, in Chromium;
//   5. threads 1 vs 2 on a cross-origin isolated page (COOP/COEP), in each engine.
// `BENCH_ENGINES=chromium,firefox` runs only those engines (an engine not on this machine is skipped).
// BENCH_CPU_ONLY=conversation or BENCH_CPU_ONLY=share runs that part alone.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { ENGINES, openEngine } from '../../../tools/drive.mjs';
import { engineHere } from '../../../tools/engines.mjs';
import { launch } from '../src/browser.mjs';
import { calibrationRatios, median } from '../src/stats.mjs';
import { GGUF_DIR, generateModels, startCpuServer } from '../src/cpu-server.mjs';
import { direct, ours } from '../src/measure-cpu.mjs';
import { measureShare } from '../src/measure-share.mjs';
import { measureConversation, writeConversationModel } from '../src/measure-conversation.mjs';

const here = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS_CPU ?? 3);
const RUNS_SHARE = Number(process.env.BENCH_RUNS_SHARE ?? 2);
// BENCH_CPU_ONLY=conversation|share: that part alone.
const ONLY = process.env.BENCH_CPU_ONLY;
const TOKENS = 64;
const OVERHEAD_MODEL = 'd512l11-q8_0'; // about 35M parameters at 8-bit (37 MB)
// q8_0 only: the generator steers q8_0 models to printable text; a 4-bit random model can emit a
// NUL byte, which breaks wllama 3.13's messages (see packages/ai-chat/test/gguf/make-gguf.mjs).
const SIZES = ['d256l4-q8_0', 'd512l8-q8_0', 'd512l11-q8_0', 'd768l12-q8_0'];
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
const raw = { overhead: { ours: [], direct: [] }, sizes: {}, threads: {}, share: [] };

/**
 * One engine, its pages one after the other; the browser closed whatever happens. A measurement
 * that fails (a page that hangs, a browser that dies) is printed and left out; the others go on.
 */
async function inEngine(engine, work) {
  const browser = await openEngine(engine, { puppeteer });
  try {
    return await work(async (label, measure) => {
      const started = Date.now();
      let page;
      try {
        page = await browser.newPage();
        const result = await measure(page);
        console.log(`  ${engine} ${label}: ${Math.round((Date.now() - started) / 1000)} s`);
        return result;
      } catch (error) {
        console.log(`  ${engine} ${label}: FAILED (${String(error.message).split('\n')[0]})`);
        return undefined;
      } finally {
        await page?.close().catch(() => undefined);
      }
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
  for (const engine of ONLY ? [] : engines)
    await inEngine(engine, async (inPage) => {
      raw.sizes[engine] = {};
      for (const model of SIZES)
        raw.sizes[engine][model] = await inPage(model, (p) =>
          ours(p, { origin: open.origin, model, tokens: TOKENS, runs: 3 }),
        );
      // Firefox also without JSPI (an older Firefox): the compat build against the fast one, same engine.
      if (engine === 'firefox')
        for (const model of SIZES)
          raw.sizes[engine][`${model} compat`] = await inPage(`${model}, no JSPI`, (p) =>
            ours(p, { origin: open.origin, model, tokens: TOKENS, runs: 3, nojspi: true }),
          );
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
// With BENCH_CPU_ONLY, parts 1, 2 and 5 did not run: nothing of theirs is printed.
const say = ONLY ? () => undefined : console.log;
say(`\nPredicted vs measured ms per token (through <ai-chat>, llama.cpp's timings; goal within ×${WITHIN}):`);
say(
  '  engine   | build         | model          | MB    | predicted | measured | measured/predicted | first reply',
);
for (const [engine, sizes] of Object.entries(raw.sizes))
  for (const [size, r] of Object.entries(sizes)) {
    if (!r) continue;
    const measured = measuredOf(r);
    const ratio = measured / r.predicted;
    const met = ratio <= WITHIN && ratio >= 1 / WITHIN;
    table.push({
      engine,
      build: r.cpu?.build,
      size,
      mb: r.bytes / 1e6,
      predicted: r.predicted,
      measured,
      ratio,
      met,
      first: r.first.msPerToken,
    });
    say(
      `  ${engine.padEnd(8)} | ${String(r.cpu?.build).padEnd(13)} | ${size.split(' ')[0].padEnd(14)} | ${fmt(r.bytes / 1e6).padStart(5)} | ${fmt(r.predicted).padStart(9)} | ${fmt(measured).padStart(8)} | ${fmt(ratio, 2).padStart(5)} ${met ? 'met' : 'MISSED'}${' '.repeat(7)} | ${fmt(r.first.msPerToken)}`,
    );
  }
const threads = [];
say(`\nThreads on a cross-origin isolated page (COOP + COEP), ${THREADS_MODEL}, ms per token:`);
say('  engine   | threads | predicted | measured');
for (const [engine, byHc] of Object.entries(raw.threads))
  for (const r of Object.values(byHc).filter(Boolean)) {
    threads.push({ engine, threads: r.cpu?.threads, predicted: r.predicted, measured: measuredOf(r) });
    say(
      `  ${engine.padEnd(8)} | ${String(r.cpu?.threads).padStart(7)} | ${fmt(r.predicted).padStart(9)} | ${fmt(measuredOf(r)).padStart(8)}`,
    );
  }
const calibration = calibrationRatios(table);
say('\nCalibration read (measured/predicted, median per engine and build; fit/cpu.ts: speedup / ratio):');
for (const c of calibration)
  say(`  ${c.engine.padEnd(8)} | ${String(c.build).padEnd(13)} | ${fmt(c.ratio, 2)} over ${c.rows} models`);
const share = printConversationAndShare();
mkdirSync(join(here, 'results'), { recursive: true });
const out = ONLY ? `results/cpu-${ONLY}.json` : 'results/cpu-latest.json';
writeFileSync(
  join(here, out),
  `${JSON.stringify({ date: new Date().toISOString(), cores: cpus().length, runs: RUNS, tokens: TOKENS, overhead: raw.overhead.summary, table, threads, calibration, share, raw }, null, 2)}\n`,
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
