/**
 * A download's figures as the page's progress report, the same for both runtimes' downloaders.
 * Imported by the load code only.
 */
import { formatBytes } from '../../fit/size.js';
import type { ProgressReport } from '../../types.js';

/** A download's figures as the page's progress report. Pure. */
export function downloadReport(p: {
  loadedBytes: number;
  totalBytes: number;
  bytesPerSecond: number;
}): ProgressReport {
  return {
    phase: 'download',
    progress: p.totalBytes ? p.loadedBytes / p.totalBytes : 0,
    loadedBytes: p.loadedBytes,
    totalBytes: p.totalBytes,
    text: `${formatBytes(p.loadedBytes)} of ${formatBytes(p.totalBytes)}${p.bytesPerSecond ? ` · ${formatBytes(p.bytesPerSecond)}/s` : ''}`,
    bytesPerSecond: p.bytesPerSecond,
  };
}
