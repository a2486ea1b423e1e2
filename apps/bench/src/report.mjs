// Turns the medians into table rows (ours, deep-chat, ours/deep-chat, target, met/missed) and
// prints them. Pure apart from `printTable`.
import { kb, ms, num, ratio } from './stats.mjs';

export const TARGETS = {
  /**
   * The inline element's budget before the first click, its preflight worker included: 36 KB (of
   * 1,024 bytes, as the framework apps' check counts it: apps/demo/shared/npm-app-suite.mjs).
   */
  weightGzipBytes: 36 * 1024,
  /** `<ai-chat launcher>` before the first click, with no worker started: 12 KB. */
  launcherGzipBytes: 12 * 1024,
  streamingRatio: 1 / 5,
  longTasksAt: 8000,
  /** Linear growth from 500 to 8,000 tokens is 16×; up to 25% above that still counts as linear. */
  linearGrowth: 16 * 1.25,
  heapAfterResetRatio: 1.1,
  engineOverhead: 0.98,
  /** A long conversation: a turn at the end costs at most this many times a turn at the start. */
  flatTurns: 1.5,
  /** 10,000 restored messages painted within this (ms). */
  restoreMs: 500,
  /** A 1 MB paste never stops the page for longer than this (ms) at once. */
  pasteFrameGapMs: 200,
  /** Long tasks during the first 500-token reply of a fresh element at 4× CPU. */
  firstReplyLongTasks: 0,
};

const verdict = (ok) => (ok === undefined ? '' : ok ? 'met' : 'MISSED');

/** Table rows from the summary (medians) computed in bench.mjs. */
export function rows(s) {
  const out = [];
  const row = (measure, ours, deep, r, target = '', ok) =>
    out.push({ measure, ours, deep, ratio: r, target, result: verdict(ok) });
  const w = s.weight;
  if (!w.ours || !w.deep) row('weight', '–', '–', '', 'measure failed', false);
  else weightRows(w, row);
  streamRows(s, row);
  growthRows(s.growth, row);
  memoryRows(s.memory, row);
  row(
    'start: script tag → usable input',
    ms(s.start.ours),
    ms(s.start.deep),
    num(ratio(s.start.ours, s.start.deep)),
  );
  mobileRows(s, row);
  row(
    'engine overhead (tokens/s vs web-llm)',
    s.engine.measured ? num(s.engine.ratio, 3) : 'skipped',
    '–',
    '',
    `≥ ${TARGETS.engineOverhead}`,
    s.engine.measured ? s.engine.ratio >= TARGETS.engineOverhead : undefined,
  );
  return out;
}

/** Under Lighthouse's mobile CPU (4× slower): start, and the first reply of a fresh element. */
function mobileRows(s, row) {
  const start = s.start4x ?? {};
  if (start.ours !== undefined || start.deep !== undefined)
    row(
      'start at 4× CPU',
      ms(start.ours),
      ms(start.deep),
      num(ratio(start.ours, start.deep)),
      '≤ deep-chat',
      Number.isFinite(start.ours) ? start.ours <= start.deep : undefined,
    );
  const { ours: o = {}, deep: d = {} } = s.first ?? {};
  if (o.longTasks === undefined && d.longTasks === undefined) return;
  row(
    'first reply (500 tok) at 4× CPU: long tasks (n / total)',
    `${num(o.longTasks, 0)} / ${ms(o.longTaskMs)}`,
    `${num(d.longTasks, 0)} / ${ms(d.longTaskMs)}`,
    '',
    `${TARGETS.firstReplyLongTasks} long tasks`,
    Number.isFinite(o.longTasks) ? o.longTasks <= TARGETS.firstReplyLongTasks : undefined,
  );
  row(
    'first reply (500 tok) at 4× CPU: longest frame gap',
    ms(o.maxFrameGapMs),
    ms(d.maxFrameGapMs),
    num(ratio(o.maxFrameGapMs, d.maxFrameGapMs)),
  );
  row(
    '  tasks over 50 ms of CPU time / longest',
    `${num(o.cpuOver50, 0)} / ${ms(o.cpuLongestMs)}`,
    `${num(d.cpuOver50, 0)} / ${ms(d.cpuLongestMs)}`,
    '',
    'informative: not inflated by a busy machine',
  );
}

const bytes = (n) => (Number.isFinite(n) ? `${n.toLocaleString('en')} B` : '–');

