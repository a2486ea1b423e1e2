/**
 * Rendering in slices: work that can wait (the blocks of a long message) is done while the task
 * has time left, and the rest in later tasks, so that restoring a conversation of several
 * megabytes of Markdown never stops the page for longer than a slice (plus one block, which
 * `bounds.ts` keeps small). The budget is shared by every message of the page in a task.
 */

/** Rendering work a task may do before it lets the page breathe, ms. */
export const SLICE_MS = 20;

let sliceStart: number | undefined;
const queue: Array<() => void> = [];

/** A slice starts now, and ends with this task. */
function startSlice(now: number): number {
  sliceStart = now;
  setTimeout(() => (sliceStart = undefined));
  return now;
}

/** Whether this task has time left for one more block (the first call in a task starts its slice). */
export function timeLeft(): boolean {
  const now = performance.now();
  return now - (sliceStart ?? startSlice(now)) < SLICE_MS;
}

/** Do `work` in a later task, in order, after what was asked before it. */
export function later(work: () => void): void {
  queue.push(work);
  if (queue.length === 1) setTimeout(runQueue);
}

function runQueue() {
  startSlice(performance.now());
  for (const work of queue.splice(0)) work();
}
