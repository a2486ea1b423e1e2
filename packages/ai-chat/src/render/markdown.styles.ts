/**
 * The look of Markdown in replies (the bubbles themselves are in the element's eager styles): in the Markdown chunk, adopted by the element's shadow root when
 * the first reply renders, so the script-tag entry does not carry it. Plain CSS text, not Lit's
 * `css`, so that this chunk shares no code with the entry.
 */
const text = `
  .markdown :is(p, li, h1, h2, h3, h4, h5, h6, blockquote, td, th) {
    unicode-bidi: plaintext;
    text-align: start;
  }
  .markdown :is(p, ul, ol, blockquote, table, h1, h2, h3, h4, h5, h6, .code) {
    margin: 0 0 calc(var(--ai-chat-spacing) * 1.25);
  }
  .markdown > [data-end] > :last-child {
    margin-bottom: 0;
  }
  .markdown > [data-lazy] {
    content-visibility: auto;
    contain-intrinsic-size: auto 6em;
  }
  .markdown :is(h1, h2, h3, h4, h5, h6) {
    font-size: 1.05em;
    line-height: 1.3;
  }
  .markdown h1 {
    font-size: 1.25em;
  }
  .markdown h2 {
    font-size: 1.15em;
  }
  .markdown :is(ul, ol) {
    padding-inline-start: 1.4em;
  }
  .markdown blockquote {
    margin-inline: 0;
    padding-inline-start: var(--ai-chat-spacing);
    border-inline-start: 3px solid var(--ai-chat-border);
    color: var(--ai-chat-muted);
  }
  .markdown a {
    color: var(--ai-chat-accent);
  }
  .markdown :is(pre, table):focus-visible {
    outline: 2px solid var(--ai-chat-accent);
    outline-offset: -2px;
  }
  .markdown a:focus-visible {
    outline: 2px solid var(--ai-chat-accent);
    outline-offset: 1px;
  }
  .markdown img {
    max-width: 100%;
    height: auto;
  }
  .markdown table {
    display: block;
    width: max-content;
    max-width: 100%;
    overflow-x: auto;
    border-collapse: collapse;
    font-size: 0.93em;
  }
  .markdown :is(th, td) {
    border: 1px solid var(--ai-chat-border);
    padding: 5px 10px;
    overflow-wrap: normal;
    word-break: normal;
    vertical-align: top;
  }
  .markdown th {
    background: var(--ai-chat-code-background);
    font-weight: 600;
  }
  .markdown code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.88em;
    background: var(--ai-chat-code-background);
    border-radius: 5px;
    padding: 0.1em 0.35em;
  }
  .markdown .code {
    border: 1px solid var(--ai-chat-border);
    border-radius: calc(var(--ai-chat-radius) * 0.6);
    background: var(--ai-chat-code-background);
    overflow: hidden;
    direction: ltr;
  }
  .markdown .code-bar {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--ai-chat-spacing);
    padding: 3px 6px 3px 12px;
    border-bottom: 1px solid var(--ai-chat-border);
    color: var(--ai-chat-muted);
    font-size: 0.78em;
  }
  .markdown .code-bar .lang {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    text-transform: lowercase;
  }
  .markdown pre {
    margin: 0;
    overflow-x: auto;
    padding: 10px 12px;
    direction: ltr;
    unicode-bidi: isolate;
    text-align: left;
    line-height: 1.5;
  }
  .markdown pre code {
    background: none;
    padding: 0;
    white-space: pre;
    overflow-wrap: normal;
    font-size: 0.86em;
  }
  .markdown button.copy {
    border: none;
    background: none;
    color: inherit;
    font-size: 1em;
    font-weight: 500;
    padding: 2px 8px;
    border-radius: 6px;
  }
  .markdown button.copy:hover {
    color: var(--ai-chat-color);
    background: color-mix(in srgb, var(--ai-chat-color) 8%, transparent);
  }
  .markdown li.task-item {
    list-style: none;
  }
  .markdown .task {
    display: inline;
  }
  .markdown .task .box {
    display: inline-block;
    width: 1em;
    height: 1em;
    margin-inline: -1.35em 0.35em;
    vertical-align: -0.15em;
    border: 1.5px solid var(--ai-chat-muted);
    border-radius: 4px;
  }
  .markdown .task[aria-checked='true'] .box {
    background: var(--ai-chat-accent)
      url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Cpath d='M3.5 8.5l3 3 6-7' fill='none' stroke='white' stroke-width='2' stroke-linecap='round' stroke-linejoin='round'/%3E%3C/svg%3E")
      center / 80% no-repeat;
    border-color: var(--ai-chat-accent);
  }
  .markdown hr {
    border: none;
    border-top: 1px solid var(--ai-chat-border);
    margin: var(--ai-chat-spacing) 0;
  }
  .hljs-keyword,
  .hljs-built_in,
  .hljs-literal,
  .hljs-selector-tag {
    color: var(--ai-chat-code-keyword, #8b1d89);
  }
  .hljs-string,
  .hljs-attr,
  .hljs-regexp {
    color: var(--ai-chat-code-string, #2b5c16);
  }
  .hljs-comment,
  .hljs-meta {
    color: var(--ai-chat-muted);
    font-style: italic;
  }
  .hljs-number,
  .hljs-title,
  .hljs-type {
    color: var(--ai-chat-code-number, #8a3a00);
  }
`;

let sheet: CSSStyleSheet | undefined;

/** The stylesheet of replies, made on first use. */
export function markdownStyles(): CSSStyleSheet {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
  }
  return sheet;
}
