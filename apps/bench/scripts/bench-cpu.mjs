// `pnpm --filter bench bench:cpu` (also run by `pnpm bench`): the CPU runtime (llama.cpp in
// WebAssembly through wllama) on generated GGUF models (random weights, real architecture), served
// from 127.0.0.1 (src/cpu-server.mjs), measured in src/measure-cpu.mjs:
//   1. engine overhead, in Chromium: decode tokens per second through <ai-chat> (the page's own
//      clock) against wllama driven directly on the same model with the same wasm, alternating;
//      goal ours/direct >= 0.98;
//   2. predicted vs measured ms per token, in each engine (Chromium, Firefox ESR, WebKitGTK), for
//      generated models of several sizes (in Firefox also without JSPI: the compat build); goal:
//      within ×1.5; then the calibration these rows give, per engine and build;
//   3. threads 1 vs 2 on a cross-origin isolated page (COOP/COEP), in each engine.
// `BENCH_ENGINES=chromium,firefox` runs only those engines (an engine not on this machine is skipped).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { ENGINES, openEngine } from '../../../tools/drive.mjs';
import { engineHere } from '../../../tools/engines.mjs';
import { calibrationRatios, median } from '../src/stats.mjs';
import { generateModels, startCpuServer } from '../src/cpu-server.mjs';
import { direct, ours } from '../src/measure-cpu.mjs';

const here = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS_CPU ?? 3);
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
const open = await startCpuServer();
const isolated = await startCpuServer({ isolated: true });
const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '-');
const raw = { overhead: { ours: [], direct: [] }, sizes: {}, threads: {} };

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
  if (engines.includes('chromium'))
    await inEngine('chromium', async (inPage) => {
      for (let i = 0; i < RUNS; i++) {
        const base = { origin: open.origin, model: OVERHEAD_MODEL, tokens: TOKENS, runs: 1 };
        const mine = await inPage('overhead, ours', (p) => ours(p, { ...base, fresh: true }));
        const theirs = await inPage('overhead, direct', (p) => direct(p, base));
        raw.overhead.ours.push(...(mine?.runs ?? []));
        raw.overhead.direct.push(...(theirs?.runs ?? []));
      }
    });
  for (const engine of engines)
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
console.log(
  `\nPredicted vs measured ms per token (through <ai-chat>, llama.cpp's timings; goal within ×${WITHIN}):`,
);
console.log(
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
    console.log(
      `  ${engine.padEnd(8)} | ${String(r.cpu?.build).padEnd(13)} | ${size.split(' ')[0].padEnd(14)} | ${fmt(r.bytes / 1e6).padStart(5)} | ${fmt(r.predicted).padStart(9)} | ${fmt(measured).padStart(8)} | ${fmt(ratio, 2).padStart(5)} ${met ? 'met' : 'MISSED'}${' '.repeat(7)} | ${fmt(r.first.msPerToken)}`,
    );
  }
const threads = [];
console.log(`\nThreads on a cross-origin isolated page (COOP + COEP), ${THREADS_MODEL}, ms per token:`);
console.log('  engine   | threads | predicted | measured');
for (const [engine, byHc] of Object.entries(raw.threads))
  for (const r of Object.values(byHc).filter(Boolean)) {
    threads.push({ engine, threads: r.cpu?.threads, predicted: r.predicted, measured: measuredOf(r) });
    console.log(
      `  ${engine.padEnd(8)} | ${String(r.cpu?.threads).padStart(7)} | ${fmt(r.predicted).padStart(9)} | ${fmt(measuredOf(r)).padStart(8)}`,
    );
  }
const calibration = calibrationRatios(table);
console.log(
  '\nCalibration read (measured/predicted, median per engine and build; fit/cpu.ts: speedup / ratio):',
);
for (const c of calibration)
  console.log(
    `  ${c.engine.padEnd(8)} | ${String(c.build).padEnd(13)} | ${fmt(c.ratio, 2)} over ${c.rows} models`,
  );
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(
  join(here, 'results/cpu-latest.json'),
  `${JSON.stringify({ date: new Date().toISOString(), cores: cpus().length, runs: RUNS, tokens: TOKENS, overhead: raw.overhead.summary, table, threads, calibration, raw }, null, 2)}\n`,
);
console.log('\nwrote results/cpu-latest.json');
