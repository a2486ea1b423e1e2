/**
 * Errors in the element's language, for the visitor: the words come from the strings by code
 * (`network` → `errorNetwork`), or by the key a failure names (`errorBlocked`, `errorMessageTooLong`;
 * the code's words where a language has none), filled with the error's plain `detail`. Errors with
 * words of their own (a bad attribute value, a storage failure) show their own words.
 */
import type { AiChatError } from '../errors.js';
import type { ErrorCode } from '../types.js';

/** `network` → `errorNetwork`, `device-lost` → `errorDeviceLost`. */
export const errorKey = (code: ErrorCode): string =>
  `error${code.replace(/(?:^|-)(\w)/g, (_, c: string) => c.toUpperCase())}`;

/** The words to show for `error`, from `strings` when they have them (its own words' key, else its code's). */
export function errorText(error: AiChatError, strings: Partial<Record<string, string>>): string {
  const template = (error.words && strings[error.words]) || strings[errorKey(error.code)];
  if (error.detail === undefined) return error.message;
  if (template === undefined) return error.detail || error.message;
  return error.detail
    ? template.replace('{detail}', error.detail)
    : template.replace(/ ?[(（]\{detail\}[)）]/, '');
}
