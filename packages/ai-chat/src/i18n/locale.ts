/**
 * The element's language: `lang` on the element, else on the nearest ancestor, else on the page
 * (crossing shadow roots). Pure apart from reading attributes.
 */
import { en, type Strings } from '../strings.js';
import { zhHant } from './zh-hant.js';

/** The shipped string tables for a BCP 47 tag: zh-Hant (and zh-TW, zh-HK, zh-MO), else English. */
export function stringsFor(lang: string): Strings {
  const tag = lang.trim().toLowerCase().replace(/_/g, '-');
  if (/^zh-(?:hant|tw|hk|mo)(?:-|$)/.test(tag)) return zhHant;
  return en;
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