function weightRows(w, row) {
  const gz = ratio(w.ours.eager.gzip, w.deep.eager.gzip);
  row(
    'weight before first click, raw',
    kb(w.ours.eager.raw),
    kb(w.deep.eager.raw),
    num(ratio(w.ours.eager.raw, w.deep.eager.raw)),
  );
  row(
    '  of which the preflight worker, gzip',
    kb(w.ours.eagerWorker?.gzip),
    '–',
    '',
    'started for the consent card',
  );
  row(
    'weight before first click, gzip',
    bytes(w.ours.eager.gzip),
    bytes(w.deep.eager.gzip),
    num(gz),
    `≤ ${bytes(TARGETS.weightGzipBytes)}`,
    w.ours.eager.gzip <= TARGETS.weightGzipBytes,
  );
  const l = w.launcher;
  if (l)
    row(
      'launcher: weight before first click, gzip',
      `${bytes(l.eager.gzip)}, ${l.eagerWorker.files.length ? 'a worker' : 'no worker'}`,
      bytes(w.deep.eager.gzip),
      num(ratio(l.eager.gzip, w.deep.eager.gzip)),
      `≤ ${bytes(TARGETS.launcherGzipBytes)}, no worker`,
      l.eager.gzip <= TARGETS.launcherGzipBytes && l.eagerWorker.files.length === 0,
    );
  row(
    'weight before first click, brotli',
    kb(w.ours.eager.brotli),
    kb(w.deep.eager.brotli),
    num(ratio(w.ours.eager.brotli, w.deep.eager.brotli)),
  );
  const lazy = [...w.ours.lazyOnReply.files, ...(w.ours.lazyNeverLoaded?.files ?? [])];
  const lazyText = (files) =>
    files.length ? `${kb(files.reduce((t, f) => t + f.gzip, 0))} (${files.length})` : 'none';
  row('lazy chunks, gzip (not counted)', lazyText(lazy), lazyText(w.deep.lazyOnReply.files), '');
  if (w.ours.webllm)
    row('web-llm chunk, gzip (separate)', kb(w.ours.webllm.gzip), '–', '', 'loaded with a model only');
}

function streamRows(s, row) {
  for (const length of Object.keys({ ...s.streaming.ours, ...s.streaming.deep })) {
    const m = s.streaming.ours[length] ?? {};
    const d = s.streaming.deep[length] ?? {};
    const r = ratio(m.busy, d.busy);
    row(
      `stream ${length} tok: main-thread busy`,
      ms(m.busy),
      ms(d.busy),
      num(r),
      '≤ 0.20',
      r <= TARGETS.streamingRatio,
    );
    row(
      `stream ${length} tok: long tasks (n / total)`,
      `${m.longTasks} / ${ms(m.longTaskMs)}`,
      `${d.longTasks} / ${ms(d.longTaskMs)}`,
      '',
      Number(length) === TARGETS.longTasksAt ? '0 long tasks' : '',
      Number(length) === TARGETS.longTasksAt ? m.longTasks === 0 : undefined,
    );
    row(
      `stream ${length} tok: longest frame gap`,
      ms(m.maxFrameGapMs),
      ms(d.maxFrameGapMs),
      num(ratio(m.maxFrameGapMs, d.maxFrameGapMs)),
    );
  }
  const g = s.streaming.growth ?? {};
  row(
    'growth busy(8000)/busy(500)',
    num(g.ours, 1),
    num(g.deep, 1),
    '',
    `linear ≈ 16 (≤ ${TARGETS.linearGrowth})`,
    g.ours <= TARGETS.linearGrowth,
  );
}

function memoryRows(h, row) {
  if (h.ours.fresh === undefined && h.deep.fresh === undefined) return;
  row('heap, fresh element', kb(h.ours.fresh), kb(h.deep.fresh), num(ratio(h.ours.fresh, h.deep.fresh)));
  row(
    `heap, after ${h.turns} turns`,
    kb(h.ours.afterTurns),
    kb(h.deep.afterTurns),
    num(ratio(h.ours.afterTurns, h.deep.afterTurns)),
  );
  row(
    'heap, after reset()',
    kb(h.ours.afterReset),
    kb(h.deep.afterReset),
    num(ratio(h.ours.afterReset, h.deep.afterReset)),
  );
  row(
    'heap, fresh element, code loaded',
    kb(h.ours.freshWarm),
    kb(h.deep.freshWarm),
    num(ratio(h.ours.freshWarm, h.deep.freshWarm)),
  );
  const resetRatio = (x) => ratio(x.afterReset, x.freshWarm);
  row(
    '  after reset / first element (cold)',
    num(ratio(h.ours.afterReset, h.ours.fresh), 3),
    num(ratio(h.deep.afterReset, h.deep.fresh), 3),
    '',
    'informative',
  );
  row(
    'heap after reset / fresh (code loaded)',
    num(resetRatio(h.ours), 3),
    num(resetRatio(h.deep), 3),
    '',
    `≤ ${TARGETS.heapAfterResetRatio}`,
    resetRatio(h.ours) <= TARGETS.heapAfterResetRatio,
  );
  const dataRatio = (x) => ratio(x.afterResetWithoutCode, x.freshWithoutCode);
  row(
    '  same, without compiled code',
    num(dataRatio(h.ours), 3),
    num(dataRatio(h.deep), 3),
    '',
    'informative',
  );
}

