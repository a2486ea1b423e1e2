/**
 * The message log: a polite live region, the empty state (a greeting, or the page's `empty` slot;
 * which model answers when it started without a consent card; the page's suggested questions, each
 * a button that sends it), the messages (the first the model still sees marked, when the oldest are
 * left out of its context), the conversation's error at its end, where it happened, and "jump to
 * latest".
 */
import { html, nothing } from 'lit';
import { format } from '../i18n/format.js';
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
  // Started without a consent card (another tab's model, the browser's own): say which model answers.
  const info = s.modelInfo;
  const model = info?.download === 'browser' ? t.builtinModel : (info?.label ?? info?.id ?? '');
  return html`<div class="empty">
    <slot name="empty"
      ><p class="greeting">${t.emptyGreeting}</p>
      <p>${t.empty}</p></slot
    >
    ${info?.free ? html`<p class="free">${format(t.freeModel, { model })}</p>` : nothing}
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

/** `errorCard`: the error card, shown at the log's end when the error is the conversation's. */
export function logView(s: ViewState, on: LogActions, errorCard: unknown = nothing) {
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
  // Said once: above the first message the model still sees.
  const note = html`<p class="context-note" role="note">${t.contextTrimmed}</p>`;
  const each = (m: (typeof list)[number]) => {
    const options = { streaming: m === s.draft, last: m === regenerable };
    return html`${m === s.seenFrom ? note : nothing}${messageView(s, m, options, on)}`;
  };
  const deps = [s.strings, s.allowImages, s.status, regenerable, s.seenFrom];
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
      ${s.errorInLog && panel === 'chat' && !s.draft ? errorCard : nothing}
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
