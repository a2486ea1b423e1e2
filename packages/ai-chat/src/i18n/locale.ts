/**
 * The element's language: `lang` on the element, else on the nearest ancestor, else on the page
 * (crossing shadow roots). English is built in; Traditional Chinese is a chunk loaded the first time
 * an element needs it (the element waits for it before rendering, so it never flashes English).
 */
import { en, type Strings } from '../strings.js';

let zhHant: Strings | undefined;
let loading: Promise<void> | undefined;

/** True for the tags that get Traditional Chinese: zh-Hant, zh-TW, zh-HK, zh-MO (any case, `_` or `-`). */
export function isTraditionalChinese(lang: unknown): boolean {
  if (typeof lang !== 'string') return false; // a page may set anything from code
  return /^zh-(?:hant|tw|hk|mo)(?:-|$)/.test(lang.trim().toLowerCase().replace(/_/g, '-'));
}

/** The string table for a BCP 47 tag, when loaded: Traditional Chinese for zh-Hant and its regions, else English. */
export function stringsFor(lang: string): Strings {
  return isTraditionalChinese(lang) && zhHant ? zhHant : en;
}

/** Loads the table `lang` needs; undefined when there is nothing to wait for. A failed load leaves English. */
export function loadStrings(lang: string): Promise<void> | undefined {
  if (!isTraditionalChinese(lang) || zhHant) return undefined;
  loading ??= import('./zh-hant.js').then(
    (module) => void (zhHant = module.zhHant),
    () => void (loading = undefined),
  );
  return loading;
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
