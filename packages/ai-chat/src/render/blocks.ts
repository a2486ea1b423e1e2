/**
 * Where streaming Markdown splits into blocks. Pure: no DOM, no parser.
 *
 * A block is finished once a blank line outside a code fence is followed by a complete line that
 * starts a new block: not indented (indented lines continue a list item or an indented code
 * block) and not the next item of the list the block began with. Everything from the last
 * finished block on is the open block, re-rendered as tokens arrive; finished blocks never change.
 */

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const LIST_ITEM = /^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;
const BLANK = /^[ \t]*$/;

/** Where a scan of the open block stopped, to resume from there when more text arrives. */
export interface BlockScan {
  /** The next line to read (a line start). */
  pos: number;
  firstLine: string | undefined;
  fence: { char: string; length: number } | undefined;
  afterBlank: boolean;
}

export const startScan = (from = 0): BlockScan => ({
  pos: from,
  firstLine: undefined,
  fence: undefined,
  afterBlank: false,
});

/**
 * The offsets where finished blocks end in `text`, scanning from `from` (the start of the open
 * block, a line start). Each offset is the start of the next block. Work is proportional to
 * `text.length - from`: the open block, never the finished ones. Pass a `scan` kept from the
 * previous call on the same (grown) text to read only the lines that are new.
 */
export function findBlockEnds(text: string, from = 0, scan: BlockScan = startScan(from)): number[] {
  const ends: number[] = [];
  let { firstLine, fence, afterBlank, pos } = scan;
  while (pos < text.length) {
    const newline = text.indexOf('\n', pos);
    // Only complete lines decide anything: a partial line may still become a fence or a list item.
    if (newline === -1) break;
    const line = text.slice(pos, newline);
    const lineStart = pos;
    pos = newline + 1;
    if (fence) {
      const close = FENCE.exec(line);
      if (
        close &&
        close[1]![0] === fence.char &&
        close[1]!.length >= fence.length &&
        BLANK.test(line.slice(close[0].length))
      )
        fence = undefined;
      continue;
    }
    if (BLANK.test(line)) {
      if (firstLine !== undefined) afterBlank = true;
      continue;
    }
    if (afterBlank) {
      afterBlank = false;
      const indented =
        /^(?: {4}|\t)/.test(line) ||
        (/^\s/.test(line) && firstLine !== undefined && LIST_ITEM.test(firstLine));
      const sameList = firstLine !== undefined && LIST_ITEM.test(firstLine) && LIST_ITEM.test(line);
      if (!indented && !sameList) {
        ends.push(lineStart);
        firstLine = undefined;
      }
    }
    firstLine ??= line;
    const open = FENCE.exec(line);
    if (open && !(open[1]![0] === '`' && line.slice(open[0].length).includes('`')))
      fence = { char: open[1]![0]!, length: open[1]!.length };
  }
  Object.assign(scan, { pos, firstLine, fence, afterBlank });
  return ends;
}
