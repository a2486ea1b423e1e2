import { expect } from '@open-wc/testing';
import { canTransition, deriveStatus, type ModelPhase } from '../src/state/status.js';

describe('pure: status machine', () => {
  const table: Array<[string, string, boolean]> = [
    ['idle', 'checking', true],
    ['checking', 'downloading', true],
    ['downloading', 'loading', true],
    ['loading', 'ready', true],
    ['ready', 'generating', true],
    ['generating', 'ready', true],
    ['idle', 'generating', false],
    ['downloading', 'generating', false],
    ['loading', 'error', true],
    ['error', 'checking', true],
  ];
  for (const [from, to, ok] of table)
    it(`${from} → ${to}: ${ok}`, () => expect(canTransition(from as never, to as never)).to.equal(ok));
});

describe('pure: the derived status', () => {
  const statuses: Array<[ModelPhase, boolean, boolean, string]> = [
    ['idle', false, false, 'idle'],
    ['checking', false, false, 'checking'],
    ['ready', true, false, 'generating'],
    ['ready', true, true, 'generating'],
    ['ready', false, true, 'error'],
    ['idle', false, true, 'error'],
    ['downloading', false, false, 'downloading'],
  ];
  for (const [phase, generating, failed, status] of statuses)
    it(`phase ${phase}, ${generating ? 'a reply streaming' : 'no reply'}, ${failed ? 'a failure shown' : 'no failure'} → ${status}`, () => {
      expect(deriveStatus(phase, generating, failed)).to.equal(status);
    });
});
