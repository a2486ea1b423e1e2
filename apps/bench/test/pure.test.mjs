/* global structuredClone */
// Pure parts of the bench: the scripted Markdown stream, medians, sizes and the target verdicts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { markdownReply, replyTokens, subwords } from '../src/markdown.mjs';
import { fitCalibration, median, sizes } from '../src/stats.mjs';
import { rows, TARGETS } from '../src/report.mjs';
import { attempt, browserKeeper } from '../src/attempt.mjs';
import { overLimit, taskCpuTimes } from '../src/main-thread-tasks.mjs';

describe('main-thread tasks by CPU time', () => {
  it("counts the renderer main thread's tasks over 50 ms of CPU time, whatever their wall time", () => {
    const main = { pid: 1, tid: 2 };
    const trace = {
      traceEvents: [
        { name: 'thread_name', ph: 'M', ...main, args: { name: 'CrRendererMain' } },
        { name: 'thread_name', ph: 'M', pid: 1, tid: 3, args: { name: 'Compositor' } },
        { name: 'RunTask', ph: 'X', ...main, dur: 200_000, tdur: 30_000 }, // long in wall time only
        { name: 'RunTask', ph: 'X', ...main, dur: 80_000, tdur: 60_000 },
        { name: 'RunTask', ph: 'X', pid: 1, tid: 3, dur: 90_000, tdur: 90_000 }, // another thread
        { name: 'Layout', ph: 'X', ...main, dur: 70_000, tdur: 70_000 }, // not a task
      ],
    };
    assert.deepEqual(taskCpuTimes(trace), [30, 60]);
    assert.deepEqual(overLimit(taskCpuTimes(trace)), { count: 1, longestMs: 60 });
    assert.deepEqual(overLimit([]), { count: 0, longestMs: 0 });
  });
});

describe('scripted Markdown stream', () => {
  it('gives exactly the asked number of tokens, the same on every call', () => {
    for (const n of [1, 500, 2000]) {
      assert.equal(replyTokens(n, n).length, n);
      assert.deepEqual(replyTokens(n, n), replyTokens(n, n));
    }
    assert.notDeepEqual(replyTokens(50, 1), replyTokens(50, 2));
  });
  it('holds paragraphs, lists, a code block and a table', () => {
    const text = markdownReply(500, 500);
    assert.match(text, /^## /m);
    assert.match(text, /^(- |1\. )/m);
    assert.match(text, /^```js\n[^]*?\n```$/m);
    assert.match(text, /^\| Model \| Download \|/m);
    assert.match(text, /^\| --- \|/m);
  });
  it('splits words into sub-word tokens of at most 4 characters without changing the text', () => {
    const words = [' streaming', '\n\n##', ' a', ' tokens.'];
    const pieces = subwords(words);
    assert.equal(pieces.join(''), words.join(''));
    assert.deepEqual(pieces, [' stre', 'amin', 'g', '\n\n##', ' a', ' toke', 'ns.']);
  });
});

describe('statistics', () => {
  it('takes medians of odd and even counts, ignoring missing values', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([5, NaN, undefined]), 5);
    assert.ok(Number.isNaN(median([])));
  });
  it('fits the CPU calibration per engine and build: a fixed cost plus work over a speedup, by medians', () => {
    // Firefox: 2 ms + work / 4, with one reading of a busy moment (×3) that the medians leave out.
    const firefox = [1, 10, 40, 80, 160].map((work) => ({ work, measured: 2 + work / 4 }));
    firefox[3].measured *= 3;
    const rows = [
      ...firefox.map((r) => ({ engine: 'firefox', build: 'jspi-memory64', ...r })),
      { engine: 'webkit', build: 'compat', work: 10, measured: 10 },
      { engine: 'webkit', build: 'compat', work: 30, measured: 20 },
      { engine: 'webkit', build: 'compat', work: 0, measured: 5 },
      { engine: 'webkit', build: 'compat', work: 10, measured: NaN },
      { engine: 'chromium', build: 'compat', work: 10, measured: 12 },
    ];
    const fit = fitCalibration(rows).map((c) => ({ ...c, fixedMs: +c.fixedMs.toFixed(6) }));
    assert.deepEqual(fit.slice(0, 2), [
      { engine: 'firefox', build: 'jspi-memory64', fixedMs: 2, speedup: 4, rows: 5 },
      { engine: 'webkit', build: 'compat', fixedMs: 5, speedup: 2, rows: 2 },
    ]);
    // One row gives no slope: no speedup, and no fixed cost to say.
    assert.ok(Number.isNaN(fit[2].speedup) && Number.isNaN(fit[2].fixedMs));
  });

  it('compresses repetitive text smaller with gzip and brotli than raw', () => {
    const s = sizes(Buffer.from('<ai-chat></ai-chat>'.repeat(500)));
    assert.equal(s.raw, 9500);
    assert.ok(s.gzip < s.raw / 10 && s.brotli < s.raw / 10);
  });
});

