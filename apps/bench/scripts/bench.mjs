// `pnpm bench`: <ai-chat> and deep-chat side by side, same machine, same run. Prints a table and
// writes results/latest.json. Targets are reported, never enforced (the exit code is 0 unless
// the bench itself breaks). Run counts can be raised through BENCH_RUNS_* (see README).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '../src/browser.mjs';
import { probeGpu } from '../src/measure-gpu.mjs';
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

const config = {
  tokenDelayMs: 4,
  runs: {
    weight: 1,
    start: int('BENCH_RUNS_START', 7),
    stream: {
      500: int('BENCH_RUNS_STREAM_500', 5),
      2000: int('BENCH_RUNS_STREAM_2000', 3),
      8000: int('BENCH_RUNS_STREAM_8000', 1),
    },
    memory: int('BENCH_RUNS_MEMORY', 3),
  },
  turns: 100,
};

const t0 = Date.now();
const log = (...a) => console.log(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s]`, ...a);
const server = await serveStatic({
  mounts: { '/ai-chat/': cdnDir, '/deep-chat/': deepDir, '/bench/': join(here, 'pages') },
  pages: pages(),
});
const browser = await launch();
const raw = { weight: {}, start: {}, stream: {}, memory: {} };
const problems = [];
const note = (kind, what, errors) => errors?.length && problems.push(`${kind} ${what}: ${errors.join('; ')}`);

try {
  log(
    `runs: ${JSON.stringify(config.runs)}; token interval ${config.tokenDelayMs} ms; ${cpus().length} cores`,
  );
  log(`chromium ${await browser.version()}`);

  for (const kind of KINDS) {
    raw.weight[kind] = await measureWeight({ browser, origin: server.origin, kind, cdnDir });
    note(kind, 'weight', raw.weight[kind].errors);
  }
  log('weight done');

  for (const kind of KINDS) raw.start[kind] = [];
  for (let i = 0; i < config.runs.start; i++)
    for (const kind of KINDS) {
      const r = await measureStart({ browser, origin: server.origin, kind });
      raw.start[kind].push(r.ms);
      note(kind, 'start', r.errors);
    }
  log('start done');

  for (const kind of KINDS) raw.stream[kind] = {};
  for (const [length, runs] of Object.entries(config.runs.stream)) {
    for (let i = 0; i < runs; i++)
      for (const kind of KINDS) {
        const r = await measureStream({
          browser,
          origin: server.origin,
          kind,
          lengths: [Number(length)],
          tokenDelayMs: config.tokenDelayMs,
        });
        (raw.stream[kind][length] ??= []).push(r.byLength[length]);
        note(kind, `stream ${length}`, r.errors);
      }
    log(`stream ${length} tokens done`);
  }

  for (const kind of KINDS) raw.memory[kind] = [];
  for (let i = 0; i < config.runs.memory; i++)
    for (const kind of KINDS) {
      const r = await measureMemory({ browser, origin: server.origin, kind, turns: config.turns });
      raw.memory[kind].push(r);
      note(kind, 'memory', r.errors);
    }
  log('memory done');

  raw.gpu = await probeGpu({ browser, origin: server.origin });
} finally {
  await browser.close();
  await server.close();
}

// Medians of every figure, per element.
const medianOf = (list, key) => median(list.map((x) => x[key]));
const streamSummary = (kind) =>
  Object.fromEntries(
    Object.entries(raw.stream[kind]).map(([length, list]) => [
      length,
      Object.fromEntries(Object.keys(list[0]).map((key) => [key, medianOf(list, key)])),
    ]),
  );
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
const engine = {
  measured: false,
  gpu: raw.gpu,
  reason: !raw.gpu.realGpu
    ? `no real GPU: WebGPU adapter is ${raw.gpu.adapter ?? 'absent'}`
    : !raw.gpu.cachedModel
      ? 'no model in the browser cache'
      : 'a GPU and a cached model are present, but this bench does not measure engine overhead yet',
};
const summary = {
  weight: { ours: raw.weight.ours, deep: raw.weight.deep },
  streaming,
  memory: { turns: config.turns, ours: memorySummary('ours'), deep: memorySummary('deep') },
  start: { ours: median(raw.start.ours), deep: median(raw.start.deep) },
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
    .join(', ')}, memory ${config.runs.memory}× ${config.turns} turns, weight 1 (bytes do not vary).`,
);
console.log(
  `Stream pace: one token every ${config.tokenDelayMs} ms (setTimeout), same ScriptedEngine for both.`,
);
for (const p of problems) console.log(`page error: ${p}`);
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
    },
    null,
    2,
  ) + '\n',
);
console.log(`Wrote ${out}`);