/** Burst, long conversation, restored messages, 1 MB paste: cost that must not grow with history. */
function growthRows(g, row) {
  if (!g) return;
  const { burstChunks: [small, big] = [], conversationTurns: turns, restoreMessages, pasteBytes } = g.config;
  const pair = (part, n, key) => [g[part].ours[n]?.[key], g[part].deep[n]?.[key]];
  for (const n of [small, big]) {
    const [o, d] = pair('burst', n, 'busy');
    if (o === undefined && d === undefined) continue;
    row(`burst ${n} chunks (first reply): busy`, ms(o), ms(d), num(ratio(o, d)));
  }
  const [os, ds] = pair('burst', small, 'busy');
  const [ob, db] = pair('burst', big, 'busy');
  if (ob !== undefined || db !== undefined) {
    const linear = big / small;
    const grow = ratio(ob, os);
    row(
      `burst growth busy(${big})/busy(${small})`,
      num(grow, 1),
      num(ratio(db, ds), 1),
      '',
      `linear ≈ ${linear} (≤ ${linear * 1.25})`,
      grow <= linear * 1.25,
    );
  }
  const [of, df] = pair('turns', turns, 'firstPerTurn');
  const [ol, dl] = pair('turns', turns, 'lastPerTurn');
  if (of !== undefined || df !== undefined) {
    row(`${turns} turns: busy per turn, first tenth`, ms(of), ms(df), num(ratio(of, df)));
    row(`${turns} turns: busy per turn, last tenth`, ms(ol), ms(dl), num(ratio(ol, dl)));
    const grow = ratio(ol, of);
    row(
      `${turns} turns: last / first tenth`,
      num(grow, 2),
      num(ratio(dl, df), 2),
      '',
      `flat (≤ ${TARGETS.flatTurns})`,
      grow <= TARGETS.flatTurns,
    );
  }
  const [or, dr] = pair('restore', restoreMessages, 'busy');
  if (or !== undefined || dr !== undefined) {
    const [ow, dw] = pair('restore', restoreMessages, 'wallMs');
    row(`restore ${restoreMessages} messages: busy`, ms(or), ms(dr), num(ratio(or, dr)));
    const over = (v, x) => (!Number.isFinite(v) && x ? `> ${(x / 1000).toFixed(0)} s` : ms(v));
    const [ox, dx] = pair('restore', restoreMessages, 'overLimitMs');
    row(
      `restore ${restoreMessages} messages: until painted`,
      over(ow, ox),
      over(dw, dx),
      num(ratio(ow, dw)),
      `≤ ${ms(TARGETS.restoreMs)}`,
      ow <= TARGETS.restoreMs,
    );
  }
  const [ot, dt] = pair('paste', pasteBytes, 'busy');
  if (ot !== undefined || dt !== undefined) {
    const mb = (pasteBytes / 2 ** 20).toFixed(0);
    row(`${mb} MB paste, sent and answered: busy`, ms(ot), ms(dt), num(ratio(ot, dt)));
    const [og, dg] = pair('paste', pasteBytes, 'maxFrameGapMs');
    row(
      `${mb} MB paste: longest frame gap`,
      ms(og),
      ms(dg),
      num(ratio(og, dg)),
      `≤ ${ms(TARGETS.pasteFrameGapMs)}`,
      og <= TARGETS.pasteFrameGapMs,
    );
  }
}

export function printTable(table, log = console.log) {
  const head = {
    measure: 'measure',
    ours: '<ai-chat>',
    deep: 'deep-chat',
    ratio: 'ours/deep',
    target: 'target',
    result: 'result',
  };
  const cols = Object.keys(head);
  const width = Object.fromEntries(
    cols.map((c) => [c, Math.max(...[head, ...table].map((r) => String(r[c]).length))]),
  );
  const line = (r) =>
    cols
      .map((c) => String(r[c]).padEnd(width[c]))
      .join(' | ')
      .trimEnd();
  log(line(head));
  log(cols.map((c) => '-'.repeat(width[c])).join('-|-'));
  for (const r of table) log(line(r));
}
