import { expect } from '@open-wc/testing';
import {
  BLOCK_FILL,
  calibrate,
  estimateTokens,
  fitContext,
  replyRoom,
  type FitInput,
} from '../src/fit/context.js';
import { overflowOf } from '../src/engine/page/overflow.js';
import type { ChatRole } from '../src/types.js';

/** A conversation of `turns` question/answer pairs and a new question, each message costing `each`. */
function conversation(turns: number, each = 100): Pick<FitInput, 'roles' | 'costs'> {
  const roles: ChatRole[] = [];
  for (let i = 0; i < turns; i++) roles.push('user', 'assistant');
  roles.push('user');
  return { roles, costs: roles.map(() => each) };
}

describe('pure: fitContext (what of a conversation goes into the context)', () => {
  const base = { fixed: 50, window: 1000, reserve: 150, from: 0 };
  // [what is given, the messages left out (or "too long")]
  const table: Array<[string, FitInput, number | 'too long']> = [
    ['all fits: nothing left out', { ...base, ...conversation(3) }, 0],
    ['exactly the room: nothing left out', { ...base, ...conversation(3), reserve: 1000 - 50 - 700 }, 0],
    // 11 messages of 100 = 1,100 > room 800: a cut, then what is kept fills at most 3/4 of the room (600).
    ['over: whole turns left out until 3/4 of the room', { ...base, ...conversation(5) }, 6],
    ['an earlier cut stays while what follows fits', { ...base, ...conversation(4), from: 4 }, 4],
    ['the cut moves on by a block, never back', { ...base, ...conversation(6), from: 4 }, 8],
    ['a cut inside a turn starts at its question', { ...base, ...conversation(3), from: 1 }, 2],
    [
      'the newest alone fills the room: only it',
      { ...base, ...conversation(2), costs: [100, 100, 100, 100, 800] },
      4,
    ],
    [
      'the newest over the room: too long',
      { ...base, ...conversation(2), costs: [1, 1, 1, 1, 801] },
      'too long',
    ],
    [
      'a system prompt that takes the room: too long',
      { ...base, ...conversation(0), fixed: 900 },
      'too long',
    ],
  ];
  for (const [name, input, expected] of table)
    it(name, () => {
      const fit = fitContext(input);
      if (expected === 'too long') {
        expect(fit.fits).to.equal(false);
        if (!fit.fits) expect(fit.needed).to.equal(input.costs.at(-1)! + input.reserve + input.fixed);
      } else expect(fit).to.deep.equal({ fits: true, from: expected });
    });

  it('what is kept after a new cut fits in BLOCK_FILL of the room, and the newest turn is always in', () => {
    for (let turns = 1; turns < 40; turns++) {
      const input = { ...base, ...conversation(turns, 37) };
      const fit = fitContext(input);
      if (!fit.fits) throw new Error('fits');
      const kept = input.costs.slice(fit.from).reduce((a, b) => a + b, 0);
      const room = base.window - base.reserve - base.fixed;
      expect(kept).to.be.at.most(fit.from === 0 ? room : room * BLOCK_FILL);
      expect(input.roles[fit.from]).to.equal('user');
    }
  });

  it('a conversation growing turn by turn moves its cut rarely (a stable, cached prefix)', () => {
    let from = 0;
    const moved: number[] = [];
    for (let turns = 1; turns < 60; turns++) {
      const fit = fitContext({ ...base, ...conversation(turns, 40), from });
      if (!fit.fits) throw new Error('fits');
      if (fit.from !== from) moved.push(turns);
      from = fit.from;
    }
    // Turns of 80 tokens in a room of 800: a block of a quarter of the room (200) is two turns and
    // more, so the cut moves at most every third turn, never at two turns in a row.
    expect(moved.length).to.be.greaterThan(5);
    for (let i = 1; i < moved.length; i++) expect(moved[i]! - moved[i - 1]!).to.be.at.least(3);
  });
});

describe('pure: replyRoom, estimateTokens, calibrate', () => {
  const rooms: Array<[number, number | undefined, number]> = [
    [4096, undefined, 1024],
    [2048, undefined, 512],
    [512, undefined, 128],
    [4096, 64, 64],
    [4096, 3000, 2048],
  ];
  for (const [window, maxTokens, room] of rooms)
    it(`replyRoom(${window}, ${maxTokens}) = ${room}`, () =>
      expect(replyRoom(window, maxTokens)).to.equal(room));

  it('estimateTokens: a third of the UTF-8 bytes, and the message overhead', () => {
    expect(estimateTokens('')).to.equal(4);
    expect(estimateTokens('abcdef')).to.equal(6);
    expect(estimateTokens('漢字')).to.equal(6); // 6 bytes
  });

  const scales: Array<[string, number, number, number | undefined, number]> = [
    ['a report four times the estimate: four at once', 1, 100, 400, 4],
    ['a report below the estimate: down slowly', 1, 100, 50, 0.85],
    ['no report: unchanged', 2, 100, undefined, 2],
    ['a report of nothing: unchanged', 2, 100, 0, 2],
  ];
  for (const [name, scale, estimated, reported, expected] of scales)
    it(`calibrate: ${name}`, () => expect(calibrate(scale, estimated, reported)).to.equal(expected));
});

describe("pure: overflowOf (a runtime's refusal of a request too long, and its count)", () => {
  const named = (name: string, message: string, extra = {}) =>
    Object.assign(new Error(message), { name, ...extra });
  const table: Array<[string, unknown, unknown]> = [
    [
      'our own count',
      named('ContextWindowSizeExceededError', 'x', { tokens: { needed: 700, window: 512 } }),
      { needed: 700, window: 512 },
    ],
    [
      "WebLLM's words",
      named(
        'ContextWindowSizeExceededError',
        'Prompt tokens exceed context window size: number of prompt tokens: 4350; context window size: 4096',
      ),
      { needed: 4350, window: 4096 },
    ],
    ['an overflow without a count', named('ContextWindowSizeExceededError', 'too long'), null],
    [
      'a count that is not whole numbers',
      named('ContextWindowSizeExceededError', 'x', { tokens: { needed: 'many', window: 1 } }),
      null,
    ],
    [
      'another error',
      named('DeviceLostError', 'number of prompt tokens: 1; context window size: 1'),
      undefined,
    ],
  ];
  for (const [name, error, expected] of table)
    it(name, () => expect(overflowOf(error)).to.deep.equal(expected));
});
