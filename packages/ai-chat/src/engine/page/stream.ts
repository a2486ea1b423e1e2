/**
 * Reading a reply's stream so that Stop always stops: the reader gets chunks until the stream ends
 * or the signal aborts, and on abort it returns at once, whatever the engine does. The stream is
 * then closed in the background the way engines need: read to its end (an engine may hold a lock
 * until its stream ends, as web-llm's `MLCEngine` does), and `return()`ed and abandoned if it has
 * not ended within `boundMs`. Late chunks are read and dropped, never shown.
 */

export interface Reading<T> {
  /** The chunks, until the stream ends or the signal aborts. Throws what the stream throws. */
  chunks: AsyncIterable<T>;
  /** Resolves when the stream is done with: ended, failed, or closed and abandoned after an abort. */
  closed: Promise<void>;
}

/** How long a stopped stream may take to end before it is abandoned. */
export const CLOSE_BOUND_MS = 2000;

const ABORTED = Symbol('aborted');
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function readAbortable<T>(
  open: () => AsyncIterable<T> | Promise<AsyncIterable<T>>,
  signal: AbortSignal,
  boundMs = CLOSE_BOUND_MS,
): Reading<T> {
  let markClosed!: () => void;
  const closed = new Promise<void>((resolve) => (markClosed = resolve));
  const aborted = new Promise<typeof ABORTED>((resolve) => {
    if (signal.aborted) resolve(ABORTED);
    else signal.addEventListener('abort', () => resolve(ABORTED), { once: true });
  });

  /** After an abort: read the rest and drop it, `return()` at the bound, and say closed either way. */
  const close = (iterator: Promise<AsyncIterator<T>>, pending?: Promise<IteratorResult<T>>) => {
    const drained = (async () => {
      const it = await iterator;
      let result = await (pending ?? it.next());
      while (!result.done) result = await it.next();
    })().then(
      () => true,
      () => true,
    );
    void Promise.race([drained, sleep(boundMs).then(() => false)]).then((ended) => {
      if (!ended) void iterator.then((it) => it.return?.()).catch(() => undefined);
      markClosed();
    });
  };

  async function* chunks(): AsyncGenerator<T> {
    const opening = Promise.resolve().then(open);
    let settled = false;
    try {
      const stream = await Promise.race([opening, aborted]);
      if (stream === ABORTED) {
        settled = true;
        close(opening.then((s) => s[Symbol.asyncIterator]()));
        return;
      }
      const iterator = stream[Symbol.asyncIterator]();
      for (;;) {
        const pending = iterator.next();
        const result = await Promise.race([pending, aborted]);
        if (result === ABORTED) {
          settled = true;
          close(Promise.resolve(iterator), pending);
          return;
        }
        if (result.done) return;
        yield result.value;
      }
    } finally {
      if (!settled) markClosed();
    }
  }

  return { chunks: chunks(), closed };
}
