import { expect } from '@open-wc/testing';
import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { PREBUILT_MODELS } from '../src/engine/worker/webllm/prebuilt-models.js';
import { checkLimits } from '../src/fit/limits.js';
import { rankCandidates } from '../src/fit/select.js';
import type { DeviceInfo } from '../src/fit/device.js';
import { device } from './devices.js';

describe("the worker's copy of WebLLM's prebuilt model list", () => {
  it('real web-llm: equals prebuiltAppConfig.model_list of the installed web-llm (run scripts/gen-models.mjs after an upgrade)', () => {
    expect(PREBUILT_MODELS).to.deep.equal(JSON.parse(JSON.stringify(prebuiltAppConfig.model_list)));
  });

  it('auto on the real list: a desktop with f16 and 8 GB, a desktop without f16, a 4 GB phone, a 2 GB phone, whatever the list order', () => {
    const best = (d: DeviceInfo) => rankCandidates(PREBUILT_MODELS, d, {})[0]?.model_id;
    const picks = [
      best(device({})),
      best(device({ shaderF16: false })),
      best(device({ deviceMemoryGB: 4 })),
      best(device({ deviceMemoryGB: 2 })),
    ];
    // Within each device's memory (three quarters of it), chat models only.
    const vram = (id: string | undefined) =>
      PREBUILT_MODELS.find((m) => m.model_id === id)!.vram_required_MB!;
    expect(vram(picks[0])).to.be.at.most(6144);
    expect(vram(picks[2])).to.be.at.most(3072);
    expect(vram(picks[3])).to.be.at.most(1536);
    expect(picks[0]).to.match(/q4f16|q0f16/);
    expect(picks[1]).to.match(/q4f32|q0f32/);
    for (const id of picks) expect(id).not.to.match(/-1k$|Math|Coder|embed|vision/);
    // The order does not depend on the list's order: the list reversed and rotated gives the same picks.
    const reversed = [...PREBUILT_MODELS].reverse();
    const rotated = [...PREBUILT_MODELS.slice(80), ...PREBUILT_MODELS.slice(0, 80)];
    for (const list of [reversed, rotated]) {
      expect([
        rankCandidates(list, device({}), {})[0]?.model_id,
        rankCandidates(list, device({ shaderF16: false }), {})[0]?.model_id,
        rankCandidates(list, device({ deviceMemoryGB: 4 }), {})[0]?.model_id,
        rankCandidates(list, device({ deviceMemoryGB: 2 }), {})[0]?.model_id,
      ]).to.deep.equal(picks);
    }
  });
});

describe('pure: checkLimits', () => {
  const cost = { downloadBytes: 900e6, vramMB: 1000, memoryLimitBytes: 4 * 2 ** 30 };
  const table: Array<
    [string, { maxModelSize?: number; maxMemory?: number }, typeof cost, string | undefined]
  > = [
    ['no limits, fits the device', {}, cost, undefined],
    ['download over max-model-size', { maxModelSize: 800e6 }, cost, 'model-size:800000000:900000000'],
    ['download equal to max-model-size', { maxModelSize: 900e6 }, cost, undefined],
    [
      'memory over max-memory',
      { maxMemory: 512 * 2 ** 20 },
      cost,
      `memory:${512 * 2 ** 20}:${1000 * 2 ** 20}`,
    ],
    [
      'memory over the device default',
      {},
      { ...cost, vramMB: 5000 },
      `memory:${4 * 2 ** 30}:${5000 * 2 ** 20}`,
    ],
    [
      'max-memory above the device default wins',
      { maxMemory: 8 * 2 ** 30 },
      { ...cost, vramMB: 5000 },
      undefined,
    ],
  ];
  for (const [name, limits, c, expected] of table) {
    it(name, () => {
      const refusal = checkLimits(c, limits);
      expect(refusal ? `${refusal.kind}:${refusal.limit}:${refusal.actual}` : undefined).to.equal(expected);
      if (refusal) expect(refusal.detail).to.match(/allows/);
    });
  }
});
