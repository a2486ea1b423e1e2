import { expect } from '@open-wc/testing';
import {
  begin,
  crashFor,
  crashLimit,
  end,
  limitOf,
  parseMarks,
  settle,
  type LoadMark,
  type LoadMarks,
} from '../src/fit/crashes.js';

// Pure: the marks loads leave, which of them a later visit reads as crashes, and what a crash does
// to the fit (see src/fit/crashes.ts).
const mark = (model: string, memoryBytes: number, lock = `lock-${model}`, runtime = 'wasm'): LoadMark => ({
  lock,
  model,
  runtime,
  memoryBytes,
});
const none: LoadMarks = { loading: [], crashed: [] };
const big = mark('Big', 800e6);
const small = mark('Small', 200e6);

describe('pure: load marks and crashes', () => {
  const parsed: Array<[string | null, LoadMarks]> = [
    [null, none],
    ['', none],
    ['not json', none],
    ['{"loading":"x","crashed":[{"lock":1}]}', none],
    [
      JSON.stringify({ loading: [big], crashed: [small, { model: 'no lock' }] }),
      { loading: [big], crashed: [small] },
    ],
  ];
  for (const [text, marks] of parsed)
    it(`parseMarks(${JSON.stringify(text)?.slice(0, 40)}) reads only well-formed marks`, () =>
      expect(parseMarks(text)).to.deep.equal(marks));

  // [marks, locks held now, the marks settled]
  const settled: Array<[string, LoadMarks, string[], LoadMarks]> = [
    [
      'a load whose page lives (lock held) stays a load',
      { loading: [big], crashed: [] },
      [big.lock],
      { loading: [big], crashed: [] },
    ],
    [
      'a load whose page is gone (lock free) is a crash',
      { loading: [big], crashed: [] },
      [],
      { loading: [], crashed: [big] },
    ],
    [
      'a second crash of a model replaces the first',
      { loading: [mark('Big', 800e6, 'again')], crashed: [big] },
      [],
      { loading: [], crashed: [mark('Big', 800e6, 'again')] },
    ],
    ['nothing marked: nothing changes', none, ['other'], none],
  ];
  for (const [name, marks, held, expected] of settled)
    it(`settle: ${name}`, () => expect(settle(marks, new Set(held))).to.deep.equal(expected));

  it('begin and end: a failed load leaves the crashes; a successful one clears its own and quiets the others', () => {
    const running = begin({ loading: [], crashed: [big] }, small);
    expect(running).to.deep.equal({ loading: [small], crashed: [big] });
    expect(end(running, small, false)).to.deep.equal({ loading: [], crashed: [big] });
    expect(end(running, small, true)).to.deep.equal({ loading: [], crashed: [{ ...big, quiet: true }] });
    expect(end(begin(running, big), big, true).crashed).to.deep.equal([]);
  });

  // [crashes, the model proposed, auto, the crash said]
  const said: Array<[string, LoadMark[], string, boolean, LoadMark | undefined]> = [
    ['the crashed model itself, named', [big], 'Big', false, big],
    ['another named model: none', [big], 'Small', false, undefined],
    ['auto proposes a smaller one: the crash that set the limit', [big, small], 'Tiny', true, small],
    ['auto, after a model loaded fine since: none', [{ ...big, quiet: true }], 'Small', true, undefined],
    ['the crashed model itself, even quiet', [{ ...big, quiet: true }], 'Big', true, { ...big, quiet: true }],
    ['another runtime is another model', [mark('Big', 800e6, 'l', 'webgpu')], 'Big', false, undefined],
  ];
  for (const [name, crashed, id, auto, expected] of said)
    it(`crashFor: ${name}`, () =>
      expect(crashFor(crashed, { id, runtime: 'wasm' }, auto)).to.deep.equal(expected));

  // [crashes, the page's limit, the limit for auto]
  const limits: Array<[LoadMark[], number | undefined, number | undefined]> = [
    [[], undefined, undefined],
    [[], 5e9, 5e9],
    [[big], undefined, limitOf(big)],
    [[big, small], 5e9, limitOf(small)],
    [[big], 100e6, 100e6],
    [[mark('Unknown', 0)], 5e9, 5e9],
  ];
  for (const [crashed, page, expected] of limits)
    it(`crashLimit: crashes ${crashed.map((c) => c.model).join(', ') || 'none'}, page limit ${page} → ${expected}`, () =>
      expect(crashLimit(crashed, page)).to.equal(expected));

  it('limitOf: under what the crashed model needs, however its need was rounded', () => {
    expect(limitOf(big)).to.be.lessThan(big.memoryBytes);
    // A need kept rounded up to 0.01 MB (the preflight's figure) is still over the limit.
    const exact = 72_778_400;
    const kept = Math.round((Math.round((exact / 2 ** 20) * 100) / 100) * 2 ** 20);
    expect(limitOf(mark('m', kept))).to.be.lessThan(exact);
  });
});
