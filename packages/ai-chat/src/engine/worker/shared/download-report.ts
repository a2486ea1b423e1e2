/**
 * What both runtimes' downloaders share: their options, their figures, and those figures as the
 * page's progress report. Imported by the load code only.
 */
import { formatBytes } from '../../../fit/size.js';
import type { ProgressReport } from '../../../types.js';
import type { StorageLike } from './quota.js';

export interface DownloadProgress {
  loadedBytes: number;
  totalBytes: number;
  bytesPerSecond: number;
  file: string;
}

export interface DownloadOptions {
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
  /** Files fetched at once (WebLLM uses 4). */
  concurrency?: number;
  /** Smallest interval between progress reports, ms (the last report always comes). */
  reportEveryMs?: number;
  storage?: StorageLike | undefined;
}

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
