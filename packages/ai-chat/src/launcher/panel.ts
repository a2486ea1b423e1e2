/**
 * The launcher's panel, a chunk of its own (only `<ai-chat launcher>` fetches it): the element's
 * view in a dialog anchored to the round button, with a close button. The button is the one the
 * script-tag loader drew, or one made here; `aria-expanded` on it says whether the panel is open.
 * Opening moves focus into the chat; Escape or the close button closes it and gives focus back to
 * the button. The view stays rendered while closed, so the conversation (and what was typed) is
 * there at the next opening.
 */
import type { html as litHtml } from 'lit';
import type { Strings } from '../i18n/en.js';
import { isOpen, launcherButton, launcherSheet, nameButton, onIntent, pathIcon } from './button.js';

const CLOSE = 'M6.5 6.5l11 11M17.5 6.5l-11 11';

export interface LauncherHost extends HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly renderOptions: { renderBefore?: ChildNode | null };
  readonly updateComplete: Promise<boolean>;
  /** The element has rendered (it was inline before it became a launcher). */
  readonly hasUpdated: boolean;
  requestUpdate(): void;
}

/**
 * Lit's `html`, handed in by the element: this chunk imports nothing the element's first files
 * have, so that it splits none of them off into a chunk of their own (each split costs gzip).
 */
export type Html = typeof litHtml;

export class LauncherPanel {
  #host: LauncherHost;
  #html: Html;
  #closeIcon = pathIcon(CLOSE, 'icon');
  #button: HTMLButtonElement;
  /** Open at the last render (focus moves in when this turns true). */
  #shown = false;
  #wake!: () => void;
  /** Resolves at the visitor's first sign of interest (now, or before this code arrived). */
  readonly woken = new Promise<void>((resolve) => (this.#wake = resolve));

  constructor(host: LauncherHost, strings: Strings, html: Html) {
    this.#host = host;
    this.#html = html;
    host.setAttribute('launcher', '');
    const root = host.renderRoot as ShadowRoot;
    if (!root.adoptedStyleSheets.includes(launcherSheet()))
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, launcherSheet()];
    const button = (this.#button = launcherButton(host, strings));
    // The element's view goes before the button (as when the loader drew it first).
    host.renderOptions.renderBefore ??= button;
    onIntent(button, () => {
      this.#wake();
      host.requestUpdate();
    });
    // Interest shown before this code arrived, or an element on screen already: no waiting.
    if (button.dataset.woken !== undefined || host.hasUpdated) this.#wake();
  }

  #close = () => {
    this.#button.setAttribute('aria-expanded', 'false');
    this.#host.requestUpdate();
    this.#button.focus();
  };

  #keydown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented || event.isComposing) return;
    event.preventDefault();
    this.#close();
  };

  /** The element's view inside the panel (hidden while closed, never taken down). */
  render(view: unknown, t: Strings) {
    const button = this.#button;
    const open = isOpen(button);
    nameButton(button, t);
    button.setAttribute('aria-controls', 'panel');
    if (open && !this.#shown)
      void this.#host.updateComplete.then(() =>
        this.#host.renderRoot.querySelector<HTMLElement>('.panel [data-focus], .panel textarea')?.focus(),
      );
    this.#shown = open;
    const html = this.#html;
    return html`<div
      part="launcher-panel"
      class="panel"
      id="panel"
      role="dialog"
      aria-label=${t.launcherTitle}
      ?hidden=${!open}
      @keydown=${this.#keydown}
    >
      <div class="bar">
        <span>${t.launcherTitle}</span>
        <button type="button" class="close" aria-label=${t.launcherClose} @click=${this.#close}>
          ${this.#closeIcon}
        </button>
      </div>
      ${view}
    </div>`;
  }
}
