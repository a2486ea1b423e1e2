/**
 * The conversations kept by `persist="key"`: one IndexedDB database `ai-chat`, store
 * `conversations`, one record per key. A separate chunk: pages without `persist` never load it.
 */
import { openDB, type IDBPDatabase } from 'idb';
import type { ChatMessage } from '../types.js';

export interface SavedConversation {
  messages: ChatMessage[];
  savedAt: number;
}

const STORE = 'conversations';
let database: Promise<IDBPDatabase> | undefined;

function open(): Promise<IDBPDatabase> {
  database ??= openDB('ai-chat', 1, { upgrade: (db) => void db.createObjectStore(STORE) });
  database.catch(() => (database = undefined)); // try again next time
  return database;
}

export async function loadConversation(key: string): Promise<SavedConversation | undefined> {
  return (await open()).get(STORE, key);
}

export async function saveConversation(key: string, conversation: SavedConversation): Promise<void> {
  await (await open()).put(STORE, conversation, key);
}

export async function deleteConversation(key: string): Promise<void> {
  await (await open()).delete(STORE, key);
}
