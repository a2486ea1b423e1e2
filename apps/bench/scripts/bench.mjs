// `pnpm bench`: <ai-chat> and deep-chat side by side, same machine, same run. Prints a table and
// writes results/latest.json. Targets are reported, never enforced (the exit code is 0 unless
// the bench itself breaks). Run counts can be raised through BENCH_RUNS_* (see README).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { attempt, browserKeeper } from '../src/attempt.mjs';
import { launch } from '../src/browser.mjs';
import { probeGpu } from '../src/measure-gpu.mjs';
import { measureFirstReply } from '../src/measure-first.mjs';
import { measureBurst, measurePaste, measureRestore, measureTurns } from '../src/measure-growth.mjs';
import { measureMemory } from '../src/measure-memory.mjs';
import { measureStart } from '../src/measure-start.mjs';
import { measureStream } from '../src/measure-stream.mjs';
import { measureWeight } from '../src/measure-weight.mjs';
import { pages } from '../src/pages.mjs';
import { printTable, rows, TARGETS } from '../src/report.mjs';
import { serveStatic } from '../src/server.mjs';
import { median, ratio } from '../src/stats.mjs';

const here = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const cdnDir = join(dirname(require.resolve('ai-chat/package.json')), 'dist/cdn');
const deepDir = join(dirname(require.resolve('deep-chat/package.json')), 'dist');
const KINDS = ['ours', 'deep'];
const int = (name, fallback) => Math.max(1, Number.parseInt(process.env[name] ?? '', 10) || fallback);
// BENCH_ONLY=weight,launcher,start,start4x,first,stream500,burst,... runs only these parts (see
// README); the table shows the rest as –.
const only = process.env.BENCH_ONLY?.split(',').map((x) => x.trim());
const wanted = (part) => !only || only.includes(part);
// BENCH_CRASH=<part>[:2] kills the browser during the first (or both) attempts of that part: a check
// that a crash costs one measurement, never the run.
const [crashPart, crashTimes = '1'] = (process.env.BENCH_CRASH ?? '').split(':');

const config = {
  tokenDelayMs: 4,
  runs: {
    weight: 1,
    start: int('BENCH_RUNS_START', 7),
    /** At 4× CPU (Lighthouse's mobile CPU): start, and the first reply of a fresh element. */
    start4x: int('BENCH_RUNS_START_4X', 5),
    first: int('BENCH_RUNS_FIRST', 3),
    stream: {
      500: int('BENCH_RUNS_STREAM_500', 5),
      2000: int('BENCH_RUNS_STREAM_2000', 3),
      8000: int('BENCH_RUNS_STREAM_8000', 1),
    },
    memory: int('BENCH_RUNS_MEMORY', 3),
    growth: int('BENCH_RUNS_GROWTH', 1),
  },
  turns: 100,
  burstChunks: [1000, 5000],
  conversationTurns: 200,
  restoreMessages: 10000,
  pasteBytes: 1024 * 1024,
};

