import { expect } from '@open-wc/testing';
import { latestLoad, reusedPreflight } from '../src/engine/worker/shared/backend-kit.js';

describe('pure: what every worker backend does around a load', () => {
  it('a load reuses the preflight of the same spec once; another spec or a second load runs again', async () => {
    const runs: string[] = [];
    const preflights = reusedPreflight(async (spec) => runs.push(spec.model));
    const signal = latestLoad().start();
    await preflights.check({ model: 'a' });
    await preflights.forLoad({ model: 'a' }, signal);
    await preflights.forLoad({ model: 'a' }, signal);
    await preflights.check({ model: 'a' });
    await preflights.forLoad({ model: 'b' }, signal);
    expect(runs).to.deep.equal(['a', 'a', 'a', 'b']);
  });

  it('the latest load cancels the one before', () => {
    const loads = latestLoad();
    const first = loads.start();
    const second = loads.start();
    expect([first.aborted, (first.reason as Error).name, second.aborted]).to.deep.equal([
      true,
      'AbortError',
      false,
    ]);
    loads.cancel();
    expect(second.aborted).to.equal(true);
  });
});
