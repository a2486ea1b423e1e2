/**
 * The message log renders only its last messages when the conversation is long: a restored
 * conversation of 10,000 messages costs what about a hundred cost, and a turn costs the same at
 * message 400 as at message 4. Messages are rendered in pages of WINDOW_PAGE, each page always at
 * the same place in the template (pages outside the window render as nothing), so pages that
 * come and go never make Lit render the others again. When the reader scrolls up to the first
 * rendered page, the page before it is added above, and the reader stays where they were; while
 * the reader follows the end, pages far above are dropped.
 *
 * Use: `${window.render(list, (m) => template(m), [what else the template reads])}` in the log.
 */
import { html, noChange, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';

/** An element with a message log (`part="messages"`) in its shadow root. */
export interface LogHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/** The host's message log, when it is rendered. */
export const logOf = (host: LogHost): HTMLElement | null =>
  host.renderRoot?.querySelector?.<HTMLElement>('[part="messages"]') ?? null;

/** Conversations up to this many messages render in full. */
export const WINDOW_FROM = 100;
/** Messages per page. */
export const WINDOW_PAGE = 60;
/** Closer than this to the bottom (px) counts as following the end. */
const SLACK = 32;

/**
 * The first page to render of a list of `total` messages. `current`: the first page rendered now
 * (undefined for a new list); `following`: the reader is at the end. Pure.
 */
export function firstPage(total: number, current: number | undefined, following: boolean): number {
  if (total <= WINDOW_FROM) return 0;
  const last = Math.floor((total - 1) / WINDOW_PAGE);
  if (current === undefined || current > last) return Math.max(0, last - 1);
  if (following && last - current >= 3) return last - 1;
  return current;
}

export class MessageWindow implements ReactiveController {
  #host: LogHost;
  #first: number | undefined;
  #list: { length: number; head: unknown } = { length: 0, head: undefined };
  #following = true;
  /** The messages each page showed at the last render (undefined: not rendered). */
  #pages: Array<readonly unknown[] | undefined> = [];
  #deps: readonly unknown[] = [];
  #observer: IntersectionObserver | undefined;
  #observed: Element | undefined;
  #watched: HTMLElement | undefined;
  #onScroll = () => {
    const log = this.#watched;
    if (log) this.#following = log.scrollHeight - log.scrollTop - log.clientHeight <= SLACK;
  };

  constructor(host: LogHost) {
    this.#host = host;
    host.addController(this);
  }

  /**
   * The sentinel (when earlier messages are left out) and the pages in the window, each message
   * through `each`. A page other than the last whose messages and `deps` (what else `each` reads:
   * strings, options) are the same as last time is not rendered again (`noChange`): an update
   * while a reply streams costs the last page, not the conversation.
   */
  render<T>(list: readonly T[], each: (item: T) => unknown, deps: readonly unknown[] = []): unknown[] {
    // A list that shrank or starts elsewhere is a new conversation (reset, restore).
    if (list.length < this.#list.length || list[0] !== this.#list.head) {
      this.#first = undefined;
      this.#pages = [];
    }
    this.#list = { length: list.length, head: list[0] };
    const same = deps.length === this.#deps.length && deps.every((d, i) => d === this.#deps[i]);
    this.#deps = deps;
    const first = (this.#first = firstPage(list.length, this.#first, this.#following));
    const pages = Math.ceil(list.length / WINDOW_PAGE);
    const out: unknown[] = [
      first > 0 ? html`<div class="earlier" aria-hidden="true" style="height:1px"></div>` : nothing,
    ];
    for (let p = 0; p < pages; p++) {
      const items = p < first ? undefined : list.slice(p * WINDOW_PAGE, (p + 1) * WINDOW_PAGE);
      const before = this.#pages[p];
      this.#pages[p] = items;
      if (!items) out.push(nothing);
      else if (
        same &&
        p < pages - 1 &&
        before?.length === items.length &&
        before.every((m, i) => m === items[i])
      )
        out.push(noChange);
      else out.push(html`${items.map(each)}`);
    }
    this.#pages.length = pages;
    return out;
  }

  hostUpdated(): void {
    const log = logOf(this.#host) ?? undefined;
    if (log !== this.#watched) {
      this.#watched?.removeEventListener('scroll', this.#onScroll);
      this.#watched = log;
      log?.addEventListener('scroll', this.#onScroll, { passive: true });
    }
    const sentinel = log?.querySelector(':scope > .earlier') ?? undefined;
    if (sentinel === this.#observed) return;
    if (this.#observed) this.#observer?.unobserve(this.#observed);
    this.#observed = sentinel;
    if (!sentinel || !log) return;
    if (this.#observer?.root !== log) {
      this.#observer?.disconnect();
      this.#observer = new IntersectionObserver((entries) => void this.#reached(entries, log), {
        root: log,
        rootMargin: '200px 0px 0px 0px',
      });
    }
    this.#observer.observe(sentinel);
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
    this.#observed = undefined;
    this.#watched?.removeEventListener('scroll', this.#onScroll);
    this.#watched = undefined;
  }

  /** The reader reached the top: add the page before, keeping the reader where they are. */
  async #reached(entries: IntersectionObserverEntry[], log: HTMLElement) {
    if (!entries.some((e) => e.isIntersecting) || !this.#first) return;
    const fromBottom = log.scrollHeight - log.scrollTop;
    this.#first--;
    this.#following = false;
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    log.scrollTo({ top: log.scrollHeight - fromBottom, behavior: 'instant' });
    // Still near the top (short messages): the observer reports changes only, so look again.
    this.#observed = undefined;
    this.hostUpdated();
  }
}
