/**
 * What one block of Markdown may cost: a block beyond these bounds is shown as its text instead
 * of being parsed (`marked` works harder the deeper a block nests, and a huge block is laid out
 * at once), so no block of a reply, however it was written, stops the page for long. Pure.
 */

/** A block longer than this many characters is shown as text. */
export const BLOCK_CHARS = 32_000;
/** Lists and quotes nested deeper than this are shown as text. */
export const MAX_DEPTH = 16;
/** Tables longer than this many rows are shown as text. */
export const MAX_ROWS = 1_000;

const QUOTE = /^ {0,3}((?:> ?)+)/;
const LIST = /^(\s*)(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;

/** Why `source` (one block) is shown as text, or undefined when it is parsed as Markdown. */
export function tooCostly(source: string): 'long' | 'deep' | 'rows' | undefined {
  if (source.length > BLOCK_CHARS) return 'long';
  let rows = 0;
  for (const line of source.split('\n')) {
    const quotes = QUOTE.exec(line)?.[1]!.replace(/ /g, '').length ?? 0;
    const list = LIST.exec(line);
    // A list item's depth: its indentation, two columns a level (tabs as four columns).
    const indent = list ? list[1]!.replace(/\t/g, '    ').length : 0;
    if (quotes > MAX_DEPTH || (list && indent / 2 > MAX_DEPTH)) return 'deep';
    if (line.includes('|') && ++rows > MAX_ROWS + 2) return 'rows';
  }
  return undefined;
}
