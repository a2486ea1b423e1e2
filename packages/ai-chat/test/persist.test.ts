import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { AiChat } from '../src/ai-chat.js';
import type { AiChatErrorEvent } from '../src/events.js';
import { $, record, ScriptedEngine, visibleMessages, waitUntil } from './helpers.js';
import { persisted, stored, uniqueKey, withoutIndexedDB } from './persist-helpers.js';

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
