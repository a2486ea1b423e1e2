/**
 * Keeps the message log following the conversation: after each render, if the log was scrolled to
 * the bottom before it (or the user has just sent a message), it scrolls to the bottom again. A
 * reader who scrolled up to read stays where they are while the reply streams.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Closer than this to the bottom (px) counts as at the bottom. */
const SLACK = 32;

export class ScrollController implements ReactiveController {
  #log: () => HTMLElement | null;
  #count: () => number;
  #follow = true;
  #seen = 0;
  #frame: number | undefined;

  /** `count`: how many messages the user has sent (a new one scrolls to the bottom). */
  constructor(host: ReactiveControllerHost, log: () => HTMLElement | null, count: () => number) {
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
}
