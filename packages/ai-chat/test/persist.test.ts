import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { openDB } from 'idb';
import type { AiChat } from '../src/ai-chat.js';
import type { AiChatErrorEvent } from '../src/events.js';
import type { ChatMessage } from '../src/types.js';
import { $, record, ScriptedEngine, visibleMessages, waitUntil } from './helpers.js';

/** Read what IndexedDB holds for a key, the way a reload would find it. */
async function stored(key: string): Promise<ChatMessage[] | undefined> {
  const db = await openDB('ai-chat', 1, { upgrade: (d) => void d.createObjectStore('conversations') });
  const value = (await db.get('conversations', key)) as { messages: ChatMessage[] } | undefined;
  db.close();
  return value?.messages;
}

/** Write a raw value under a key, as another version of the element (or a broken disk) would. */
async function storeRaw(key: string, value: unknown): Promise<void> {
  const db = await openDB('ai-chat', 1, { upgrade: (d) => void d.createObjectStore('conversations') });
  await db.put('conversations', value, key);
  db.close();
}

async function storedRaw(key: string): Promise<unknown> {
  const db = await openDB('ai-chat', 1, { upgrade: (d) => void d.createObjectStore('conversations') });
  const value: unknown = await db.get('conversations', key);
  db.close();
  return value;
}

const contents = (messages: ChatMessage[] | undefined) => messages?.map((m) => m.content);

let n = 0;
const uniqueKey = () => `test-${Date.now()}-${n++}`;

const persisted = (key: string, engine = new ScriptedEngine()) =>
  fixture<AiChat>(html`<ai-chat persist=${key} .engine=${engine}></ai-chat>`);

/** Make IndexedDB throw, at the browser boundary, for the length of `run`. */
async function withoutIndexedDB<T>(run: () => Promise<T>): Promise<T> {
  const denied = () => {
    throw new DOMException('The user denied permission to access the database.', 'SecurityError');
  };
  const descriptor = Object.getOwnPropertyDescriptor(window, 'indexedDB')!;
  const transaction = IDBDatabase.prototype.transaction;
  // New opens fail, and so does a database this page opened before.
  Object.defineProperty(window, 'indexedDB', { configurable: true, get: denied });
  IDBDatabase.prototype.transaction = denied;
  try {
    return await run();
  } finally {
    Object.defineProperty(window, 'indexedDB', descriptor);
    IDBDatabase.prototype.transaction = transaction;
  }
}

describe('<ai-chat persist> (scripted engine)', () => {
  it('scripted engine: keeps the conversation and a new element with the same key restores it', async () => {
    const key = uniqueKey();
    const first = await persisted(key);
    await first.send('remember me');
    await waitUntil(async () => (await stored(key))?.length === 2, 'saved');
    first.remove();
    const second = await persisted(key);
    await waitUntil(() => second.messages.length === 2, 'restored');
    await second.updateComplete;
    expect(visibleMessages(second)).to.deep.equal(['remember me', 'You said: remember me']);
    const other = await persisted(uniqueKey());
    expect(other.messages).to.deep.equal([]);
  });

  it('scripted engine: a reload in the middle of a reply keeps the partial reply, marked interrupted', async () => {
    const key = uniqueKey();
    const engine = new ScriptedEngine({ replies: [{ text: 'part '.repeat(200), tokenDelayMs: 10 }] });
    const first = await persisted(key, engine);
    const reply = first.send('long answer please');
    await waitUntil(async () => {
      const messages = await stored(key);
      return messages?.length === 2 && messages[1]!.content.length > 20;
    }, 'a draft is saved while the reply streams');
    expect(first.status).to.equal('generating');
    const draft = (await stored(key))![1]!;
    expect(draft.role).to.equal('assistant');
    expect(draft.interrupted).to.equal(true);
    // "Reload": a new element with the same key, while the first one is still mid-reply.
    const second = await persisted(key);
    await waitUntil(() => second.messages.length === 2, 'restored');
    expect(second.messages[1]!.interrupted).to.equal(true);
    expect(second.messages[1]!.content.startsWith('part part')).to.equal(true);
    await second.updateComplete;
    expect($(second, '.interrupted')).to.exist;
    first.stop();
    await reply;
  });

  it('scripted engine: reset() clears the saved conversation', async () => {
    const key = uniqueKey();
    const el = await persisted(key);
    await el.send('to forget');
    await waitUntil(async () => (await stored(key))?.length === 2, 'saved');
    el.reset();
    await waitUntil(async () => (await stored(key)) === undefined, 'deleted');
    const again = await persisted(key);
    await again.updateComplete;
    expect(again.messages).to.deep.equal([]);
  });

  it('scripted engine: restoring appends what was said before the saved conversation arrived, and keeps both', async () => {
    const key = uniqueKey();
    const first = await persisted(key);
    await first.send('old');
    await waitUntil(async () => (await stored(key))?.length === 2);
    const second = await persisted(key);
    await waitUntil(() => second.messages.length === 2);
    await second.send('new');
    await waitUntil(async () => (await stored(key))?.length === 4);
    expect((await stored(key))!.map((m) => m.content)).to.deep.equal([
      'old',
      'You said: old',
      'new',
      'You said: new',
    ]);
  });

  it('scripted engine: when IndexedDB throws, ai-chat-error says so once and nothing on screen is lost', async () => {
    const key = uniqueKey();
    const errors = record<AiChatErrorEvent>(document.body, 'ai-chat-error');
    const el = await withoutIndexedDB(async () => {
      const engine = new ScriptedEngine();
      const el = await fixture<AiChat>(html`<ai-chat persist=${key} .engine=${engine}></ai-chat>`);
      await waitUntil(() => errors.length === 1, 'the failed restore is reported');
      expect(errors[0]!.message).to.match(/^The conversation could not be restored in this browser/);
      expect(errors[0]!.recoverable).to.equal(true);
      await el.updateComplete;
      expect($(el, '[part="error"]')!.textContent).to.contain('could not be restored');
      await el.send('still here');
      await el.send('and here');
      await el.updateComplete;
      expect(visibleMessages(el)).to.deep.equal([
        'still here',
        'You said: still here',
        'and here',
        'You said: and here',
      ]);
      return el;
    });
    // One element saves in order: once storage works again and the next message is saved, every
    // save that failed before has been reported, or not.
    await el.send('back');
    await waitUntil(async () => (await stored(key))?.length === 6, 'saved once storage works again');
    expect(errors.length, 'reported once, not per message').to.equal(1);
  });

  it('scripted engine: a save that fails is reported with ai-chat-error and the conversation stays', async () => {
    const key = uniqueKey();
    const el = await persisted(key);
    await el.send('saved fine');
    await waitUntil(async () => (await stored(key))?.length === 2);
    // Writes fail at the IndexedDB boundary, as when the disk is full.
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('Quota exceeded', 'QuotaExceededError');
    };
    try {
      const failed = oneEvent(el, 'ai-chat-error') as Promise<AiChatErrorEvent>;
      await el.send('not saved');
      const error = await failed;
      expect(error.code).to.equal('quota-exceeded');
      expect(error.message).to.match(/could not be saved.*stays on screen/);
    } finally {
      IDBObjectStore.prototype.put = put;
    }
    expect(visibleMessages(el)).to.deep.equal([
      'saved fine',
      'You said: saved fine',
      'not saved',
      'You said: not saved',
    ]);
  });
});

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

function errorsOn(target: EventTarget): AiChatErrorEvent[] {
  return record<AiChatErrorEvent>(target, 'ai-chat-error');
}
