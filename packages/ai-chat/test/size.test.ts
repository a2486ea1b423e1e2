import { expect } from '@open-wc/testing';
import { formatBytes, parseByteSize } from '../src/fit/size.js';

describe('pure: parseByteSize and formatBytes', () => {
  const table: Array<[string | number, number | undefined]> = [
    ['800MB', 800e6],
    ['1.5GB', 1.5e9],
    ['2GiB', 2 * 2 ** 30],
    ['512 MiB', 512 * 2 ** 20],
    ['1000', 1000],
    [1234, 1234],
    ['1e9', 1e9],
    ['10kb', 10_000],
    ['lots', undefined],
    ['', undefined],
    ['-5MB', undefined],
    ['5 parsecs', undefined],
    [Number.NaN, undefined],
    ['1e400', undefined],
    [Number.POSITIVE_INFINITY, undefined],
    ['1e30GB', undefined],
  ];
  for (const [input, bytes] of table)
    it(`${JSON.stringify(input)} → ${bytes}`, () => expect(parseByteSize(input)).to.equal(bytes));
  it('formats sizes like download dialogs', () => {
    expect([
      formatBytes(512),
      formatBytes(12_345),
      formatBytes(850e6),
      formatBytes(1.234e9),
      formatBytes(-1),
    ]).to.deep.equal(['512 B', '12 KB', '850 MB', '1.2 GB', '?']);
  });
});
