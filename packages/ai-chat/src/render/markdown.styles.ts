/**
 * The look of rendered replies: in the Markdown chunk, adopted by the element's shadow root when
 * the first reply renders, so the script-tag entry does not carry it. Plain CSS text, not Lit's
 * `css`, so that this chunk shares no code with the entry.
 */
const text = `
  .markdown :is(p, li, h1, h2, h3, h4, h5, h6, blockquote, td, th) {
    unicode-bidi: plaintext;
    text-align: start;
  }
  .markdown :is(p, ul, ol, blockquote, table, h1, h2, h3, h4, h5, h6, .code) {
    margin: 0 0 calc(var(--ai-chat-spacing) * 0.75);
  }
  .markdown > [data-end] > :last-child {
    margin-bottom: 0;
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
    overflow-x: auto;
    border-collapse: collapse;
    max-width: 100%;
  }
  .markdown :is(th, td) {
    border: 1px solid var(--ai-chat-border);
    padding: 2px 6px;
  }
  .markdown code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.9em;
    background: var(--ai-chat-code-background);
    border-radius: 4px;
    padding: 0 0.25em;
  }
  .markdown .code {
    position: relative;
  }
  .markdown pre {
    margin: 0;
    overflow-x: auto;
    padding: var(--ai-chat-spacing);
    padding-top: calc(var(--ai-chat-spacing) * 3.5);
    border-radius: calc(var(--ai-chat-radius) * 0.5);
    background: var(--ai-chat-code-background);
    direction: ltr;
    unicode-bidi: isolate;
    text-align: left;
  }
  .markdown pre code {
    background: none;
    padding: 0;
    white-space: pre;
  }
  .markdown button.copy {
    position: absolute;
    inset-block-start: 4px;
    inset-inline-end: 4px;
    padding: 0 var(--ai-chat-spacing);
    font-size: 0.8em;
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
  .message.user {
    align-self: flex-end;
    background: var(--ai-chat-user-background);
  }
  .message.assistant {
    align-self: flex-start;
    background: var(--ai-chat-assistant-background);
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
