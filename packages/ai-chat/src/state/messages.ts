/**
 * Messages a page sets (`el.messages = …`), checked: anything but a list is an empty conversation;
 * entries without a known role or text content are left out; the rest are copied, so the page's
 * objects are never changed by the element. Pure.
 */
import type { ChatMessage } from '../types.js';

const ROLES: ReadonlySet<unknown> = new Set(['user', 'assistant', 'system']);

export function validMessages(value: unknown): ChatMessage[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((m: Partial<ChatMessage> | null) => m && typeof m.content === 'string' && ROLES.has(m.role))
    .map((m: ChatMessage) => ({ ...m }));
}
