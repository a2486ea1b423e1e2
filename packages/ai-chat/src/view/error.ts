/**
 * The error card: the visitor's words and the ways forward the visitor can take. The element shows
 * it above the log for the model's errors, and the log at its end for the conversation's (a reply
 * that failed: Try again answers the same question again; a message too long for the model: the
 * text is back in the composer, to shorten).
 */
import { html, nothing } from 'lit';
import type { AiChatError } from '../errors.js';
import { errorText } from '../i18n/error-text.js';
import { alertIcon } from './icons.js';
import { FATAL, type ViewState } from './state.js';

export interface ErrorActions {
  retry: () => void;
  regenerate: () => void;
  clearCache: () => void;
  reset: () => void;
  dismiss: () => void;
}

export function errorView(s: ViewState, error: AiChatError, on: ErrorActions) {
  const t = s.strings;
  // A model library this runtime cannot start, a page's policy, a host that does not allow this
  // page: as final as a device that lacks WebGPU.
  const final = !error.recoverable && (error.code === 'engine' || error.words === 'errorBlocked');
  const fatal = (FATAL.has(error.code) || final) && !s.hasEngine;
  const warning = error.code === 'invalid-attribute';
  // While a model is loaded, trying again means asking for the last reply again.
  const lastIsUser = s.messages.at(-1)?.role === 'user' || s.messages.at(-1)?.interrupted;
  // A message too long for the model: shortening it is the way forward (the text is in the composer).
  const tooLong = error.words === 'errorMessageTooLong';
  const retry =
    !fatal &&
    !warning &&
    error.code !== 'context-window-exceeded' &&
    !(error.code === 'aborted' && s.hasEngine)
      ? s.hasEngine
        ? lastIsUser
          ? on.regenerate
          : undefined
        : on.retry
      : undefined;
  return html`<div part="error" class="card error ${warning ? 'warning' : ''}" role="alert">
    <div class="error-body">
      ${alertIcon}
      <p>${errorText(error, s.strings)}</p>
    </div>
    <div class="actions">
      ${
        retry
          ? html`<button type="button" class="primary" data-focus="retry" @click=${retry}>${t.retry}</button>`
          : nothing
      }
      ${
        // Files in the cache may be the cause: a full disk, or a load from the cache that failed.
        error.code === 'quota-exceeded' ||
        (error.code === 'engine' && !s.customEngine && s.modelInfo?.cached && !s.hasEngine)
          ? html`<button type="button" @click=${on.clearCache}>${t.clearCache}</button>`
          : nothing
      }
      ${
        error.code === 'context-window-exceeded' && !tooLong
          ? html`<button type="button" class="primary" @click=${on.reset}>${t.newConversation}</button>`
          : nothing
      }
      ${fatal ? nothing : html`<button type="button" class="link" @click=${on.dismiss}>${t.dismiss}</button>`}
    </div>
  </div>`;
}
