/**
 * The launcher's round button, in plain DOM (no Lit): the script-tag loader (`cdn.ts`) draws it
 * in the element's shadow root before the element's code is fetched, and the element keeps that
 * same button (`panel.ts`). Whether the panel is open is the button's `aria-expanded`; a sign of
 * interest (pointing at it, focusing it, clicking it) marks it `data-woken`, so the element knows
 * what happened before its code arrived.
 */
import { launcherStyles } from '../styles/launcher.js';

/** The words the button needs (keys of the string tables). */
export interface LauncherWords {
  launcherOpen: string;
  launcherClose: string;
}

/** What counts as interest in the button. */
const INTENT = ['pointerenter', 'focus', 'click'] as const;
const CHAT = 'M4.5 6.5a2 2 0 0 1 2-2h11a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H10l-4.5 3.5v-3.5a2 2 0 0 1-1-1.7z';
const DOWN = 'M6 9.5l6 6 6-6';

let sheet: CSSStyleSheet | undefined;

/** The launcher's style sheet (one for every element). */
export function launcherSheet(): CSSStyleSheet {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(launcherStyles);
  }
  return sheet;
}

/** An icon of one stroked path, as DOM (for Lit-free code). */
export function pathIcon(d: string, name: string): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  const path = document.createElementNS(ns, 'path');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', name);
  path.setAttribute('d', d);
  svg.append(path);
  return svg;
}

export const isOpen = (button: Element): boolean => button.getAttribute('aria-expanded') === 'true';

/** Run `listener` on every sign of interest in the button. */
export function onIntent(button: HTMLButtonElement, listener: () => void): void {
  for (const type of INTENT) button.addEventListener(type, listener);
}

/** Name the button for its state: open → "Close chat" (a `launcher-label` slotted by the page wins). */
export function nameButton(button: HTMLButtonElement, words: LauncherWords): void {
  const name = button.querySelector('.name');
  if (name) name.textContent = isOpen(button) ? words.launcherClose : words.launcherOpen;
}

/**
 * The launcher button in `host`'s shadow root: made once (with the shadow root when there is none
 * yet, and the launcher's sheet), found again after.
 */
export function launcherButton(host: HTMLElement, words: LauncherWords): HTMLButtonElement {
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const found = root.querySelector<HTMLButtonElement>('button.launcher');
  if (found) return found;
  if (!root.adoptedStyleSheets.includes(launcherSheet()))
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, launcherSheet()];
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'launcher';
  button.setAttribute('part', 'launcher');
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-haspopup', 'dialog');
  const name = document.createElement('span');
  name.className = 'name';
  const slot = document.createElement('slot');
  slot.name = 'launcher-label';
  slot.append(name);
  button.append(pathIcon(CHAT, 'closed'), pathIcon(DOWN, 'open'), slot);
  nameButton(button, words);
  onIntent(button, () => (button.dataset.woken = ''));
  button.addEventListener('click', () => {
    button.setAttribute('aria-expanded', String(!isOpen(button)));
    nameButton(button, words);
  });
  root.append(button);
  return button;
}
