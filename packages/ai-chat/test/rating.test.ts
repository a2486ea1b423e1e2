import { expect } from '@open-wc/testing';
import { rateLatency } from '../src/fit/rating.js';

describe('pure: rateLatency', () => {
  const table: Array<[number, number, string]> = [
    [5, 50, 'excellent'],
    [19.99, 50, 'excellent'],
    [20, 50, 'good'],
    [29.9, 50, 'good'],
    [30, 50, 'acceptable'],
    [50, 50, 'acceptable'],
    [50.01, 50, 'slow'],
    [25, 22, 'slow'],
    [Number.NaN, 50, 'slow'],
  ];
  for (const [ms, threshold, rating] of table)
    it(`${ms} ms/token with threshold ${threshold} is ${rating}`, () =>
      expect(rateLatency(ms, threshold)).to.equal(rating));
});