const t0 = Date.now();
const log = (...a) => console.log(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s]`, ...a);
const server = await serveStatic({
  mounts: { '/ai-chat/': cdnDir, '/deep-chat/': deepDir, '/bench/': join(here, 'pages') },
  pages: pages(),
  lifetimeMs: 40 * 60_000,
});
const browsers = browserKeeper(launch);
const raw = {
  weight: {},
  launcher: undefined,
  start: {},
  start4x: {},
  first: {},
  stream: {},
  memory: {},
  burst: {},
  turns: {},
  restore: {},
  paste: {},
};
const problems = [];
const failed = [];
const note = (kind, what, errors) => errors?.length && problems.push(`${kind} ${what}: ${errors.join('; ')}`);
let crashes = 0;

/** One measurement, retried once if it throws (a crashed browser is relaunched); undefined if it failed twice. */
async function measure(part, kind, what, run) {
  const result = await attempt(
    `${kind} ${what}`,
    async (browser, i) => {
      let timer;
      if (part === crashPart && i < Number(crashTimes))
        timer = setTimeout(() => (crashes++, browser.process()?.kill('SIGKILL')), 1500);
      try {
        return await run(browser);
      } finally {
        clearTimeout(timer);
      }
    },
    { browsers, log },
  );
  if (!result.ok) {
    failed.push(`${kind} ${what}: ${result.error} (after ${result.attempts} attempts)`);
    return undefined;
  }
  note(kind, what, result.value.errors);
  return result.value;
}

try {
  log(
    `runs: ${JSON.stringify(config.runs)}; token interval ${config.tokenDelayMs} ms; ${cpus().length} cores${only ? `; only ${only.join(', ')}` : ''}`,
  );
  log(`chromium ${await (await browsers.get()).version()}`);
  const origin = server.origin;

  if (wanted('weight')) {
    for (const kind of KINDS)
      raw.weight[kind] = await measure('weight', kind, 'weight', (browser) =>
        measureWeight({ browser, origin, kind, cdnDir }),
      );
    log('weight done');
  }

  if (wanted('launcher')) {
    raw.launcher = await measure('launcher', 'ours', 'launcher weight', (browser) =>
      measureWeight({ browser, origin, kind: 'launcher', cdnDir }),
    );
    log('launcher weight done');
  }

  /** `runs` rounds of one measurement of each element, alternating; each value kept in `raw[part]`. */
  async function alternate(part, what, runs, run, value = (r) => r) {
    if (!wanted(part)) return;
    for (const kind of KINDS) raw[part][kind] = [];
    for (let i = 0; i < runs; i++)
      for (const kind of KINDS) {
        const r = await measure(part, kind, what, (browser) => run(browser, kind));
        if (r) raw[part][kind].push(value(r));
      }
    log(`${what} done`);
  }
  const ms = (r) => r.ms;
  await alternate(
    'start',
    'start',
    config.runs.start,
    (browser, kind) => measureStart({ browser, origin, kind }),
    ms,
  );
  await alternate(
    'start4x',
    'start at 4× CPU',
    config.runs.start4x,
    (browser, kind) => measureStart({ browser, origin, kind, rate: 4 }),
    ms,
  );
  await alternate('first', 'first reply at 4× CPU', config.runs.first, (browser, kind) =>
    measureFirstReply({ browser, origin, kind, tokens: 500, tokenDelayMs: config.tokenDelayMs }),
  );

  for (const kind of KINDS) raw.stream[kind] = {};
  for (const [length, runs] of Object.entries(config.runs.stream)) {
    if (!wanted(`stream${length}`)) continue;
    for (let i = 0; i < runs; i++)
      for (const kind of KINDS) {
        const r = await measure(`stream${length}`, kind, `stream ${length}`, (browser) =>
          measureStream({
            browser,
            origin,
            kind,
            lengths: [Number(length)],
            tokenDelayMs: config.tokenDelayMs,
          }),
        );
        if (r) (raw.stream[kind][length] ??= []).push(r.byLength[length]);
      }
    log(`stream ${length} tokens done`);
  }

  const growth = [
    ['burst', (browser, kind, n) => measureBurst({ browser, origin, kind, chunks: n }), config.burstChunks],
    [
      'turns',
      (browser, kind, n) => measureTurns({ browser, origin, kind, turns: n }),
      [config.conversationTurns],
    ],
    [
      'restore',
      (browser, kind, n) => measureRestore({ browser, origin, kind, count: n }),
      [config.restoreMessages],
    ],
    ['paste', (browser, kind, n) => measurePaste({ browser, origin, kind, bytes: n }), [config.pasteBytes]],
  ];
  for (const [part, run, sizes] of growth) {
    if (!wanted(part)) continue;
    for (const kind of KINDS) raw[part][kind] = {};
    for (const n of sizes)
      for (let i = 0; i < config.runs.growth; i++)
        for (const kind of KINDS) {
          const r = await measure(part, kind, `${part} ${n}`, (browser) => run(browser, kind, n));
          if (r) (raw[part][kind][n] ??= []).push(r);
        }
    log(`${part} done`);
  }

  if (wanted('memory')) {
    for (const kind of KINDS) raw.memory[kind] = [];
    for (let i = 0; i < config.runs.memory; i++)
      for (const kind of KINDS) {
        const r = await measure('memory', kind, 'memory', (browser) =>
          measureMemory({ browser, origin, kind, turns: config.turns }),
        );
        if (r) raw.memory[kind].push(r);
      }
    log('memory done');
  }

  raw.gpu = (await measure('gpu', 'ours', 'gpu probe', (browser) => probeGpu({ browser, origin }))) ?? {};
} finally {
  await browsers.close();
  await server.close();
}

// Medians of every figure, per element.
const medianOf = (list, key) => median((list ?? []).map((x) => x[key]));
const byLength = (part, kind) =>
  Object.fromEntries(
    Object.entries(part[kind] ?? {}).map(([length, list]) => [
      length,
      Object.fromEntries(
        Object.keys(list[0])
          .filter((key) => key !== 'errors')
          .map((key) => [key, medianOf(list, key)]),
      ),
    ]),
  );
const streamSummary = (kind) => byLength(raw.stream, kind);
const streaming = { ours: streamSummary('ours'), deep: streamSummary('deep') };
streaming.growth = Object.fromEntries(
  KINDS.map((k) => [k, ratio(streaming[k][8000]?.busy, streaming[k][500]?.busy)]),
);
const memorySummary = (kind) =>
  Object.fromEntries(
    [
      'empty',
      'fresh',
      'afterTurns',
      'afterReset',
      'freshWarm',
      'freshWithoutCode',
      'afterResetWithoutCode',
      'messages',
      'messagesAfterReset',
    ].map((key) => [key, medianOf(raw.memory[kind], key)]),
  );
const growthSummary = Object.fromEntries(
  ['burst', 'turns', 'restore', 'paste'].map((part) => [
    part,
    { ours: byLength(raw[part], 'ours'), deep: byLength(raw[part], 'deep') },
  ]),
);
const pick = (o, keys) => Object.fromEntries(keys.map((k) => [k, o[k]]));
const engine = {
  measured: false,
  gpu: raw.gpu,
  reason:
    !raw.gpu.adapter && raw.gpu.realGpu === undefined
      ? 'not probed'
      : !raw.gpu.realGpu
        ? `no real GPU: WebGPU adapter is ${raw.gpu.adapter ?? 'absent'}`
        : !raw.gpu.cachedModel
          ? 'no model in the browser cache'
          : 'a GPU and a cached model are present, but this bench does not measure engine overhead yet',
};
const firstSummary = (kind) =>
  Object.fromEntries(
    ['longTasks', 'longTaskMs', 'maxFrameGapMs', 'cpuOver50', 'cpuLongestMs'].map((key) => [
      key,
      medianOf(raw.first[kind], key),
    ]),
  );
const summary = {
  weight: { ours: raw.weight.ours, deep: raw.weight.deep, launcher: raw.launcher },
  streaming,
  growth: {
    config: pick(config, ['burstChunks', 'conversationTurns', 'restoreMessages', 'pasteBytes']),
    ...growthSummary,
  },
  memory: { turns: config.turns, ours: memorySummary('ours'), deep: memorySummary('deep') },
  start: { ours: median(raw.start.ours ?? []), deep: median(raw.start.deep ?? []) },
  start4x: { ours: median(raw.start4x.ours ?? []), deep: median(raw.start4x.deep ?? []) },
  first: { ours: firstSummary('ours'), deep: firstSummary('deep') },
  failed,
  engine,
};
const table = rows(summary);

console.log('');
printTable(table);
console.log('');
console.log(`Engine overhead: skipped (${engine.reason}).`);
console.log(
  `Runs (medians): start ${config.runs.start}, streaming ${Object.entries(config.runs.stream)
    .map(([l, n]) => `${n}× ${l} tok`)
    .join(
      ', ',
    )}, memory ${config.runs.memory}× ${config.turns} turns, at 4× CPU start ${config.runs.start4x} and first reply ${config.runs.first}, weight 1 (bytes do not vary).`,
);
console.log(
  `Stream pace: one token every ${config.tokenDelayMs} ms (setTimeout), same ScriptedEngine for both.`,
);
for (const p of problems) console.log(`page error: ${p}`);
if (crashes) console.log(`BENCH_CRASH: the browser was killed ${crashes} time(s) on purpose.`);
for (const f of failed) console.log(`FAILED (browser died or page broke twice; its rows show –): ${f}`);
console.log(`Total ${((Date.now() - t0) / 1000).toFixed(0)} s.`);

mkdirSync(join(here, 'results'), { recursive: true });
const out = join(here, 'results/latest.json');
writeFileSync(
  out,
  JSON.stringify(
    {
      date: new Date().toISOString(),
      machine: { cores: cpus().length, cpu: cpus()[0]?.model, node: process.version },
      config,
      targets: TARGETS,
      table,
      summary,
      runs: raw,
      problems,
      failed,
    },
    null,
    2,
  ) + '\n',
);
console.log(`Wrote ${out}`);
