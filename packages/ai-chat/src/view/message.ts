/**
 * One message: a user bubble or an assistant reply (Markdown, with a caret while it streams, dots
 * until its first token; an empty answer says so), and the reply's actions (copy; regenerate on
 * the last one).
 */
import { html, nothing } from 'lit';
import { longText } from '../render/long-text.js';
import { markdown } from '../render/markdown-directive.js';
import type { ChatMessage } from '../types.js';
import { copyIcon, regenerateIcon } from './icons.js';
import type { ViewState } from './state.js';

export interface MessageActions {
  regenerate: () => void;
}

/** Copy `text`; the button says "Copied" for a moment. */
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
                    class="ghost"
                    aria-label=${t.copyReplyLabel}
                    title=${t.copyReplyLabel}
                    @click=${(e: Event) => copy(message.content, e.currentTarget as HTMLElement)}
                  >
                    ${copyIcon}<span class="action-label">${t.copyReply}</span>
                  </button>`
                : nothing
            }
            ${
              options.last
                ? html`<button
                    type="button"
                    class="ghost"
                    data-action="regenerate"
                    aria-label=${t.regenerateLabel}
                    title=${t.regenerateLabel}
                    @click=${on.regenerate}
                  >
                    ${regenerateIcon}<span class="action-label">${t.regenerate}</span>
                  </button>`
                : nothing
            }
          </div>`
        : nothing
    }
  </div>`;
}
