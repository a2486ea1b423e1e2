// The main thread's tasks in a DevTools trace, by CPU time (`tdur`): unlike the wall time of long
// tasks, it does not grow when other processes share the machine's cores. Pure.

/** Tasks (`RunTask`) of the page's renderer main thread in `trace`, as CPU time in ms. */
export function taskCpuTimes(trace) {
  const events = trace.traceEvents ?? trace;
  const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const isMain = (e) => mains.some((m) => m.pid === e.pid && m.tid === e.tid);
  return events
    .filter((e) => e.name === 'RunTask' && e.ph === 'X' && isMain(e))
    .map((e) => (e.tdur ?? 0) / 1000);
}

/** How many of `times` (ms) are over `limitMs`, and the longest. */
export function overLimit(times, limitMs = 50) {
  const over = times.filter((t) => t > limitMs);
  return { count: over.length, longestMs: times.length ? Math.max(...times) : 0 };
}
