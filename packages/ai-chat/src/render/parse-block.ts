/**
 * One block of Markdown (or a whole text) to a sanitized fragment: parsed by `marked` with raw HTML
 * shown as text, sanitized, then given the element's frames (code bars, task checkboxes). A block
 * beyond the bounds of `bounds.ts` is shown as its text instead, which costs no parsing. Part of
 * the Markdown chunk (`markdown.ts` streams a reply through it).
 */
import { Marked, type Tokens } from 'marked';
import { tooCostly } from './bounds.js';
import { codeBlock, scrollable, TASK_DONE, TASK_OPEN, taskItem } from './frames.js';
import { textPieces } from './long-text.js';
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
      // A task's box is a private-use character here, made into a checkbox after sanitizing.
      checkbox: ({ checked }: Tokens.Checkbox) => (checked ? TASK_DONE : TASK_OPEN),
      image: ({ href, title, text }: Tokens.Image) =>
        allowImages
          ? `<img src="${escapeHtml(href)}" alt="${escapeHtml(text)}"${title ? ` title="${escapeHtml(title)}"` : ''}>`
          : escapeHtml(text),
    },
  });
}

const parsers = new Map<boolean, Marked>();

/**
 * Markdown source to a sanitized fragment (one block or a whole text); a block beyond the bounds of
 * `bounds.ts` (too long, too deep, too many rows) as its text, which costs no parsing.
 */
export function renderMarkdown(source: string, options: MarkdownOptions): DocumentFragment {
  if (tooCostly(source)) return textPieces(source);
  let marked = parsers.get(options.allowImages);
  if (!marked) parsers.set(options.allowImages, (marked = parser(options.allowImages)));
  const fragment = sanitize((marked.parse(source) as string).trim(), options.allowImages);
  for (const pre of fragment.querySelectorAll('pre')) {
    const wrap = codeBlock(options, pre.dataset.lang ?? '');
    pre.replaceWith(wrap);
    wrap.append(scrollable(pre));
  }
  for (const li of fragment.querySelectorAll('li')) taskItem(li);
  // Wide tables scroll inside the message: reachable by keyboard, like the code.
  for (const table of fragment.querySelectorAll('table')) table.tabIndex = 0;
  return fragment;
}
