import { expect } from '@open-wc/testing';
import { parseRuntimes } from '../src/state/runtimes.js';

describe('pure: the runtime list', () => {
  const runtimes: Array<[unknown, string[], boolean]> = [
    [undefined, ['builtin', 'webgpu', 'wasm'], false],
    ['', ['builtin', 'webgpu', 'wasm'], false],
    ['wasm', ['wasm'], false],
    ['builtin webgpu wasm', ['builtin', 'webgpu', 'wasm'], false],
    ['WASM, webgpu', ['wasm', 'webgpu'], false],
    ['wasm wasm', ['wasm'], false],
    ['gpu', ['builtin', 'webgpu', 'wasm'], true],
    ['wasm turbo', ['wasm'], true],
    [5, ['builtin', 'webgpu', 'wasm'], true],
  ];
  for (const [value, expected, problem] of runtimes)
    it(`runtime=${JSON.stringify(value)} → ${expected.join(' ')}${problem ? ', named as a problem' : ''}`, () => {
      const parsed = parseRuntimes(value);
      expect(parsed.runtimes).to.deep.equal(expected);
      expect(parsed.problem !== undefined).to.equal(problem);
      if (problem) expect(parsed.problem).to.match(/^runtime="/);
    });
});
