import { expect } from '@open-wc/testing';
import { ScriptedEngine, visibleMessages, waitUntil } from './helpers.js';
import { contents, errorsOn, persisted, stored, storedRaw, storeRaw, uniqueKey } from './persist-helpers.js';

describe('<ai-chat persist> keys, unreadable records and two writers (scripted engine)', () => {
  it("scripted engine: switching persist to another key shows exactly that key's conversation and writes nothing across keys", async () => {
    const alice = uniqueKey();
    const bob = uniqueKey();
    const bobs = await persisted(bob);
    await bobs.send('bob asks');
    await waitUntil(async () => (await stored(bob))?.length === 2, 'bob saved');
    bobs.remove();
    const el = await persisted(alice);
    await el.send('alice asks');
    await waitUntil(async () => (await stored(alice))?.length === 2, 'alice saved');
    el.persist = bob;
    await waitUntil(() => el.messages[0]?.content === 'bob asks', 'bob restored');
    await el.updateComplete;
    expect(visibleMessages(el)).to.deep.equal(['bob asks', 'You said: bob asks']);
    await el.send('bob again');
    await waitUntil(async () => (await stored(bob))?.length === 4, 'bob saved again');
    expect(contents(await stored(bob))).to.deep.equal([
      'bob asks',
      'You said: bob asks',
      'bob again',
      'You said: bob again',
    ]);
    expect(contents(await stored(alice))).to.deep.equal(['alice asks', 'You said: alice asks']);
  });

  it('scripted engine: removing persist and setting the same key again does not duplicate the conversation', async () => {
    const key = uniqueKey();
    const el = await persisted(key);
    await el.send('once');
    await waitUntil(async () => (await stored(key))?.length === 2, 'saved');
    el.persist = undefined;
    await el.updateComplete;
    const shown = el.messages[0];
    el.persist = key;
    await waitUntil(() => el.messages[0] !== shown, "the key's conversation is restored");
    await el.send('twice');
    await waitUntil(async () => (await stored(key))?.length === 4, 'saved again');
    await el.updateComplete;
    expect(visibleMessages(el)).to.deep.equal(['once', 'You said: once', 'twice', 'You said: twice']);
    expect(contents(await stored(key))).to.deep.equal(['once', 'You said: once', 'twice', 'You said: twice']);
  });

  for (const [name, record] of [
    [
      'a future version',
      { version: 2, messages: [{ role: 'user', content: 'from the future' }], savedAt: 1 },
    ],
    ['parts instead of content', { messages: [{ role: 'user', parts: [{ text: 'hi' }] }], savedAt: 1 }],
    ['a corrupted value', 'garbage'],
    [
      'some unknown messages',
      {
        messages: [
          { role: 'user', content: 'kept' },
          { role: 'tool', content: 'unknown role' },
        ],
        savedAt: 1,
      },
    ],
  ] as const) {
    it(`scripted engine: a stored record with ${name} is kept untouched, reported once as storage, and the element starts empty`, async () => {
      const key = uniqueKey();
      await storeRaw(key, record);
      const errors = errorsOn(document.body);
      const el = await persisted(key);
      await waitUntil(() => errors.length === 1, 'the unreadable record is reported');
      expect(errors[0]!.code).to.equal('storage');
      expect(errors[0]!.message).to.match(/cannot be read.*kept as it is/);
      expect(el.messages).to.deep.equal([]);
      await el.send('new words');
      await el.send('more words');
      el.reset();
      await el.send('after reset');
      await el.updateComplete;
      expect(visibleMessages(el)).to.deep.equal(['after reset', 'You said: after reset']);
      // One element saves in order: once a message under another key is saved, any write queued
      // for this key before it has landed.
      const other = uniqueKey();
      el.persist = other;
      await waitUntil(() => el.messages.length === 0, 'the other key shown');
      await el.send('elsewhere');
      await waitUntil(async () => (await stored(other))?.length === 2, 'saved under the other key');
      expect(await storedRaw(key)).to.deep.equal(record);
      expect(errors.length, 'reported once').to.equal(1);
    });
  }

  it('scripted engine: two elements with one key each keep their turn; a reload shows both', async () => {
    const key = uniqueKey();
    const first = await persisted(key);
    const second = await persisted(key);
    await Promise.all([first.send('from the first'), second.send('from the second')]);
    await first.send('first again');
    await waitUntil(async () => (await stored(key))?.length === 6, 'both writers saved', { timeout: 5000 });
    first.remove();
    second.remove();
    const reload = await persisted(key);
    await waitUntil(() => reload.messages.length === 6, 'restored');
    const shown = reload.messages.map((m) => m.content);
    for (const text of ['from the first', 'from the second', 'first again'])
      expect(shown, text).to.include(text).and.to.include(`You said: ${text}`);
    expect(shown.indexOf('from the first')).to.be.below(shown.indexOf('first again'));
  });

  it('scripted engine: a reply in progress while the conversation is restored goes on and lands after it', async () => {
    const key = uniqueKey();
    const first = await persisted(key);
    await first.send('old');
    await waitUntil(async () => (await stored(key))?.length === 2, 'saved');
    first.remove();
    const slow = new ScriptedEngine({ replies: [{ text: 'slow '.repeat(30), tokenDelayMs: 15 }] });
    const el = await persisted(key, slow);
    const reply = await el.send('new');
    expect(reply?.interrupted).to.equal(undefined);
    await waitUntil(async () => (await stored(key))?.length === 4, 'all saved');
    expect(contents(el.messages)).to.deep.equal(['old', 'You said: old', 'new', 'slow '.repeat(30)]);
  });

  it('scripted engine: a reset in one element does not come back from another element with the key', async () => {
    const key = uniqueKey();
    const first = await persisted(key);
    await first.send('old');
    await waitUntil(async () => (await stored(key))?.length === 2);
    const second = await persisted(key);
    await waitUntil(() => second.messages.length === 2, 'restored');
    first.reset();
    await waitUntil(async () => (await stored(key)) === undefined, 'deleted');
    await second.send('new');
    await waitUntil(async () => (await stored(key))?.length === 2, 'saved');
    expect(contents(await stored(key))).to.deep.equal(['new', 'You said: new']);
  });
});
