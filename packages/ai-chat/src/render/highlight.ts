/**
 * Syntax highlighting for finished code blocks: highlight.js core with a few common languages,
 * in its own chunk, loaded the first time a finished block holds code and run when the page is
 * idle, so it never holds up the stream. Its output is sanitized like everything else.
 */
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import css from 'highlight.js/lib/languages/css';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import { sanitizeHighlight } from './sanitize.js';

const languages = { bash, css, javascript, json, python, typescript, xml };
for (const [name, language] of Object.entries(languages)) hljs.registerLanguage(name, language);

/** Highlight the `pre[data-lang] code` blocks inside `root` whose language is known. */
export function highlightWithin(root: ParentNode): void {
  for (const code of root.querySelectorAll<HTMLElement>('pre[data-lang] > code')) {
    const language = code.parentElement!.dataset.lang!;
    if (!hljs.getLanguage(language) || code.dataset.highlighted) continue;
    const { value } = hljs.highlight(code.textContent ?? '', { language, ignoreIllegals: true });
    code.replaceChildren(sanitizeHighlight(value));
    code.dataset.highlighted = language;
  }
}
