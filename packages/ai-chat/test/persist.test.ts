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
    await withoutIndexedDB(async () => {
      const engine = new ScriptedEngine();
      const errors = record<AiChatErrorEvent>(document.body, 'ai-chat-error');
      const el = await fixture<AiChat>(html`<ai-chat persist=${uniqueKey()} .engine=${engine}></ai-chat>`);
      await waitUntil(() => errors.length === 1, 'the failed restore is reported');
      expect(errors[0]!.message).to.match(/^The conversation could not be restored in this browser/);
      expect(errors[0]!.recoverable).to.equal(true);
      await el.updateComplete;
      expect($(el, '[part="error"]')!.textContent).to.contain('could not be restored');
      await el.send('still here');
      await el.send('and here');
      await new Promise((resolve) => setTimeout(resolve, 50));
      await el.updateComplete;
      expect(visibleMessages(el)).to.deep.equal([
        'still here',
        'You said: still here',
        'and here',
        'You said: and here',
      ]);
      expect(errors.length, 'reported once, not per message').to.equal(1);
    });
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