describe('target verdicts', () => {
  const base = {
    weight: {
      ours: {
        eager: { raw: 46000, gzip: 15000, brotli: 14000 },
        lazyOnReply: { files: [] },
        lazyNeverLoaded: { files: [] },
        worker: { gzip: 2e6 },
      },
      deep: { eager: { raw: 400000, gzip: 110000, brotli: 90000 }, lazyOnReply: { files: [] } },
      launcher: { eager: { raw: 9000, gzip: 4000, brotli: 3500 }, eagerWorker: { files: [] } },
    },
    streaming: {
      ours: { 500: { busy: 10, longTasks: 0 }, 8000: { busy: 160, longTasks: 0 } },
      deep: { 500: { busy: 100, longTasks: 0 }, 8000: { busy: 5000, longTasks: 9 } },
      growth: { ours: 16, deep: 50 },
    },
    memory: {
      turns: 100,
      ours: {
        fresh: 900,
        freshWarm: 1000,
        afterTurns: 3000,
        afterReset: 1050,
        freshWithoutCode: 800,
        afterResetWithoutCode: 820,
      },
      deep: { fresh: 2000, freshWarm: 2100, afterTurns: 9000, afterReset: 5000 },
    },
    growth: {
      config: {
        burstChunks: [1000, 5000],
        conversationTurns: 200,
        restoreMessages: 10000,
        pasteBytes: 2 ** 20,
      },
      burst: {
        ours: { 1000: { busy: 20 }, 5000: { busy: 100 } },
        deep: { 1000: { busy: 500 }, 5000: { busy: 9000 } },
      },
      turns: {
        ours: { 200: { firstPerTurn: 5, lastPerTurn: 6 } },
        deep: { 200: { firstPerTurn: 10, lastPerTurn: 40 } },
      },
      restore: { ours: { 10000: { busy: 100, wallMs: 200 } }, deep: { 10000: { busy: 9000, wallMs: 9500 } } },
      paste: {
        ours: { [2 ** 20]: { busy: 100, maxFrameGapMs: 50 } },
        deep: { [2 ** 20]: { busy: 900, maxFrameGapMs: 800 } },
      },
    },
    start: { ours: 20, deep: 60 },
    start4x: { ours: 80, deep: 240 },
    first: {
      ours: { longTasks: 0, longTaskMs: 0, maxFrameGapMs: 33 },
      deep: { longTasks: 2, longTaskMs: 150, maxFrameGapMs: 120 },
    },
    engine: { measured: false },
  };
  const verdicts = (summary) => Object.fromEntries(rows(summary).map((r) => [r.measure, r.result]));

  it('marks every target met for figures inside them, and skips engine overhead', () => {
    const v = verdicts(base);
    assert.equal(v['weight before first click, gzip'], 'met');
    assert.equal(v['launcher: weight before first click, gzip'], 'met');
    assert.equal(v['start at 4× CPU'], 'met');
    assert.equal(v['first reply (500 tok) at 4× CPU: long tasks (n / total)'], 'met');
    assert.equal(v['stream 500 tok: main-thread busy'], 'met');
    assert.equal(v['stream 8000 tok: long tasks (n / total)'], 'met');
    assert.equal(v['growth busy(8000)/busy(500)'], 'met');
    assert.equal(v['heap after reset / fresh (code loaded)'], 'met');
    assert.equal(v['burst growth busy(5000)/busy(1000)'], 'met');
    assert.equal(v['200 turns: last / first tenth'], 'met');
    assert.equal(v['restore 10000 messages: until painted'], 'met');
    assert.equal(v['1 MB paste: longest frame gap'], 'met');
    assert.equal(v['engine overhead (tokens/s vs web-llm)'], '');
    assert.equal(rows(base).find((r) => r.measure.includes('without compiled code')).ours, '1.025');
  });
  it('marks targets missed for figures outside them', () => {
    const worse = structuredClone(base);
    worse.weight.ours.eager.gzip = TARGETS.weightGzipBytes + 1;
    worse.weight.launcher.eagerWorker.files = [{ file: 'worker.js' }];
    worse.start4x.ours = 300;
    worse.first.ours.longTasks = 1;
    worse.streaming.ours[8000] = { busy: 4000, longTasks: 2 };
    worse.streaming.growth.ours = 400;
    worse.memory.ours.afterReset = 1200;
    worse.growth.burst.ours[5000].busy = 2000;
    worse.growth.turns.ours[200].lastPerTurn = 50;
    worse.growth.restore.ours[10000].wallMs = 3700;
    worse.growth.paste.ours[2 ** 20].maxFrameGapMs = 4000;
    const v = verdicts(worse);
    assert.equal(v['burst growth busy(5000)/busy(1000)'], 'MISSED');
    assert.equal(v['200 turns: last / first tenth'], 'MISSED');
    assert.equal(v['restore 10000 messages: until painted'], 'MISSED');
    assert.equal(v['1 MB paste: longest frame gap'], 'MISSED');
    assert.equal(v['weight before first click, gzip'], 'MISSED');
    assert.equal(v['launcher: weight before first click, gzip'], 'MISSED');
    assert.equal(v['start at 4× CPU'], 'MISSED');
    assert.equal(v['first reply (500 tok) at 4× CPU: long tasks (n / total)'], 'MISSED');
    assert.equal(v['stream 8000 tok: main-thread busy'], 'MISSED');
    assert.equal(v['stream 8000 tok: long tasks (n / total)'], 'MISSED');
    assert.equal(v['growth busy(8000)/busy(500)'], 'MISSED');
    assert.equal(v['heap after reset / fresh (code loaded)'], 'MISSED');
  });
  it('a failed measurement shows – and MISSED, and the other rows stay', () => {
    const failed = structuredClone(base);
    delete failed.weight.ours;
    delete failed.streaming.ours[8000];
    const table = rows(failed);
    const v = Object.fromEntries(table.map((r) => [r.measure, r]));
    assert.equal(v.weight.result, 'MISSED');
    assert.equal(v['stream 8000 tok: main-thread busy'].ours, '–');
    assert.equal(v['stream 500 tok: main-thread busy'].result, 'met');
  });
});

