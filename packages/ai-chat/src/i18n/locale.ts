/**
 * The element's language: `lang` on the element, else on the nearest ancestor, else on the page
 * (crossing shadow roots). English (`en.ts`) is built in; every other language is a file of this
 * folder exporting its table, loaded as a chunk the first time an element needs it (the element
 * waits for it before rendering, so it never flashes English).
 *
 * Adding a language: its file (`fr.ts`, exporting `fr: Strings`) and its row in `LANGUAGES`.
 */
import { en, type Strings } from './en.js';

/** The languages beside English, by tag (lower case): each loads its table. */
const LANGUAGES: Record<string, () => Promise<Strings>> = {
  'zh-hant': () => import('./zh-hant.js').then((m) => m.zhHant),
};

/** The tags of the languages beside English (for tests: each table has every key of English). */
export const languageTags: readonly string[] = Object.keys(LANGUAGES);

/** Other tags for a language above: the regions that write it. */
const ALIASES: Record<string, string> = { 'zh-tw': 'zh-hant', 'zh-hk': 'zh-hant', 'zh-mo': 'zh-hant' };

/**
 * The language in `LANGUAGES` for a BCP 47 tag, or undefined for English. The tag (any case, `_` or
 * `-`) is looked up as it is, then without its last subtag, and so on (`zh-Hant-TW` → `zh-hant`).
 */
export function languageOf(lang: unknown): string | undefined {
  if (typeof lang !== 'string') return undefined; // a page may set anything from code
  const subtags = lang.trim().toLowerCase().replace(/_/g, '-').split('-');
  for (let n = subtags.length; n > 0; n--) {
    const tag = subtags.slice(0, n).join('-');
    const language = Object.hasOwn(ALIASES, tag) ? ALIASES[tag]! : tag;
    if (Object.hasOwn(LANGUAGES, language)) return language;
  }
  return undefined;
}

const loaded = new Map<string, Strings>();
const loading = new Map<string, Promise<void>>();

/** The string table for a BCP 47 tag, when loaded; else English. */
export function stringsFor(lang: string): Strings {
  const language = languageOf(lang);
  return (language && loaded.get(language)) || en;
}

/** Loads the table `lang` needs; undefined when there is nothing to wait for. A failed load leaves English. */
export function loadStrings(lang: string): Promise<void> | undefined {
  const language = languageOf(lang);
  if (!language || loaded.has(language)) return undefined;
  let pending = loading.get(language);
  if (!pending) {
    pending = LANGUAGES[language]!().then(
      (table) => void loaded.set(language, table),
      () => void loading.delete(language),
    );
    loading.set(language, pending);
  }
  return pending;
}

/** The `lang` in force for `element`: its own, its nearest ancestor's (through shadow roots), the page's. */
export function langOf(element: Element): string {
  let node: Element | null = element;
  while (node) {
    const found: Element | null = node.closest('[lang]');
    if (found) return found.getAttribute('lang') ?? '';
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return document.documentElement.lang;
}
