/**
 * `<div ${markdown(text, streaming, options)}>`: renders an assistant message as Markdown into its
 * element. The parser and sanitizer are a separate chunk, imported the first time a message needs
 * them; until then the text shows as plain text (appended token by token, never as HTML).
 * While a reply streams, it renders at most once per animation frame. Finished code blocks are
 * highlighted later, when the page is idle.
 */
import { noChange } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';
import type { MarkdownOptions, MarkdownView } from './markdown.js';
import { adoptSheet } from '../styles/adopt.js';
import { renderOrPlain } from './plain-fallback.js';
import { PIECE, textPieces } from './long-text.js';

type Renderer = typeof import('./markdown.js');
let renderer: Renderer | undefined;
let loading: Promise<Renderer> | undefined;
let highlighter: Promise<typeof import('./highlight.js')> | undefined;

/** Resolves when the Markdown chunk is loaded (loading it if needed). */
export function markdownReady(): Promise<Renderer> {
  loading ??= import('./markdown.js').then((module) => (renderer = module));
  return loading;
}

/** A reply with every kind of block, rendered once off screen to warm the parser and sanitizer. */
const SAMPLE =
  '# a\n\nb **c** `d` [e](https://example.com)\n\n- f\n\n1. g\n\n> h\n\n| i | j |\n|---|---|\n| k | l |\n\n```js\nm\n```\n';
let warmed = false;
const styled = new WeakSet<ShadowRoot>();

/**
 * Get the first reply's work done before it (for instance while the model loads): load the
 * Markdown chunk, so that the first reply renders as Markdown from its first token instead of as
 * plain text and then again; when the page is idle, adopt its styles in `root` and render a sample
 * once off screen (the parser's and sanitizer's first run), then load the highlighter and compile
 * its languages, one per idle callback: no task of a reply pays for any of it, and none of these
 * is long. Never before consent: neither chunk is part of what the consent card needs.
 */
export function preloadMarkdown(root?: ShadowRoot): void {
  markdownReady().then(
    (module) => {
      if (root && !styled.has(root)) {
        styled.add(root);
        idle(() => adoptSheet(root, module.markdownStyles()));
      }
      if (warmed) return;
      warmed = true;
      idle(() => {
        module.renderMarkdown(SAMPLE, { allowImages: false, copyLabel: '', copyName: '', copiedLabel: '' });
        idle(() =>
          loadHighlighter().then(
            ({ warmLanguage }) => {
              const warm = (i: number) => idle(() => warmLanguage(i) && warm(i + 1));
              warm(0);
            },
            () => undefined,
          ),
        );
      });
    },
    () => undefined,
  );
}

const loadHighlighter = () => (highlighter ??= import('./highlight.js'));

/** A little less than a frame at 60 Hz (ms). */
const FRAME_MS = 12;
/** While a reply streams, its open block is parsed at most this often (ms): 20 times a second. */
const OPEN_BLOCK_MS = 50;

const idle = (work: () => void) =>
  'requestIdleCallback' in window ? requestIdleCallback(work, { timeout: 500 }) : setTimeout(work, 16);

function highlightLater(block: HTMLElement) {
  if (!block.querySelector('pre[data-lang]')) return;
  loadHighlighter().then(
    ({ highlightWithin }) => idle(() => highlightWithin(block)),
    () => undefined, // no highlighting is no loss: the code stays readable
  );
}

