/**
 * The figures the progress card shows, from the last progress report. Pure.
 *
 * - The bar never jumps back: a download fills 0–90 %, the start of the model 90–100 %; a model
 *   already in the cache has no download, so its start fills the whole bar.
 * - The speed is shown only once it means something: after 2 % of the download or 1 MB.
 * - What is left is said in bytes and, with a speed, in time.
 */
import type { ProgressReport } from '../types.js';

export interface ProgressFigures {
  /** 0..1, never lower in a later phase. */
  value: number;
  /** Bytes still to download (undefined when unknown or done). */
  leftBytes: number | undefined;
  /** Bytes per second, once trustworthy. */
  speed: number | undefined;
  /** Seconds left, once the speed is trustworthy. */
  secondsLeft: number | undefined;
}

const DOWNLOAD_SHARE = 0.9;
const clamp = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

export function progressFigures(report: ProgressReport | undefined, downloaded: boolean): ProgressFigures {
  if (!report) return { value: 0, leftBytes: undefined, speed: undefined, secondsLeft: undefined };
  const fraction = clamp(report.progress);
  if (report.phase === 'load') {
    const value = downloaded ? DOWNLOAD_SHARE + (1 - DOWNLOAD_SHARE) * fraction : fraction;
    return { value, leftBytes: undefined, speed: undefined, secondsLeft: undefined };
  }
  const { loadedBytes, totalBytes } = report;
  const left = totalBytes > 0 ? Math.max(0, totalBytes - loadedBytes) : undefined;
  const trusted = loadedBytes >= Math.min(2 ** 20, totalBytes * 0.02) && loadedBytes > 0;
  const speed =
    trusted && report.bytesPerSecond && report.bytesPerSecond > 0 ? report.bytesPerSecond : undefined;
  return {
    value: DOWNLOAD_SHARE * fraction,
    leftBytes: left || undefined,
    speed,
    secondsLeft: speed && left ? Math.ceil(left / speed) : undefined,
  };
}

/** `75` → `1 min 15 s`, `8` → `8 s`: a short, plain duration (English units; the words come from strings). */
export function formatDuration(seconds: number, units: { s: string; min: string }): string {
  const s = Math.max(1, Math.round(seconds));
  if (s < 60) return `${s} ${units.s}`;
  const m = Math.floor(s / 60);
  const rest = s % 60;
  return rest && m < 10 ? `${m} ${units.min} ${rest} ${units.s}` : `${m} ${units.min}`;
}
