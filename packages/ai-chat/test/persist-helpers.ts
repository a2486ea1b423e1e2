// What the persist tests share: reading and writing IndexedDB as a reload (or another version of
// the element) would, unique keys, and an IndexedDB that throws.
import { fixture, html } from '@open-wc/testing';
import { openDB } from 'idb';
import type { AiChat } from '../src/ai-chat.js';
import type { AiChatErrorEvent } from '../src/events.js';
import type { ChatMessage } from '../src/types.js';
import { record, ScriptedEngine } from './helpers.js';

/** Read what IndexedDB holds for a key, the way a reload would find it. */
export async function stored(key: string): Promise<ChatMessage[] | undefined> {
  const db = await openDB('ai-chat', 1, { upgrade: (d) => void d.createObjectStore('conversations') });
  const value = (await db.get('conversations', key)) as { messages: ChatMessage[] } | undefined;
  db.close();
  return value?.messages;
}

/** Write a raw value under a key, as another version of the element (or a broken disk) would. */
export async function storeRaw(key: string, value: unknown): Promise<void> {
  const db = await openDB('ai-chat', 1, { upgrade: (d) => void d.createObjectStore('conversations') });
  await db.put('conversations', value, key);
  db.close();
}

export async function storedRaw(key: string): Promise<unknown> {
  const db = await openDB('ai-chat', 1, { upgrade: (d) => void d.createObjectStore('conversations') });
  const value: unknown = await db.get('conversations', key);
  db.close();
  return value;
}

export const contents = (messages: ChatMessage[] | undefined) => messages?.map((m) => m.content);

let n = 0;
export const uniqueKey = () => `test-${Date.now()}-${n++}`;

export const persisted = (key: string, engine = new ScriptedEngine()) =>
  fixture<AiChat>(html`<ai-chat persist=${key} .engine=${engine}></ai-chat>`);

/** Make IndexedDB throw, at the browser boundary, for the length of `run`. */
export async function withoutIndexedDB<T>(run: () => Promise<T>): Promise<T> {
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

export function errorsOn(target: EventTarget): AiChatErrorEvent[] {
  return record<AiChatErrorEvent>(target, 'ai-chat-error');
}