class MarkdownDirective extends Directive {
  #element: HTMLElement | undefined;
  #view: MarkdownView | undefined;
  #plain: string | undefined;
  /** The one text node of the plain-text fallback. */
  #plainNode: Text | undefined;
  #waiting = false;
  #args: [string, boolean, MarkdownOptions] | undefined;
  #frame: number | undefined;
  /** When the last render happened (performance.now()). */
  #last = -Infinity;
  /** When the open block was last parsed, and the timer that parses it when it was left behind. */
  #parsed = -Infinity;
  #flush: ReturnType<typeof setTimeout> | undefined;

  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.ELEMENT) throw new Error('markdown() goes on an element');
  }

  render(_text: string, _streaming: boolean, _options: MarkdownOptions): unknown {
    return noChange;
  }

  override update(part: ElementPart, args: [string, boolean, MarkdownOptions]): unknown {
    const last = this.#args;
    // A finished message rendered again with the same text and options: nothing to do.
    if (
      last &&
      !args[1] &&
      !last[1] &&
      this.#view &&
      last[0] === args[0] &&
      sameOptions(last[2], args[2]) &&
      this.#frame === undefined
    )
      return noChange;
    this.#element = part.element as HTMLElement;
    this.#args = args;
    const loaded = renderer;
    if (loaded && this.#view && args[1]) {
      // While the reply streams, at most one render per frame: at once when the last one is a
      // frame old (a host that updates once per frame renders in that frame), otherwise tokens
      // that arrive within the frame are rendered together in the next one.
      if (this.#frame === undefined && performance.now() - this.#last >= FRAME_MS) this.#render(loaded);
      else
        this.#frame ??= requestAnimationFrame(() => {
          this.#frame = undefined;
          this.#render(loaded);
        });
    } else if (loaded) {
      if (this.#frame !== undefined) cancelAnimationFrame(this.#frame);
      this.#frame = undefined;
      this.#render(loaded);
    } else {
      this.#showPlain(args[0]);
      if (!this.#waiting) {
        this.#waiting = true;
        markdownReady().then(
          (module) => this.#args && this.#render(module),
          () => undefined, // the chunk failed to load: the text stays plain, which is safe
        );
      }
    }
    return noChange;
  }

  #render(module: Renderer) {
    this.#last = performance.now();
    const [text, streaming, options] = this.#args!;
    const element = this.#element!;
    adoptStyles(element, module.markdownStyles());
    if (!this.#view || !sameOptions(this.#view.options, options)) {
      this.#view = new module.MarkdownView(element, options, highlightLater);
      element.classList.add('markdown');
    }
    const view = this.#view;
    // While the reply streams, the open block is parsed again at most every OPEN_BLOCK_MS; in
    // between, words are appended to it as text when that cannot change how it parses
    // (MarkdownView), and anything else waits for the next parse, at most OPEN_BLOCK_MS away.
    const now = performance.now();
    let result: ReturnType<typeof view.update> | undefined;
    // A render that throws shows this message as plain text; the next update starts afresh.
    const rendered = renderOrPlain(element, text, () => {
      result = view.update(text, streaming, streaming && now - this.#parsed < OPEN_BLOCK_MS);
    });
    if (!rendered) {
      this.#view = undefined;
      return;
    }
    if (result === 'full') this.#parsed = now;
    if (result === 'deferred' && this.#flush === undefined)
      this.#flush = setTimeout(
        () => {
          this.#flush = undefined;
          if (this.#args) this.#render(module);
        },
        Math.max(0, OPEN_BLOCK_MS - (now - this.#parsed)),
      );
  }

  /**
   * Plain text while the chunk loads: one text node, its data appended when the text grew (a token
   * costs its own text, whatever came before), replaced otherwise.
   */
  #showPlain(text: string) {
    const element = this.#element!;
    const seen = this.#plain;
    const node = this.#plainNode;
    if (
      node?.parentNode === element &&
      seen !== undefined &&
      text.length >= seen.length &&
      text.startsWith(seen.slice(-32), Math.max(0, seen.length - 32))
    ) {
      if (text.length > seen.length) node.appendData(text.slice(seen.length));
    } else if (text.length > PIECE) {
      // A long text (a restored message of megabytes) in pieces laid out near the viewport only.
      this.#plainNode = undefined;
      element.replaceChildren(textPieces(text));
    } else {
      this.#plainNode = document.createTextNode(text);
      element.replaceChildren(this.#plainNode);
    }
    this.#plain = text;
  }
}

/** Add the look of replies to the shadow root the element lives in (once per root). */
function adoptStyles(element: Element, sheet: CSSStyleSheet) {
  const root = element.getRootNode();
  // A new message renders before Lit inserts it (its root is then a fragment): adopt once it is in.
  if (!(root instanceof ShadowRoot)) {
    if (!element.isConnected) queueMicrotask(() => element.isConnected && adoptStyles(element, sheet));
    return;
  }
  // Checked on every render: the element's own styles may replace the root's sheets after the
  // first time (a cheap `includes` over a handful of sheets).
  adoptSheet(root, sheet);
}

const sameOptions = (a: MarkdownOptions, b: MarkdownOptions) =>
  a.allowImages === b.allowImages &&
  a.copyLabel === b.copyLabel &&
  a.copyName === b.copyName &&
  a.copiedLabel === b.copiedLabel;

export const markdown = directive(MarkdownDirective);
