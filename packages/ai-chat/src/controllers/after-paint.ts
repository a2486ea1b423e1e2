/**
 * Run `work` once the page has painted what is on screen now (the next frame, then a task of its
 * own): work the first view does not need (the check before consent: the runtime, its worker)
 * leaves the main thread to that view, so that the composer can be typed in at once. A page that
 * paints nothing (a hidden tab draws no frames) runs it after `latest` ms.
 */
export function afterPaint(work: () => void, latest = 100): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    work();
  };
  if (typeof requestAnimationFrame == 'function') requestAnimationFrame(() => setTimeout(once));
  setTimeout(once, latest);
}
