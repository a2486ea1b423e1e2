/**
 * Keeps the message log following the conversation: after each render, if the log was scrolled to
 * the bottom before it (or the user has just sent a message), it scrolls to the bottom again. A
 * reader who scrolled up to read stays where they are while the reply streams, and `away` tells
 * the element to offer a "jump to latest" control.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Closer than this to the bottom (px) counts as at the bottom. */
const SLACK = 32;

export class ScrollController implements ReactiveController {
  #host: ReactiveControllerHost;
  #log: () => HTMLElement | null;
  #watched: HTMLElement | null = null;
  /** The reader has scrolled up, away from the latest message. */
  away = false;
  #count: () => number;
  #follow = true;
  #seen = 0;
  #frame: number | undefined;

  /** `count`: how many messages the user has sent (a new one scrolls to the bottom). */
  constructor(host: ReactiveControllerHost, log: () => HTMLElement | null, count: () => number) {
    this.#host = host;
    this.#log = log;
    this.#count = count;
    host.addController(this);
  }

  hostUpdate(): void {
    const log = this.#log();
    if (log) this.#follow = log.scrollHeight - log.scrollTop - log.clientHeight <= SLACK;
  }

  hostUpdated(): void {
    const log = this.#log();
    this.#watch(log);
    const count = this.#count();
    const added = count > this.#seen;
    this.#seen = count;
    if (!log || !(this.#follow || added)) return;
    const toEnd = () => log.scrollTo({ top: log.scrollHeight, behavior: 'instant' });
    toEnd();
    // A streaming reply renders in the next frame (see render/markdown-directive.ts): follow it
    // there too, unless the reader has scrolled up in between.
    const top = log.scrollTop;
    if (this.#frame !== undefined) cancelAnimationFrame(this.#frame);
    this.#frame = requestAnimationFrame(() => {
      this.#frame = undefined;
      if (log.scrollTop >= top - 1) toEnd();
    });
  }

  /** Scroll to the latest message and follow it again. */
  toLatest(): void {
    const log = this.#log();
    if (!log) return;
    this.#follow = true;
    log.scrollTo({ top: log.scrollHeight, behavior: 'instant' });
    this.#onScroll();
  }

  #watch(log: HTMLElement | null) {
    if (log === this.#watched) return;
    this.#watched?.removeEventListener('scroll', this.#onScroll);
    this.#watched = log;
    log?.addEventListener('scroll', this.#onScroll, { passive: true });
  }

  #onScroll = () => {
    const log = this.#watched;
    const away = !!log && log.scrollHeight - log.scrollTop - log.clientHeight > SLACK * 2;
    if (away !== this.away) {
      this.away = away;
      this.#host.requestUpdate();
    }
  };
}
