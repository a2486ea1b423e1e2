/**
 * `<ai-chat launcher>`: the chat in a panel opened from a round button in the page's corner. The
 * button and the panel are a chunk of their own (`launcher/panel.ts`). Until the visitor shows
 * interest in the button (points at it, focuses it, clicks it), the element does not update at
 * all, so nothing is checked or started: no preflight, no worker. The script-tag loader may have
 * drawn the button (and adopted its sheet) before this code arrived: that sheet is kept past the
 * element's own.
 */
import { html, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { LauncherHost, LauncherPanel } from '../launcher/panel.js';
import { adoptSheet } from '../styles/adopt.js';
import type { LocaleController } from './locale-controller.js';

export interface LauncherControllerHost extends ReactiveControllerHost, LauncherHost {
  launcher: boolean;
}

export class LauncherController implements ReactiveController {
  #host: LauncherControllerHost;
  #locale: LocaleController;
  /** The sheets the loader adopted before the element was upgraded. */
  #sheets: readonly CSSStyleSheet[];
  #panel: LauncherPanel | undefined;
  #ready: Promise<void> | undefined;

  constructor(host: LauncherControllerHost, locale: LocaleController) {
    this.#host = host;
    this.#locale = locale;
    // A copy: the root's own list is live, and Lit sets it to the element's styles.
    this.#sheets = [...(host.shadowRoot?.adoptedStyleSheets ?? [])];
    host.addController(this);
  }

  hostConnected(): void {
    for (const sheet of this.#sheets) adoptSheet(this.#host.renderRoot as ShadowRoot, sheet);
  }

  /** Before an update: a launcher waits for its chunk and for the visitor's first sign of interest. */
  ready(): Promise<void> | undefined {
    if (!this.#host.launcher) return undefined;
    return (this.#ready ??= import('../launcher/panel.js').then(
      ({ LauncherPanel }) => (this.#panel = new LauncherPanel(this.#host, this.#locale.strings, html)).woken,
      () => undefined, // without its chunk, the chat shows where the element is, as an inline one
    ));
  }

  /** The element's view, in the panel when the element is a launcher. */
  wrap(view: unknown): unknown {
    return this.#host.launcher && this.#panel ? this.#panel.render(view, this.#locale.strings) : view;
  }
}
