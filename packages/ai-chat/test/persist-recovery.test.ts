import { expect } from '@open-wc/testing';
import { $, visibleMessages, waitUntil } from './helpers.js';
import { contents, errorsOn, persisted, stored, uniqueKey } from './persist-helpers.js';

/** Open the element's database at `version`, as another tab with a newer element would. */
function openAt(version: number): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open('ai-chat', version);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains('conversations'))
        request.result.createObjectStore('conversations');
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('open failed'));
  });
}

const settle = <T>(promise: Promise<T>) => {
  let done = false;
  void promise.finally(() => (done = true));
  return () => done;
};

describe('persist recovers (scripted engine, real IndexedDB)', () => {
  it('scripted engine: a quota warning goes away once saving works again', async () => {
    const key = uniqueKey();
    const el = await persisted(key);
    const errors = errorsOn(el);
    await el.send('saved fine');
    await waitUntil(async () => (await stored(key))?.length === 2, 'saved');
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('Quota exceeded', 'QuotaExceededError');
    };
    try {
      await el.send('not saved');
      await waitUntil(() => errors.length === 1, 'the failed save is said');
      await el.updateComplete;
      expect(errors[0]!.code).to.equal('quota-exceeded');
      expect($(el, '[part="error"]')?.textContent).to.contain('could not be saved');
    } finally {
      IDBObjectStore.prototype.put = put;
    }
    await el.send('space again');
    await waitUntil(async () => (await stored(key))?.length === 6, 'every message saved once there is space');
    await waitUntil(() => $(el, '[part="error"]') === null, 'the warning is gone');
    expect(el.status).to.equal('ready');
    expect(visibleMessages(el)).to.have.length(6);
  });

  it('scripted engine: another tab opening the database at a higher version is never blocked; this tab says so, then saves again', async () => {
    const key = uniqueKey();
    const el = await persisted(key);
    const errors = errorsOn(el);
    await el.send('one');
    await waitUntil(async () => (await stored(key))?.length === 2, 'saved');
    // The element's connection is open: a newer version elsewhere gets it closed, not blocked.
    const newer = openAt(2);
    const opened = settle(newer);
    await waitUntil(opened, 'the newer version opens (this tab closed its connection)', { timeout: 4000 });
    const v2 = await newer;
    try {
      await el.send('two');
      await waitUntil(() => errors.length === 1, 'this tab cannot save into the newer database: said once');
      expect(errors[0]!.code).to.equal('storage');
      expect(errors[0]!.recoverable).to.equal(true);
    } finally {
      v2.close();
      // Back to no database for the tests after this one, as a tab that deletes it would.
      await new Promise((resolve, reject) => {
        const deleting = indexedDB.deleteDatabase('ai-chat');
        deleting.onsuccess = resolve;
        deleting.onerror = () => reject(deleting.error ?? new Error('delete failed'));
        deleting.onblocked = () => reject(new Error('delete blocked by an open connection'));
      });
    }
    await el.send('three');
    await waitUntil(
      async () => (await stored(key))?.length === 6,
      'saved again once the database can be opened',
    );
    expect(contents(await stored(key))).to.deep.equal([
      'one',
      'You said: one',
      'two',
      'You said: two',
      'three',
      'You said: three',
    ]);
    await waitUntil(() => $(el, '[part="error"]') === null, 'the warning is gone');
  });
});
