/**
 * The composer's behaviour: what Enter does (send, or say why it cannot: the `notice` under the
 * text box), the text given back when a send was not kept in the log (refused, or the model failed
 * first) and nothing else was typed, and where focus goes after an action. A failed send is in the
 * log or in the composer, never both.
 */
import type { ReactiveControllerHost } from 'lit';
import { fitTextarea } from '../view/composer.js';
import { whyNotSend, type ViewState } from '../view/state.js';
import type { ConversationController } from './conversation-controller.js';

export interface ComposerHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export class ComposerController {
  /** A line under the composer (why Enter did nothing, for example). */
  notice = '';
  #host: ComposerHost;
  #conversation: ConversationController;

  constructor(host: ComposerHost, conversation: ConversationController) {
    this.#host = host;
    this.#conversation = conversation;
  }

  get #input(): HTMLTextAreaElement | null {
    return this.#host.renderRoot.querySelector('textarea');
  }

  /** Enter: send what was typed, or say why it cannot be sent now (`view`: what is on screen). */
  submit(view: ViewState): void {
    const input = this.#input;
    const text = input?.value ?? '';
    if (!input || !text.trim()) return;
    this.notice = whyNotSend(view);
    this.#host.requestUpdate();
    if (this.notice) return;
    input.value = '';
    fitTextarea(input);
    this.#conversation.send(text).catch((error: unknown) => {
      // The failure is shown by the element; a message not kept is given back, if nothing else was typed.
      const now = this.#input;
      if (now && !now.value && error instanceof Object && this.#conversation.unsent.has(error))
        now.value = text;
    });
    input.focus();
  }

  /** The visitor typed: a notice has said its piece. */
  typed(): void {
    if (!this.notice) return;
    this.notice = '';
    this.#host.requestUpdate();
  }

  /** After an action, move focus to `selector` once rendered (the text box when it is not there). */
  focusAfter(selector = 'textarea'): void {
    void this.#host.updateComplete.then(() => {
      const root = this.#host.renderRoot;
      (root.querySelector<HTMLElement>(selector) ?? this.#input)?.focus();
    });
  }
}
