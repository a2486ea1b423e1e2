/**
 * The message log: a polite live region, the empty state (a greeting, or the page's `empty` slot,
 * and the page's suggested questions, each a button that sends it), the messages, and "jump to
 * latest".
 */
import { html, nothing } from 'lit';
import { icon, stroke } from './icons.js';
import { messageView, type MessageActions } from './message.js';
import { panelFor, type ViewState } from './state.js';

const downIcon = icon(stroke('M12 5v14M5.5 12.5 12 19l6.5-6.5'));

export interface LogActions extends MessageActions {
  jumpToLatest: () => void;
  /** Send a suggested question. */
  suggest: (text: string) => void;
}

function emptyView(s: ViewState, on: LogActions) {
  const t = s.strings;
  // What the page set: questions are the texts among it.
  const questions = Array.isArray(s.suggestions)
    ? s.suggestions.filter((q): q is string => typeof q === 'string' && q.trim() !== '')
    : [];
  return html`<div class="empty">
    <slot name="empty"
      ><p class="greeting">${t.emptyGreeting}</p>
      <p>${t.empty}</p></slot
    >
    ${
      questions.length
        ? html`<ul class="suggestions" aria-label=${t.suggestionsLabel}>
            ${questions.map(
              (text) =>
                html`<li><button type="button" @click=${() => on.suggest(text)}>${text}</button></li>`,
            )}
          </ul>`
        : nothing
    }
  </div>`;
}

export function logView(s: ViewState, on: LogActions) {
  const t = s.strings;
  const panel = panelFor(s);
  const empty = s.messages.length === 0 && !s.draft;
  // Before the chat can start, an empty log says nothing: the card above speaks.
  const hidden = empty && panel !== 'chat';
  const lastAssistant = lastIndex(s, 'assistant');
  const lastUser = lastIndex(s, 'user');
  // The reply that can be regenerated: the last one, answering the last question, none streaming.
  const regenerable =
    lastUser !== -1 && lastUser < lastAssistant && !s.draft ? s.messages[lastAssistant] : undefined;
  const list = [...s.messages, ...(s.draft ? [s.draft] : [])];
  const each = (m: (typeof list)[number]) =>
    messageView(s, m, { streaming: m === s.draft, last: m === regenerable }, on);
  const deps = [s.strings, s.allowImages, s.status, regenerable];
  return html`<div class="log-wrap" ?hidden=${hidden}>
    <div
      part="messages"
      class="messages"
      role="log"
      aria-live="polite"
      aria-label=${t.logLabel}
      aria-busy=${s.status === 'generating' ? 'true' : 'false'}
    >
      ${empty && !hidden ? emptyView(s, on) : nothing}
      ${s.windowed ? s.windowed(list, each, deps) : list.map(each)}
    </div>
    ${
      s.awayFromLatest && !hidden
        ? html`<button type="button" class="jump" @click=${on.jumpToLatest}>
            ${downIcon}<span>${t.jumpToLatest}</span>
          </button>`
        : nothing
    }
  </div>`;
}

function lastIndex(s: ViewState, role: string): number {
  for (let i = s.messages.length - 1; i >= 0; i--) if (s.messages[i]!.role === role) return i;
  return -1;
}
