// The ambient types of the ES builds, for every program that compiles this file (Storybook too).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./highlight-modules.d.ts" />
/**
 * Syntax highlighting for finished code blocks: highlight.js core (its ES build) with a few
 * common languages and their aliases (js, ts, py, sh, html),
 * in its own chunk, loaded the first time a finished block holds code and run when the page is
 * idle, so it never holds up the stream. Its output is sanitized like everything else.
 */
import hljs from '@highlightjs/cdn-assets/es/core.min.js';
import bash from '@highlightjs/cdn-assets/es/languages/bash.min.js';
import css from '@highlightjs/cdn-assets/es/languages/css.min.js';
import javascript from '@highlightjs/cdn-assets/es/languages/javascript.min.js';
import json from '@highlightjs/cdn-assets/es/languages/json.min.js';
import python from '@highlightjs/cdn-assets/es/languages/python.min.js';
import typescript from '@highlightjs/cdn-assets/es/languages/typescript.min.js';
import xml from '@highlightjs/cdn-assets/es/languages/xml.min.js';
import { sanitizeHighlight } from './sanitize.js';

const languages = { bash, css, javascript, json, python, typescript, xml };
for (const [name, language] of Object.entries(languages)) hljs.registerLanguage(name, language);

/**
 * Compile the grammar of the `index`-th language now (highlight.js compiles one at its first use,
 * which would land in a reply): one language per call, so a caller can spread them over idle
 * time. False when there is no such language.
 */
export function warmLanguage(index: number): boolean {
  const name = Object.keys(languages)[index];
  if (name) hljs.highlight('x', { language: name, ignoreIllegals: true });
  return name !== undefined;
}

/** Longest code (characters) that gets highlighted. */
export const MAX_HIGHLIGHT = 20_000;

/** Highlight the `pre[data-lang] code` blocks inside `root` whose language is known. */
export function highlightWithin(root: ParentNode): void {
  for (const code of root.querySelectorAll<HTMLElement>('pre[data-lang] > code')) {
    const language = code.parentElement!.dataset.lang!;
    const text = code.textContent ?? '';
    // Highlighting runs in one task: past this size it would hold the page for too long.
    if (!hljs.getLanguage(language) || code.dataset.highlighted || text.length > MAX_HIGHLIGHT) continue;
    const { value } = hljs.highlight(text, { language, ignoreIllegals: true });
    code.replaceChildren(sanitizeHighlight(value));
    code.dataset.highlighted = language;
  }
}
