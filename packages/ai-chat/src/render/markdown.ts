/**
 * Streaming Markdown: the reply is split into finished blocks, each parsed, sanitized and put in
 * the DOM once, and the open block at the end, re-rendered as tokens arrive. A token costs work
 * for the new text plus the open block, never the whole reply. Loaded on demand (a separate
 * chunk): the element shows plain text until it arrives.
 */
import { Marked, type Tokens } from 'marked';
import { findBlockEnds } from './blocks.js';
import { sanitize } from './sanitize.js';

export interface MarkdownOptions {
  /** Render Markdown images (`![alt](https://…)`); otherwise their alt text is shown. */
  allowImages: boolean;
  /** Text and accessible name of the copy button on code blocks. */
  copyLabel: string;
  copyName: string;
  /** Shown on the button once the code is copied. */
  copiedLabel: string;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function parser(allowImages: boolean): Marked {
  return new Marked({
    gfm: true,
    async: false,
    renderer: {
      // Raw HTML in model text is shown as text, never interpreted.
      html: ({ text }: Tokens.HTML | Tokens.Tag) => escapeHtml(text),
      code: ({ text, lang }: Tokens.Code) => {
        const language = (lang ?? '').match(/^[\w+#-]*/)?.[0] ?? '';
        const attr = language ? ` data-lang="${escapeHtml(language)}"` : '';
        return `<pre${attr}><code>${escapeHtml(text.replace(/\n$/, ''))}</code></pre>`;
      },
      image: ({ href, title, text }: Tokens.Image) =>
        allowImages
          ? `<img src="${escapeHtml(href)}" alt="${escapeHtml(text)}"${title ? ` title="${escapeHtml(title)}"` : ''}>`
          : escapeHtml(text),
    },
  });
}

const parsers = new Map<boolean, Marked>();

/** Markdown source to a sanitized fragment (one block or a whole text). */
export function renderMarkdown(source: string, options: MarkdownOptions): DocumentFragment {
  let marked = parsers.get(options.allowImages);
  if (!marked) parsers.set(options.allowImages, (marked = parser(options.allowImages)));
  const fragment = sanitize((marked.parse(source) as string).trim(), options.allowImages);
  for (const pre of fragment.querySelectorAll('pre')) {
    const wrap = document.createElement('div');
    wrap.className = 'code';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy';
    button.textContent = options.copyLabel;
    button.setAttribute('aria-label', options.copyName);
    pre.replaceWith(wrap);
    wrap.append(button, pre);
  }
  return fragment;
}

/** The sample of already-seen text compared to tell growth from replacement, in O(1). */
const SAMPLE = 32;

const views = new WeakMap<HTMLElement, MarkdownView>();

/** One assistant message's rendered Markdown inside `container`, updated as the text grows. */
export class MarkdownView {
  #container: HTMLElement;
  #options: MarkdownOptions;
  #seen = '';
  /** Where the open block starts. */
  #committed = 0;
  #tail: HTMLElement;
  #onFinished: (block: HTMLElement) => void;

  constructor(container: HTMLElement, options: MarkdownOptions, onFinished: (block: HTMLElement) => void) {
    this.#container = container;
    this.#options = options;
    this.#onFinished = onFinished;
    this.#tail = document.createElement('div');
    container.replaceChildren(this.#tail);
    if (!views.has(container))
      container.addEventListener('click', (event) => {
        const view = views.get(container);
        if (view) view.#copy(event);
      });
    views.set(container, this);
  }

  get options(): MarkdownOptions {
    return this.#options;
  }

  /** Show `text`; `streaming` false finishes the open block too. */
  update(text: string, streaming: boolean): void {
    if (!this.#grewFrom(text)) {
      this.#committed = 0;
      this.#tail = document.createElement('div');
      this.#container.replaceChildren(this.#tail);
    } else if (text === this.#seen && this.#tail.dataset.open === String(streaming)) {
      return;
    }
    this.#seen = text;
    const ends = findBlockEnds(text, this.#committed);
    if (!streaming && this.#committed < text.length) ends.push(text.length);
    for (const end of ends) {
      const block = document.createElement('div');
      block.append(renderMarkdown(text.slice(this.#committed, end), this.#options));
      this.#tail.before(block);
      this.#committed = end;
      this.#onFinished(block);
    }
    const open = text.slice(this.#committed);
    this.#tail.dataset.open = String(streaming);
    this.#tail.replaceChildren(open ? renderMarkdown(open, this.#options) : '');
    this.#tail.hidden = !open;
  }

  #grewFrom(text: string): boolean {
    const seen = this.#seen;
    if (text.length < seen.length || text.length < this.#committed) return false;
    const head = Math.min(SAMPLE, seen.length);
    return (
      text.startsWith(seen.slice(0, head)) &&
      text.startsWith(
        seen.slice(seen.length - SAMPLE > 0 ? seen.length - SAMPLE : 0),
        Math.max(0, seen.length - SAMPLE),
      )
    );
  }

  #copy(event: Event) {
    const button = (event.target as Element).closest?.('button.copy');
    const code = button?.parentElement?.querySelector('pre code');
    if (!button || !code) return;
    const label = this.#options.copiedLabel;
    navigator.clipboard?.writeText(code.textContent ?? '').then(
      () => {
        button.textContent = label;
        setTimeout(() => (button.textContent = this.#options.copyLabel), 1500);
      },
      () => undefined,
    );
  }
}