describe('a measurement whose browser dies', () => {
  const fakeBrowsers = () => {
    let launched = 0;
    let browser;
    return {
      launched: () => launched,
      kill: () => (browser.connected = false),
      keeper: browserKeeper(async () => {
        launched++;
        browser = { connected: true, close: async () => undefined, id: launched };
        return browser;
      }),
    };
  };
  it('is retried once in a new browser, and its value returned', async () => {
    const f = fakeBrowsers();
    let calls = 0;
    const result = await attempt(
      'x',
      async (browser) => {
        calls++;
        if (calls === 1) {
          f.kill();
          throw new Error('Protocol error: Connection closed.');
        }
        return browser.id;
      },
      { browsers: f.keeper },
    );
    assert.deepEqual(result, { ok: true, value: 2, attempts: 2 });
    assert.equal(f.launched(), 2);
  });
  it('dying twice is reported as failed, not thrown', async () => {
    const f = fakeBrowsers();
    const lines = [];
    const result = await attempt(
      'ours stream 8000',
      async () => {
        f.kill();
        throw new Error('Connection closed.');
      },
      { browsers: f.keeper, log: (line) => lines.push(line) },
    );
    assert.equal(result.ok, false);
    assert.equal(result.attempts, 2);
    assert.match(result.error, /Connection closed/);
    assert.equal(lines.length, 2);
    assert.equal(f.launched(), 2);
  });
});
