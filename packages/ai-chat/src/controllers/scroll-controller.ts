/**
 * Keeps the message log following the conversation: after each render, if the log was scrolled to
 * the bottom (or the user has just sent a message), it scrolls to the bottom again. A reader who
 * scrolled up to read stays where they are while the reply streams, and `away` tells the element
 * to offer a "jump to latest" control.
 *
 * Cost: whether the log is at the bottom is read from its `scroll` events (layout is clean then),
 * never on each update. Updates scroll at most once per frame, in the next animation frame, after
 * the reply's own per-frame render: one layout per frame however many tokens arrive, and never a
 * layout forced inside the update itself (on a slow phone, an update's script and the layout it
 * forces together make a long task; apart, each stays short). The frame reads where the log is:
 * a reader who scrolled up since the last scroll (whose scroll event may not have come yet) stays
 * there, unless the visitor has just sent a message.
 */
import type { ReactiveController } from 'lit';
import type { ChatMessage } from '../types.js';
import { logOf, type LogHost } from './message-window.js';

/** Closer than this to the bottom (px) counts as at the bottom. */
const SLACK = 32;

const atBottom = (log: HTMLElement) => log.scrollHeight - log.scrollTop - log.clientHeight <= SLACK;

export class ScrollController implements ReactiveController {
  #host: LogHost;
  #conversation: { readonly messages: readonly ChatMessage[] };
  /** The reader has scrolled up, away from the latest message. */
  away = false;
  #follow = true;
  #seen = 0;
  #frame: number | undefined;
  #watched: HTMLElement | undefined;
  /** Where the controller last scrolled to: a smaller `scrollTop` since then is the reader's. */
  #top = 0;
  /** The log's scroll height when last seen. */
  #height = 0;
  /** The visitor sent a message: the next frame scrolls to the end wherever the log is. */
  #sent = false;
  /**
   * The reader scrolled: follow again at the bottom, stop when above where the controller last
   * scrolled to. (A scroll event of the controller's own scroll can arrive after the reply has
   * grown further: still following.)
   */
  #onScroll = () => {
    const log = this.#watched;
    if (!log) return;
    // The content shrank for a moment (a block rendered again) and the browser moved the scroll
    // position down with it: that is not the reader scrolling up.
    const shrank = log.scrollHeight < this.#height;
    this.#height = log.scrollHeight;
    if (shrank) this.#top = Math.min(this.#top, log.scrollTop);
    else this.#follow = log.scrollTop >= this.#top - 1 || atBottom(log);
    // Layout is clean in a scroll event: whether to offer "jump to latest" costs no forced layout.
    // While following, the next frame brings the log to its end: no control flashes up because the
    // reply grew between the controller's scroll and its event.
    const away = !this.#follow && log.scrollHeight - log.scrollTop - log.clientHeight > SLACK * 2;
    if (away !== this.away) {
      this.away = away;
      this.#host.requestUpdate();
    }
  };

  /** A new message of the user in `conversation` scrolls to the bottom. */
  constructor(host: LogHost, conversation: { readonly messages: readonly ChatMessage[] }) {
    this.#host = host;
    this.#conversation = conversation;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#watch(undefined);
    if (this.#frame !== undefined) cancelAnimationFrame(this.#frame);
    this.#frame = undefined;
  }

  hostUpdated(): void {
    const log = logOf(this.#host) ?? undefined;
    this.#watch(log);
    const count = this.#conversation.messages.reduce((n, m) => n + (m.role === 'user' ? 1 : 0), 0);
    const added = count > this.#seen;
    this.#seen = count;
    if (!log || !(this.#follow || added)) return;
    if (added) this.#follow = this.#sent = true;
    this.#frame ??= requestAnimationFrame(() => {
      this.#frame = undefined;
      const sent = this.#sent;
      this.#sent = false;
      if (sent || (this.#follow && (log.scrollTop >= this.#top - 1 || atBottom(log)))) this.#toEnd(log);
    });
  }

  /** Scroll to the latest message and follow it again. */
  toLatest(): void {
    const log = logOf(this.#host);
    if (!log) return;
    this.#follow = true;
    this.#toEnd(log);
    this.#onScroll();
  }

  #toEnd(log: HTMLElement) {
    log.scrollTo({ top: log.scrollHeight, behavior: 'instant' });
    this.#top = log.scrollTop;
    this.#height = log.scrollHeight;
  }

  #watch(log: HTMLElement | undefined) {
    if (log === this.#watched) return;
    this.#watched?.removeEventListener('scroll', this.#onScroll);
    this.#watched = log;
    log?.addEventListener('scroll', this.#onScroll, { passive: true });
  }
}
