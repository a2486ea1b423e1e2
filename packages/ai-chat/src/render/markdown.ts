/**
 * Streaming Markdown: the reply is split into finished blocks, each parsed, sanitized and put in
 * the DOM once, and the open block at the end, re-rendered as tokens arrive. A token costs work
 * for the new text plus the open block, never the whole reply. Loaded on demand (a separate
 * chunk): the element shows plain text until it arrives.
 */
import { findBlockEnds, startScan, type BlockScan } from './blocks.js';
import { codeBlock, scrollable } from './frames.js';
import { morphChildren } from './morph.js';
import { renderOrPlain } from './plain-fallback.js';
import { renderMarkdown, type MarkdownOptions } from './parse-block.js';
import { later, timeLeft } from './slices.js';

export { markdownStyles } from './markdown.styles.js';
export { renderMarkdown, type MarkdownOptions } from './parse-block.js';

const FENCE_OPENER = /^(`{3,}|~{3,})([^\n]*)$/;

/** An open fenced code block being streamed: its text grows by appending, without parsing. */
interface OpenFence {
  /** Where the block starts in the text (the opener line). */
  start: number;
  bodyStart: number;
  fence: string;
  node: Text;
  /** How much of the text the node shows. */
  shown: number;
}

/** A message longer than this (characters) is long: see `data-lazy` in `update`. */
const LONG = 32_000;

/** The sample of already-seen text compared to tell growth from replacement, in O(1). */
const SAMPLE = 32;

const views = new WeakMap<HTMLElement, MarkdownView>();

/**
 * Text that means nothing to Markdown in the middle of a line after a letter or digit: letters,
 * digits, spaces, commas, apostrophes and hyphens. Not `.` or `)` (`1` + `. x` starts a list), no
 * line breaks, no punctuation that opens or closes anything.
 */
const PLAIN = /^[A-Za-z0-9 ,'-]+$/;
const WORDISH = /[A-Za-z0-9]/;
/** Where the text of a block ends: appending there cannot land inside a link, emphasis or code. */
const TEXT_ENDS = new Set(['p', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'td', 'th']);

/** The last text node of `root` when it ends a paragraph, list item, heading or table cell. */
function lastPlainText(root: Node): Text | undefined {
  let node: Node | null = root;
  while (node?.lastChild) node = node.lastChild;
  if (!(node instanceof Text) || !node.parentElement) return undefined;
  return TEXT_ENDS.has(node.parentElement.localName) ? node : undefined;
}

/** One assistant message's rendered Markdown inside `container`, updated as the text grows. */
export class MarkdownView {
  #container: HTMLElement;
  #options: MarkdownOptions;
  #seen = '';
  /** Where the open block starts. */
  #committed = 0;
  #tail: HTMLElement;
  #fence: OpenFence | undefined;
  /** The open block as last shown, and the text node its text ends in (see #appendPlain). */
  #shown: { open: string; text: Text | undefined } | undefined;
  #end: Element | undefined;
  /** The last update left the open block behind (see `deferOpen`). */
  #deferred = false;
  /** The line scan of the open block, resumed on each update. */
  #scan: BlockScan = startScan();
  /** Ends of finished blocks not rendered yet (a long message renders in slices, see `slices.ts`). */
  #pending: number[] = [];
  #streaming = false;
  #queued = false;
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

  /**
   * Show `text`; `streaming` false finishes the open block too. `deferOpen`: while streaming, leave
   * the open block as it is when it would need parsing again (the caller renders it later).
   * Returns `'full'` when the open block was parsed and rendered, `'deferred'` when it was left
   * behind, `'cheap'` otherwise (nothing new, finished blocks only, appended text or code).
   */
  update(text: string, streaming: boolean, deferOpen = false): 'full' | 'cheap' | 'deferred' {
    if (!this.#grewFrom(text)) {
      this.#committed = 0;
      this.#shown = undefined;
      this.#scan = startScan();
      this.#pending = [];
      this.#tail = document.createElement('div');
      this.#container.replaceChildren(this.#tail);
    } else if (
      text === this.#seen &&
      this.#tail.dataset.open === String(streaming) &&
      !this.#deferred &&
      !this.#pending.length
    ) {
      return 'cheap';
    }
    this.#deferred = false;
    this.#seen = text;
    this.#streaming = streaming;
    const pending = this.#pending;
    pending.push(...findBlockEnds(text, this.#committed, this.#scan));
    if (!streaming && (pending.at(-1) ?? this.#committed) < text.length) {
      pending.push(text.length);
      this.#scan = startScan(text.length);
    }
    const rendered = pending.length;
    // Finished blocks, as many as this task has time for (`slices.ts`); the rest in later tasks.
    while (pending.length && timeLeft()) {
      const end = pending.shift()!;
      const block = document.createElement('div');
      // Blocks of a long message caught up in bulk (a restored one) are laid out near the viewport only.
      if (rendered > 1 && text.length > LONG) block.dataset.lazy = '';
      block.append(renderMarkdown(text.slice(this.#committed, end), this.#options));
      this.#tail.before(block);
      this.#committed = end;
      this.#shown = undefined;
      this.#onFinished(block);
    }
    if (pending.length) {
      // The open block waits, hidden, behind the blocks left for later.
      this.#tail.hidden = true;
      if (!this.#queued) later(() => this.#resume());
      this.#queued = true;
      return 'cheap';
    }
    this.#tail.dataset.open = String(streaming);
    if (streaming && this.#streamFence(text)) return 'cheap';
    this.#fence = undefined;
    const open = text.slice(this.#committed);
    if (streaming && this.#appendPlain(open)) return 'cheap';
    if (streaming && deferOpen && !rendered && this.#shown) {
      this.#deferred = true;
      return 'deferred';
    }
    // Morphed, not replaced: what the last frame showed stays, and only what changed is touched.
    if (open) morphChildren(this.#tail, renderMarkdown(open, this.#options));
    else this.#tail.replaceChildren();
    this.#tail.hidden = !open;
    this.#markEnd();
    this.#shown = { open, text: open ? lastPlainText(this.#tail) : undefined };
    return 'full';
  }

  /** Go on with the blocks left for later (a failure shows the text; the next update starts afresh). */
  #resume() {
    this.#queued = false;
    if (views.get(this.#container) !== this || !this.#pending.length) return;
    const seen = this.#seen;
    if (!renderOrPlain(this.#container, seen, () => void this.update(seen, this.#streaming)))
      this.#committed = Number.POSITIVE_INFINITY;
  }

  /**
   * While the open block grows by words only (see PLAIN), mid-line after a letter or digit, into
   * text that ends its paragraph, list item, heading or table cell, append the words to that text
   * instead of parsing the block again: they cannot change how anything before them parses. Text
   * goes in as text, never as HTML. Returns false when the block must be rendered in full.
   */
  #appendPlain(open: string): boolean {
    const shown = this.#shown;
    if (!shown?.text || open.length <= shown.open.length || !open.startsWith(shown.open)) return false;
    const last = shown.open[shown.open.length - 1]!;
    const added = open.slice(shown.open.length);
    if (!WORDISH.test(last) || !PLAIN.test(added) || !shown.text.data.endsWith(last)) return false;
    shown.text.appendData(added);
    shown.open = open;
    return true;
  }

  /**
   * While the open block is a fenced code block that has not closed, append the new text to its
   * code instead of parsing the block again: a long code block costs each token only its own text.
   * Returns false when the open block is anything else (or may be closing): render it in full.
   */
  #streamFence(text: string): boolean {
    const start = this.#committed;
    let open = this.#fence?.start === start ? this.#fence : undefined;
    if (!open) {
      const newline = text.indexOf('\n', start);
      const opener = newline === -1 ? null : FENCE_OPENER.exec(text.slice(start, newline));
      if (!opener || (opener[1]![0] === '`' && opener[2]!.includes('`'))) return false;
      const pre = scrollable(document.createElement('pre'));
      const language = opener[2]!.trim().match(/^[\w+#-]*/)![0];
      if (language) pre.dataset.lang = language;
      const code = document.createElement('code');
      const node = document.createTextNode('');
      code.append(node);
      pre.append(code);
      const wrap = codeBlock(this.#options, language);
      wrap.append(pre);
      this.#tail.replaceChildren(wrap);
      this.#tail.hidden = false;
      this.#markEnd();
      open = { start, bodyStart: newline + 1, fence: opener[1]!, node, shown: newline + 1 };
      this.#fence = open;
    }
    // Only the lines touched by new text can close the fence.
    const from = Math.max(open.bodyStart, text.lastIndexOf('\n', open.shown - 1) + 1);
    const fenceChar = open.fence[0]!;
    for (let line = from; line < text.length;) {
      const end = text.indexOf('\n', line);
      const content = text.slice(line, end === -1 ? text.length : end).trimStart();
      // A line that is, or may still become, a closing fence ends the fast path.
      if (
        content.startsWith(fenceChar) &&
        (end === -1 || content.trimEnd().replaceAll(fenceChar, '') === '')
      ) {
        this.#fence = undefined;
        return false;
      }
      if (end === -1) break;
      line = end + 1;
    }
    open.node.appendData(text.slice(open.shown));
    open.shown = text.length;
    this.#shown = undefined;
    return true;
  }

  /**
   * Mark the last visible block (`data-end`: its last element gets no bottom margin). Set here,
   * not found by a `:has()` or positional selector, which made the browser restyle every block of
   * the reply each time a block was added.
   */
  #markEnd() {
    const end = this.#tail.hidden ? (this.#tail.previousElementSibling ?? undefined) : this.#tail;
    if (end === this.#end) return;
    this.#end?.removeAttribute('data-end');
    end?.setAttribute('data-end', '');
    this.#end = end;
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
    const code = button?.closest('.code')?.querySelector('pre code');
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
