/**
 * `${longText(text)}`: a user message as plain text. A long one (a pasted log, a whole file) is cut
 * at line ends into pieces the browser lays out only near the viewport (`content-visibility:
 * auto`): a 1 MB paste shows at once instead of stopping the page while every line is laid out.
 * The text stays whole in the DOM (selectable, found by find-in-page), never parsed as HTML.
 */
import { html } from 'lit';

/** Texts up to this many characters are one text node. */
export const PIECE = 8192;

/** Where to cut `text` into pieces of about PIECE characters, at line ends when there are any. Pure. */
export function pieces(text: string, size = PIECE): string[] {
  if (text.length <= size) return [text];
  const out: string[] = [];
  for (let start = 0; start < text.length;) {
    let end = Math.min(text.length, start + size);
    if (end < text.length) {
      const newline = text.lastIndexOf('\n', end - 1);
      if (newline >= start) end = newline + 1;
      else {
        // A line longer than a piece: cut at its end, so that no line is broken in two.
        const next = text.indexOf('\n', end);
        end = next === -1 ? text.length : next + 1;
      }
    }
    out.push(text.slice(start, end));
    start = end;
  }
  return out;
}

export function longText(text: string): unknown {
  if (text.length <= PIECE) return text;
  return pieces(text).map((piece) => html`<div style=${LAZY}>${piece}</div>`);
}

/** A piece is laid out only near the viewport. */
const LAZY = 'content-visibility:auto;contain-intrinsic-size:auto 40em';

/**
 * `text` as DOM, as it was written (line breaks and spaces kept), in the same pieces: a block of
 * Markdown too costly to parse (see `bounds.ts`) is shown this way, never as HTML.
 */
export function textPieces(text: string): DocumentFragment {
  // Styles through the CSSOM, which a page's policy without 'unsafe-inline' does not block.
  const block = document.createElement('div');
  Object.assign(block.style, { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' });
  for (const piece of pieces(text)) {
    const part = document.createElement('div');
    Object.assign(part.style, { contentVisibility: 'auto', containIntrinsicSize: 'auto 40em' });
    part.textContent = piece;
    block.append(part);
  }
  const fragment = document.createDocumentFragment();
  fragment.append(block);
  return fragment;
}
