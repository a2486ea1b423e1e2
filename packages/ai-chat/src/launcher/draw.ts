/**
 * The script-tag loader's half for launchers (`cdn.ts`), fetched only by a page whose `<ai-chat>`
 * elements are all launchers: each gets its round button, named in its language (and with the
 * words the page set in `strings`, if any), before the element's code is fetched.
 */
import { langOf, loadStrings, stringsFor } from '../i18n/locale.js';
import { launcherButton, onIntent, type LauncherWords } from './button.js';

const drawn = new WeakSet<Element>();

/** Draw the button of every launcher in `elements` not drawn yet; `load` fetches the element. */
export function draw(elements: Iterable<Element>, load: () => unknown): void {
  for (const el of elements) {
    if (drawn.has(el)) continue;
    drawn.add(el);
    const lang = langOf(el);
    void Promise.resolve(loadStrings(lang)).then(() => {
      if (customElements.get('ai-chat')) return; // the element came first: it draws its own
      const own = (el as { strings?: Partial<LauncherWords> }).strings;
      onIntent(launcherButton(el as HTMLElement, { ...stringsFor(lang), ...own }), () => void load());
    });
  }
}
