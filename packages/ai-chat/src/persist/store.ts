/**
 * The conversations kept by `persist="key"`: one IndexedDB database `ai-chat`, store
 * `conversations`, one record per key. A separate chunk: pages without `persist` never load it.
 *
 * A record the element does not understand is never deleted or rewritten: `loadConversation`
 * reports it as unreadable and `mergeConversation` refuses to write over it. Writers that share a
 * key merge by message identity inside one IndexedDB transaction (see `record.ts`), so no turn is
 * lost when two tabs or two elements write the same key.
 */
import { openDB, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { mergeMessages, readRecord, type StoredMessage, type StoredRecord } from './record.js';

export type { StoredMessage } from './record.js';

const STORE = 'conversations';
type Tx = IDBPTransaction<unknown, [typeof STORE], 'readwrite'>;
let database: Promise<IDBPDatabase> | undefined;

/**
 * The open connection, shared by every element of the page. Another tab (or a later version of the
 * element) that opens the database at a higher version, or deletes it, is never kept waiting: on
 * `versionchange` this connection closes at once, and the next read or write opens it again (a
 * database now at a version this one cannot open fails there, said as a storage problem).
 */
function open(): Promise<IDBPDatabase> {
  if (database) return database;
  const opening: Promise<IDBPDatabase> = openDB('ai-chat', 1, {
    upgrade: (db) => void db.createObjectStore(STORE),
    blocking: (): void => forget(opening, true),
    terminated: (): void => forget(opening, false),
  });
  database = opening;
  opening.catch(() => forget(opening, false)); // try again next time
  return opening;
}

/** Drop the connection `opening` made (closing it when asked to), unless a newer one replaced it. */
function forget(opening: Promise<IDBPDatabase>, close: boolean) {
  if (database === opening) database = undefined;
  if (close)
    void opening.then(
      (db) => db.close(),
      () => undefined,
    );
}

/** What a key holds: nothing, a conversation, or a record this version cannot read (kept as it is). */
export type Loaded = { messages: StoredMessage[] } | { unreadable: string } | undefined;

export async function loadConversation(key: string): Promise<Loaded> {
  const raw: unknown = await (await open()).get(STORE, key);
  return readRecord(raw);
}

/**
 * Run `write` on the record of `key` inside one readwrite transaction, unless the stored record is
 * one this version cannot read: then nothing is written and the reason is returned.
 */
async function writeReadable(
  key: string,
  write: (store: Tx['store'], current: { messages: StoredMessage[] } | undefined) => Promise<unknown>,
): Promise<string | undefined> {
  const tx = (await open()).transaction(STORE, 'readwrite');
  const current = readRecord(await tx.store.get(key));
  if (current && 'unreadable' in current) {
    tx.abort();
    await tx.done.catch(() => undefined);
    return current.unreadable;
  }
  await write(tx.store, current);
  await tx.done;
  return undefined;
}

/**
 * Write `messages` (this writer's view) into the record of `key`, merged with what other writers
 * saved since: `known` are the ids this writer has seen (those missing from `messages` were
 * removed by it), `owned` the ids it wrote (its text wins for them). Returns the reason when the
 * stored record is unreadable, and then writes nothing.
 */
export function mergeConversation(
  key: string,
  messages: StoredMessage[],
  known: ReadonlySet<string>,
  owned: ReadonlySet<string>,
): Promise<string | undefined> {
  return writeReadable(key, (store, current) => {
    const merged = mergeMessages(current?.messages ?? [], messages, known, owned);
    const record: StoredRecord = { version: 1, messages: merged, savedAt: Date.now() };
    return merged.length ? store.put(record, key) : store.delete(key);
  });
}

/** Delete the record of `key`, unless it is one this version cannot read. */
export function deleteConversation(key: string): Promise<string | undefined> {
  return writeReadable(key, (store) => store.delete(key));
}
