import { expect } from '@open-wc/testing';
import { parseRuntimes } from '../src/state/runtimes.js';

describe('pure: the runtime list', () => {
  const runtimes: Array<[unknown, string[], boolean]> = [
    [undefined, ['webgpu', 'wasm'], false],
    ['', ['webgpu', 'wasm'], false],
    ['wasm', ['wasm'], false],
    ['builtin webgpu wasm', ['builtin', 'webgpu', 'wasm'], false],
    ['WASM, webgpu', ['wasm', 'webgpu'], false],
    ['wasm wasm', ['wasm'], false],
    ['gpu', ['webgpu', 'wasm'], true],
    ['wasm turbo', ['wasm'], true],
    [5, ['webgpu', 'wasm'], true],
  ];
  for (const [value, expected, problem] of runtimes)
    it(`runtime=${JSON.stringify(value)} → ${expected.join(' ')}${problem ? ', named as a problem' : ''}`, () => {
      const parsed = parseRuntimes(value);
      expect(parsed.runtimes).to.deep.equal(expected);
      expect(parsed.problem !== undefined).to.equal(problem);
      if (problem) expect(parsed.problem).to.match(/^runtime="/);
    });
});
