import { expect } from '@open-wc/testing';
import { runtimeKeys } from '../src/engine/page/runtime-keys.js';

describe('pure: the keys of a runtime', () => {
  it('a runtime key changes with what makes the runtime, and the limits key only with the limits', () => {
    const engine = { chat: { completions: { create: async () => [] } } } as never;
    const base = {
      engine: undefined,
      runtimes: ['webgpu', 'wasm'] as const,
      workerUrl: undefined,
      languages: ['en'],
      share: true,
    };
    const a = runtimeKeys({ ...base, runtimes: [...base.runtimes], spec: { model: 'auto' } });
    const same = runtimeKeys({ ...base, runtimes: [...base.runtimes], spec: { model: 'auto' } });
    const limited = runtimeKeys({
      ...base,
      runtimes: [...base.runtimes],
      spec: { model: 'auto', maxDownloadBytes: 5 },
    });
    const other = runtimeKeys({ ...base, runtimes: ['wasm'], spec: { model: 'auto' } });
    const alone = runtimeKeys({
      ...base,
      share: false,
      runtimes: [...base.runtimes],
      spec: { model: 'auto' },
    });
    const withEngine = runtimeKeys({
      ...base,
      engine,
      runtimes: [...base.runtimes],
      spec: { model: 'auto' },
    });
    const otherEngine = runtimeKeys({
      ...base,
      engine: { ...(engine as object) } as never,
      runtimes: [...base.runtimes],
      spec: { model: 'auto' },
    });
    expect(same).to.deep.equal(a);
    expect([limited.runtime === a.runtime, limited.limits === a.limits]).to.deep.equal([true, false]);
    expect(other.runtime).not.to.equal(a.runtime);
    expect(alone.runtime, 'share="none" makes another runtime').not.to.equal(a.runtime);
    expect(withEngine.runtime).not.to.equal(a.runtime);
    expect(otherEngine.runtime).not.to.equal(withEngine.runtime);
  });
});
