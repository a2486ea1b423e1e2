import type { ProgressReport } from '../types.js';

/**
 * WebLLM's `InitProgressReport` as our progress: the phase from its text (its `progress` restarts
 * between fetching and loading), bytes from the known download size.
 */
export function progressFromReport(
  report: { progress: number; text: string },
  info: { downloadBytes: number },
): ProgressReport {
  const phase =
    /^Fetching|Start to fetch|fetch/i.test(report.text) && !/from cache/i.test(report.text)
      ? 'download'
      : 'load';
  const progress = Math.min(1, Math.max(0, Number.isFinite(report.progress) ? report.progress : 0));
  const totalBytes = info.downloadBytes;
  return { phase, progress, loadedBytes: Math.round(totalBytes * progress), totalBytes, text: report.text };
}
