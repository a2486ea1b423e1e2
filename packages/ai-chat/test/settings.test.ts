import { expect } from '@open-wc/testing';
import { readSettings, type RawSettings } from '../src/state/settings.js';

describe('pure: readSettings', () => {
  const base: RawSettings = {
    latencyThreshold: undefined,
    temperature: undefined,
    maxTokens: undefined,
    maxModelSize: undefined,
    maxMemory: undefined,
    contextPolicy: undefined,
  };
  const table: Array<[Partial<RawSettings>, string | undefined, Record<string, unknown>]> = [
    [{ latencyThreshold: '-3' }, 'latency-threshold', { latencyThreshold: 50 }],
    [{ latencyThreshold: 'fast' }, 'latency-threshold', { latencyThreshold: 50 }],
    [{ latencyThreshold: '80' }, undefined, { latencyThreshold: 80 }],
    [{ latencyThreshold: '0x10' }, 'latency-threshold', { latencyThreshold: 50 }],
    [{ latencyThreshold: '1e1' }, undefined, { latencyThreshold: 10 }],
    [{ maxTokens: '0b11' }, 'max-tokens', { maxTokens: undefined }],
    [{ maxModelSize: '1e400' }, 'max-model-size', { maxModelSize: undefined }],
    [{ temperature: 'hot' }, 'temperature', { temperature: undefined }],
    [{ temperature: '0.2' }, undefined, { temperature: 0.2 }],
    [{ temperature: 5 }, 'temperature', { temperature: undefined }],
    [{ maxTokens: '1.5' }, 'max-tokens', { maxTokens: undefined }],
    [{ maxTokens: '256' }, undefined, { maxTokens: 256 }],
    [{ maxModelSize: 'lots' }, 'max-model-size', { maxModelSize: undefined }],
    [{ maxModelSize: '1.5GB' }, undefined, { maxModelSize: 1.5e9 }],
    [{ maxMemory: '0' }, 'max-memory', { maxMemory: undefined }],
    [{ maxMemory: '4GiB' }, undefined, { maxMemory: 4 * 2 ** 30 }],
    [{}, undefined, { contextPolicy: 'trim' }],
    [{ contextPolicy: 'error' }, undefined, { contextPolicy: 'error' }],
    [{ contextPolicy: 'trim' }, undefined, { contextPolicy: 'trim' }],
    [{ contextPolicy: 'drop' }, 'context-policy', { contextPolicy: 'trim' }],
    [{ contextPolicy: 'ERROR' }, 'context-policy', { contextPolicy: 'trim' }],
  ];
  for (const [input, attribute, expected] of table) {
    it(`${JSON.stringify(input)} → ${attribute ?? 'valid'}`, () => {
      const { settings, problems } = readSettings({ ...base, ...input });
      expect(problems.map((p) => p.attribute)).to.deep.equal(attribute ? [attribute] : []);
      if (attribute) expect(problems[0]!.message).to.contain(attribute);
      for (const [key, value] of Object.entries(expected))
        expect(settings[key as keyof typeof settings]).to.equal(value);
    });
  }
});
