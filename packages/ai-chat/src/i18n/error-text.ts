/**
 * Errors in the element's language. An `AiChatError` carries English plain words (also in
 * `ai-chat-error`); the element shows the same words from its strings, by code, with the detail
 * the English message was built with. Messages of their own (bad attribute values) show as they are.
 */
import { ERROR_MESSAGES, type AiChatError } from '../errors.js';
import type { ErrorCode } from '../types.js';

/** `network` → `errorNetwork`, `device-lost` → `errorDeviceLost`. */
export const errorKey = (code: ErrorCode): string =>
  `error${code.replace(/(?:^|-)(\w)/g, (_, c: string) => c.toUpperCase())}`;

/** The `{detail}` an English message was made with, or undefined when it was not made from the template. */
export function errorDetail(code: ErrorCode, message: string): string | undefined {
  const template = ERROR_MESSAGES[code];
  if (template === undefined) return undefined;
  if (!template.includes('{detail}')) return message === template ? '' : undefined;
  if (message === template.replace('{detail}', '').replace(' ()', '')) return '';
  const [before, after] = template.split('{detail}') as [string, string];
  if (message.length >= before.length + after.length && message.startsWith(before) && message.endsWith(after))
    return message.slice(before.length, message.length - after.length);
  return undefined;
}

/** The words to show for `error`, from `strings` when they have them. */
export function errorText(error: AiChatError, strings: Partial<Record<string, string>>): string {
  const detail = error.code === 'invalid-attribute' ? undefined : errorDetail(error.code, error.message);
  const template = detail === undefined ? undefined : strings[errorKey(error.code)];
  if (template === undefined || detail === undefined) return error.message;
  return detail ? template.replace('{detail}', detail) : template.replace(/ ?[(（]\{detail\}[)）]/, '');
}
