/**
 * The composer: a text box that grows with its text up to a limit, and one button that is Send or
 * Stop (same size, so nothing moves when they swap). Enter sends, Shift+Enter adds a line.
 */
import { html, nothing } from 'lit';
import { sendIcon, stopIcon } from './icons.js';
import { canSend, type ViewState } from './state.js';

export interface ComposerActions {
  submit: () => void;
  stop: () => void;
  /** The visitor typed (clears a notice). */
  input: () => void;
}

/** Fit the text box to its text (the CSS max-height stops it; then it scrolls). */
export function fitTextarea(textarea: HTMLTextAreaElement): void {
  textarea.style.height = 'auto';
  textarea.style.height = `${textarea.scrollHeight + (textarea.offsetHeight - textarea.clientHeight)}px`;
}

export function composerView(s: ViewState, on: ComposerActions) {
  const t = s.strings;
  const generating = s.status === 'generating';
  return html`<form
      class="composer"
      @submit=${(e: Event) => {
        e.preventDefault();
        on.submit();
      }}
    >
      <textarea
        part="input"
        rows="1"
        dir="auto"
        aria-label=${t.inputLabel}
        aria-describedby=${s.notice ? 'notice' : nothing}
        placeholder=${typeof s.placeholder === 'string' ? s.placeholder : t.placeholder}
        @keydown=${(event: KeyboardEvent) => {
          if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
            event.preventDefault();
            on.submit();
          }
        }}
        @input=${(event: Event) => {
          fitTextarea(event.target as HTMLTextAreaElement);
          on.input();
        }}
      ></textarea>
      ${
        generating
          ? html`<button part="stop-button" type="button" class="round stop" @click=${on.stop}>
              ${stopIcon}<span class="visually-hidden">${t.stop}</span>
            </button>`
          : html`<button part="send-button" type="submit" class="round send" ?disabled=${!canSend(s)}>
              ${sendIcon}<span class="visually-hidden">${t.send}</span>
            </button>`
      }
    </form>
    ${s.notice ? html`<p class="notice" id="notice" role="status">${s.notice}</p>` : nothing}`;
}
