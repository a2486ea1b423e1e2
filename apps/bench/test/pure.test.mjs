/* global structuredClone */
// Pure parts of the bench: the scripted Markdown stream, medians, sizes and the target verdicts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { markdownReply, replyTokens, subwords } from '../src/markdown.mjs';
import { median, sizes } from '../src/stats.mjs';
import { rows, TARGETS } from '../src/report.mjs';

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
    start: { ours: 20, deep: 60 },
    engine: { measured: false },
  };
  const verdicts = (summary) => Object.fromEntries(rows(summary).map((r) => [r.measure, r.result]));

  it('marks every target met for figures inside them, and skips engine overhead', () => {
    const v = verdicts(base);
    assert.equal(v['weight, eager gzip'], 'met');
    assert.equal(v['stream 500 tok: main-thread busy'], 'met');
    assert.equal(v['stream 8000 tok: long tasks (n / total)'], 'met');
    assert.equal(v['growth busy(8000)/busy(500)'], 'met');
    assert.equal(v['heap after reset / fresh (code loaded)'], 'met');
    assert.equal(v['engine overhead (tokens/s vs web-llm)'], '');
    assert.equal(rows(base).find((r) => r.measure.includes('without compiled code')).ours, '1.025');
  });
  it('marks targets missed for figures outside them', () => {
    const worse = structuredClone(base);
    worse.weight.ours.eager.gzip = TARGETS.weightGzipBytes + 1;
    worse.streaming.ours[8000] = { busy: 4000, longTasks: 2 };
    worse.streaming.growth.ours = 400;
    worse.memory.ours.afterReset = 1200;
    const v = verdicts(worse);
    assert.equal(v['weight, eager gzip'], 'MISSED');
    assert.equal(v['stream 8000 tok: main-thread busy'], 'MISSED');
    assert.equal(v['stream 8000 tok: long tasks (n / total)'], 'MISSED');
    assert.equal(v['growth busy(8000)/busy(500)'], 'MISSED');
    assert.equal(v['heap after reset / fresh (code loaded)'], 'MISSED');
  });
});
