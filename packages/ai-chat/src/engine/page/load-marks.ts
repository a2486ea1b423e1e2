/**
 * The marks loads leave in storage (`localStorage`, key `ai-chat:loads`), so that a load that dies
 * with the page is never repeated on its own (see `fit/crashes.ts`). A load holds a Web Lock of its
 * own while it runs: a mark whose lock is free belongs to a page that is gone. A page closed during
 * a load (`pagehide`) takes its mark away: only a page that died (killed by the browser, crashed)
 * leaves one. Storage that cannot be used (private modes, a sandbox) marks nothing.
 */
import type { RuntimeModel } from '../runtime.js';
import { begin, end, parseMarks, settle, type LoadMark, type LoadMarks } from '../../fit/crashes.js';

/** Also read, as is, by `worker-side.ts` (whether to load this code at all before the first click). */
const KEY = 'ai-chat:loads';

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

const read = (): LoadMarks => parseMarks(storage()?.getItem(KEY));

/** No marks left: the key goes, so that the next page reads nothing before its first click. */
function write(marks: LoadMarks) {
  try {
    if (marks.loading.length || marks.crashed.length) storage()?.setItem(KEY, JSON.stringify(marks));
    else storage()?.removeItem(KEY);
  } catch {
    // Full or refused: nothing is marked.
  }
}

/** The crashes known on this origin: marks of loads whose page is gone become crashes first. */
export async function crashesHere(): Promise<LoadMark[]> {
  if (!read().loading.length) return read().crashed;
  const locks = await navigator.locks?.query().catch(() => undefined);
  const marks = settle(read(), new Set(locks?.held?.map((lock) => lock.name)));
  write(marks);
  return marks.crashed;
}

/**
 * Mark a load of `model` (with the lock held first, so that no other tab reads it as a crash);
 * the returned function ends it, saying whether the model loaded.
 */
export async function markLoad(model: RuntimeModel): Promise<(loaded: boolean) => void> {
  const mark: LoadMark = {
    lock: `ai-chat-load-${Math.random().toString(36).slice(2)}`,
    model: model.id,
    runtime: model.runtime,
    ...(model.label ? { label: model.label } : {}),
    memoryBytes: Math.round(model.vramMB * 2 ** 20),
  };
  let release: (() => void) | undefined;
  await new Promise<void>((held) => {
    const locks = navigator.locks;
    if (!locks) return held();
    locks
      .request(
        mark.lock,
        () =>
          new Promise<void>((done) => {
            release = done;
            held();
          }),
      )
      .catch(() => held());
  });
  write(begin(read(), mark));
  const closed = () => write(end(read(), mark, false));
  addEventListener('pagehide', closed);
  return (loaded) => {
    removeEventListener('pagehide', closed);
    write(end(read(), mark, loaded));
    release?.();
  };
}
