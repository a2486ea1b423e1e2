import { expect } from '@open-wc/testing';
import { defaultMemoryLimitMB, type DeviceInfo } from '../src/fit/device.js';
import { rankCandidates, refusal } from '../src/fit/select.js';
import { device } from './devices.js';

describe('pure: model selection on a table of devices', () => {
  const records = [
    { model_id: 'Big-8B-Instruct-q4f16_1-MLC', vram_required_MB: 5000, required_features: ['shader-f16'] },
    { model_id: 'Big-8B-Instruct-q4f32_1-MLC', vram_required_MB: 6100 },
    { model_id: 'Mid-3B-Instruct-q4f16_1-MLC', vram_required_MB: 2500, required_features: ['shader-f16'] },
    { model_id: 'Mid-3B-Instruct-q4f32_1-MLC', vram_required_MB: 2900 },
    { model_id: 'Small-1B-Instruct-q4f32_1-MLC', vram_required_MB: 1100 },
    { model_id: 'Small-1B-q4f32_1-MLC', vram_required_MB: 1000 },
    { model_id: 'Embed-q4f32_1-MLC', vram_required_MB: 300, model_type: 1 },
  ];
  const table: Array<[string, DeviceInfo, { maxMemoryMB?: number }, string | undefined]> = [
    ['desktop with f16, 8 GB', device({}), {}, 'Big-8B-Instruct-q4f16_1-MLC'],
    ['desktop without f16, 8 GB', device({ shaderF16: false }), {}, 'Big-8B-Instruct-q4f32_1-MLC'],
    [
      'desktop without f16, max-memory 6000 MB',
      device({ shaderF16: false }),
      { maxMemoryMB: 6000 },
      'Mid-3B-Instruct-q4f32_1-MLC',
    ],
    ['phone with 4 GB', device({ deviceMemoryGB: 4 }), {}, 'Mid-3B-Instruct-q4f16_1-MLC'],
    ['phone with 2 GB', device({ deviceMemoryGB: 2 }), {}, 'Small-1B-Instruct-q4f32_1-MLC'],
    [
      'memory unknown (4 GB assumed)',
      device({ deviceMemoryGB: undefined, shaderF16: false }),
      {},
      'Mid-3B-Instruct-q4f32_1-MLC',
    ],
    ['max-memory 500 MB', device({}), { maxMemoryMB: 500 }, undefined],
    ['no WebGPU', device({ webgpu: false }), {}, undefined],
  ];
  for (const [name, dev, limits, expected] of table)
    it(`${name} → ${expected ?? 'nothing'}`, () =>
      expect(rankCandidates(records, dev, limits)[0]?.model_id).to.equal(expected));
  it('the default memory limit is three quarters of device memory, 4 GB when unknown', () => {
    expect([
      defaultMemoryLimitMB({ deviceMemoryGB: 8 }),
      defaultMemoryLimitMB({ deviceMemoryGB: undefined }),
    ]).to.deep.equal([6144, 4096]);
  });
  it('says why a model cannot run', () => {
    expect(refusal(records[0]!, device({ shaderF16: false }), {})).to.equal('shader-f16');
    expect(refusal(records[1]!, device({}), {})).to.equal(undefined);
    expect(refusal(records[1]!, device({ deviceMemoryGB: 4 }), {})).to.equal('memory');
  });
});
