/**
 * One message: a user bubble or an assistant reply (Markdown, with a caret while it streams, dots
 * until its first token; an empty answer says so), and the reply's actions: icon-only buttons
 * (copy, when there is text; regenerate on the last one), named for assistive technology, with a
 * tooltip of the same name on hover and focus. They show on hover or focus of their reply, always
 * on the last one and on touch screens.
 */
import { html, nothing } from 'lit';
import { longText } from '../render/long-text.js';
import { markdown } from '../render/markdown-directive.js';
import type { ChatMessage } from '../types.js';
import type { ViewState } from './state.js';

/**
 * The actions' icons are drawn in CSS (styles/log.ts): the log holds only text, Markdown and
 * buttons (no SVG, which the log never has), and no CSP can hide them.
 */
const cssIcon = (name: string) => html`<span class="i i-${name}" aria-hidden="true"></span>`;
const copyIcon = cssIcon('copy');
const regenerateIcon = cssIcon('regenerate');
const checkIcon = cssIcon('check');

export interface MessageActions {
  regenerate: () => void;
}

/** Copy `text`; the button says "Copied" (its tooltip, and a check mark) for a moment. */
function copy(text: string, button: HTMLElement) {
  void navigator.clipboard?.writeText(text).then(
    () => {
      button.dataset.copied = '';
      setTimeout(() => delete button.dataset.copied, 1500);
    },
    () => undefined,
  );
}

export function messageView(
  s: ViewState,
  message: ChatMessage,
  options: { streaming: boolean; last: boolean },
  on: MessageActions,
) {
  const t = s.strings;
  const who = message.role === 'user' ? 'user' : 'assistant';
  const waiting = options.streaming && !message.content;
  const idle = s.status !== 'generating' && !options.streaming;
  // A model may end its turn before its first word: an answer all the same, marked as empty.
  const empty = who === 'assistant' && !options.streaming && !message.content && !message.interrupted;
  return html`<div
    part="message message-${who}"
    class="message ${who}"
    data-role=${who}
    ?data-streaming=${options.streaming}
    ?data-last=${options.last}
  >
    <span class="visually-hidden">${who === 'user' ? t.you : t.assistant}:</span>
    ${
      waiting
        ? html`<div class="typing">
            <span class="visually-hidden">${t.typing}</span><span class="dot"></span><span class="dot"></span
            ><span class="dot"></span>
          </div>`
        : empty
          ? html`<div class="content empty-reply">${t.emptyReply}</div>`
          : who === 'user'
            ? html`<div class="content" dir="auto">${longText(message.content)}</div>`
            : html`<div
                class="content"
                dir="auto"
                ${markdown(message.content, options.streaming, {
                  allowImages: s.allowImages,
                  copyLabel: t.copyCode,
                  copyName: t.copyCodeLabel,
                  copiedLabel: t.copied,
                })}
              ></div>`
    }
    ${message.interrupted ? html`<span class="interrupted">${t.interrupted}</span>` : nothing}
    ${
      who === 'assistant' && idle && (message.content || options.last)
        ? html`<div class="message-actions">
            ${
              message.content
                ? html`<button
                    type="button"
                    class="action"
                    aria-label=${t.copyReplyLabel}
                    data-tip=${t.copyReply}
                    data-tip-done=${t.copied}
                    @click=${(e: Event) => copy(message.content, e.currentTarget as HTMLElement)}
                  >
                    ${copyIcon}${checkIcon}
                  </button>`
                : nothing
            }
            ${
              options.last
                ? html`<button
                    type="button"
                    class="action"
                    data-action="regenerate"
                    aria-label=${t.regenerateLabel}
                    data-tip=${t.regenerate}
                    @click=${on.regenerate}
                  >
                    ${regenerateIcon}
                  </button>`
                : nothing
            }
          </div>`
        : nothing
    }
  </div>`;
}
