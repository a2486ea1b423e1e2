/**
 * The saved conversation's shape, read strictly, and the merge of two writers' views. Pure.
 *
 * A record is `{version: 1, messages: [{id, role, content, interrupted?}], savedAt}`; records
 * written before ids existed (no `version`, messages without `id`) are read with ids made from
 * their place, the same in every tab. Anything else (another version, an unknown role, a message
 * without text) makes the whole record unreadable: it is kept, never rewritten.
 */
import type { ChatMessage, ChatRole } from '../types.js';

export interface StoredMessage extends ChatMessage {
  id: string;
}

export interface StoredRecord {
  version: 1;
  messages: StoredMessage[];
  savedAt: number;
}

const ROLES: readonly ChatRole[] = ['user', 'assistant', 'system'];

function readMessage(value: unknown, index: number, legacy: boolean): StoredMessage | string {
  if (typeof value !== 'object' || value === null) return `message ${index} is not an object`;
  const m = value as Record<string, unknown>;
  if (!ROLES.includes(m.role as ChatRole)) return `message ${index} has an unknown role`;
  if (typeof m.content !== 'string') return `message ${index} has no text content`;
  if (m.interrupted !== undefined && typeof m.interrupted !== 'boolean')
    return `message ${index} has an unknown interrupted flag`;
  const id = legacy && m.id === undefined ? `legacy-${index}` : m.id;
  if (typeof id !== 'string' || !id) return `message ${index} has no id`;
  const message: StoredMessage = { id, role: m.role as ChatRole, content: m.content };
  if (m.interrupted) message.interrupted = true;
  return message;
}

/** Read a stored value: undefined when there is none, the messages, or why it cannot be read. */
export function readRecord(raw: unknown): { messages: StoredMessage[] } | { unreadable: string } | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'object' || raw === null) return { unreadable: 'the record is not an object' };
  const record = raw as Record<string, unknown>;
  const legacy = record.version === undefined;
  if (!legacy && record.version !== 1)
    return { unreadable: `the record has version ${JSON.stringify(record.version)}, this element reads 1` };
  if (!Array.isArray(record.messages)) return { unreadable: 'the record has no messages' };
  const messages: StoredMessage[] = [];
  const ids = new Set<string>();
  for (const [index, value] of record.messages.entries()) {
    const message = readMessage(value, index, legacy);
    if (typeof message === 'string') return { unreadable: message };
    if (ids.has(message.id)) return { unreadable: `message ${index} repeats an id` };
    ids.add(message.id);
    messages.push(message);
  }
  return { messages };
}

/**
 * Merge a writer's view into what is stored. Stored messages stay in their order, except those
 * this writer knew and removed; a message in both keeps the stored text unless this writer owns
 * it; this writer's messages new to the store follow, in its order.
 */
export function mergeMessages(
  stored: readonly StoredMessage[],
  mine: readonly StoredMessage[],
  known: ReadonlySet<string>,
  owned: ReadonlySet<string>,
): StoredMessage[] {
  const byId = new Map(mine.map((m) => [m.id, m]));
  const result: StoredMessage[] = [];
  const seen = new Set<string>();
  for (const message of stored) {
    const own = byId.get(message.id);
    if (!own && known.has(message.id)) continue;
    result.push(own && owned.has(message.id) ? own : message);
    seen.add(message.id);
  }
  // Only this writer's own messages are added: one it merely restored and that is gone now was
  // removed by another writer (a reset), and stays removed.
  for (const message of mine) if (!seen.has(message.id) && owned.has(message.id)) result.push(message);
  return result;
}
