/**
 * The element's words: the table for the language in force (`lang` on the element, its nearest
 * ancestor or the page), with the page's own `strings` over it. A language other than English is a
 * chunk: the element waits for it before rendering (`ready()`), so it never flashes English.
 */
import type { ReactiveControllerHost } from 'lit';
import { checkLocale } from '../i18n/check.js';
import { loadStrings, stringsFor } from '../i18n/locale.js';
import { langIn } from '../state/inputs.js';
import type { Strings } from '../i18n/en.js';

export interface LocaleHost extends ReactiveControllerHost, HTMLElement {
  strings: unknown;
}

export class LocaleController {
  #host: LocaleHost;
  #cache: { table: Strings; own: unknown; strings: Strings } | undefined;

  constructor(host: LocaleHost) {
    this.#host = host;
  }

  /** The language in force. */
  get lang(): string {
    return langIn(this.#host);
  }

  /** Resolves when the table of the language in force is here (undefined: nothing to wait for). */
  ready(): Promise<void> | undefined {
    return loadStrings(this.lang);
  }

  /** The strings in force: the page's overrides (text values only) over the table for the language. */
  get strings(): Strings {
    const table = stringsFor(this.lang);
    const own = this.#host.strings;
    const cached = this.#cache;
    if (cached && cached.table === table && cached.own === own) return cached.strings;
    const valid = checkLocale(undefined, own).replace.strings ?? own;
    const strings = { ...table, ...(valid as Partial<Strings>) };
    this.#cache = { table, own, strings };
    return strings;
  }
}
