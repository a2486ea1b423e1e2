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
import { renderOrPlain } from './plain-fallback.js';

type Renderer = typeof import('./markdown.js');
let renderer: Renderer | undefined;
let loading: Promise<Renderer> | undefined;
let highlighter: Promise<typeof import('./highlight.js')> | undefined;

/** Resolves when the Markdown chunk is loaded (loading it if needed). */
export function markdownReady(): Promise<Renderer> {
  loading ??= import('./markdown.js').then((module) => (renderer = module));
  return loading;
}

const idle = (work: () => void) =>
  'requestIdleCallback' in window ? requestIdleCallback(work, { timeout: 500 }) : setTimeout(work, 16);

function highlightLater(block: HTMLElement) {
  if (!block.querySelector('pre[data-lang]')) return;
  highlighter ??= import('./highlight.js');
  highlighter.then(
    ({ highlightWithin }) => idle(() => highlightWithin(block)),
    () => undefined, // no highlighting is no loss: the code stays readable
  );
}

class MarkdownDirective extends Directive {
  #element: HTMLElement | undefined;
  #view: MarkdownView | undefined;
  #plain: string | undefined;
  #args: [string, boolean, MarkdownOptions] | undefined;
  #frame: number | undefined;

  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.ELEMENT) throw new Error('markdown() goes on an element');
  }

  render(_text: string, _streaming: boolean, _options: MarkdownOptions): unknown {
    return noChange;
  }

  override update(part: ElementPart, args: [string, boolean, MarkdownOptions]): unknown {
    this.#element = part.element as HTMLElement;
    this.#args = args;
    const loaded = renderer;
    if (loaded && this.#view && args[1]) {
      // While the reply streams, tokens that arrive within one frame are rendered together.
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
      markdownReady().then(
        (module) => this.#args && this.#render(module),
        () => undefined, // the chunk failed to load: the text stays plain, which is safe
      );
    }
    return noChange;
  }

  #render(module: Renderer) {
    const [text, streaming, options] = this.#args!;
    const element = this.#element!;
    adoptStyles(element, module.markdownStyles());
    if (!this.#view || !sameOptions(this.#view.options, options)) {
      this.#view = new module.MarkdownView(element, options, highlightLater);
      element.classList.add('markdown');
    }
    const view = this.#view;
    // A render that throws shows this message as plain text; the next update starts afresh.
    if (!renderOrPlain(element, text, () => view.update(text, streaming))) this.#view = undefined;
  }

  /** Plain text while the chunk loads: appended when the text grew, replaced otherwise. */
  #showPlain(text: string) {
    const element = this.#element!;
    const seen = this.#plain;
    if (
      seen !== undefined &&
      text.length >= seen.length &&
      text.startsWith(seen.slice(-32), Math.max(0, seen.length - 32))
    )
      element.append(text.slice(seen.length));
    else element.textContent = text;
    this.#plain = text;
  }
}

/** Add the look of replies to the shadow root the element lives in (once per root). */
function adoptStyles(element: Element, sheet: CSSStyleSheet) {
  const root = element.getRootNode();
  if (!(root instanceof ShadowRoot) || root.adoptedStyleSheets.includes(sheet)) return;
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

const sameOptions = (a: MarkdownOptions, b: MarkdownOptions) =>
  a.allowImages === b.allowImages &&
  a.copyLabel === b.copyLabel &&
  a.copyName === b.copyName &&
  a.copiedLabel === b.copiedLabel;

export const markdown = directive(MarkdownDirective);
