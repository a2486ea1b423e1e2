/**
 * Errors in the element's language, for the visitor. The element shows the visitor's words for
 * the error's code from its strings; the page author's words (with the detail: limits, ids, the
 * runtime's own message) stay in `ai-chat-error` and the console. A bad attribute value is the
 * page author's to fix and shows its own message, as the contract says.
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

/**
 * The words to show for `error`: the visitor's words for its code from `strings`. A message of
 * its own (a bad attribute, or one not made from the code's template, like a failed save) shows
 * as it is.
 */
export function errorText(error: AiChatError, strings: Partial<Record<string, string>>): string {
  if (error.code === 'invalid-attribute' || errorDetail(error.code, error.message) === undefined)
    return error.message;
  return strings[errorKey(error.code)] ?? error.message;
}
