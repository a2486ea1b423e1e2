/**
 * The storage check before a download's first byte, shared by both downloaders (and kept apart from
 * them, so that the code a download needs loads only with the download).
 */
import { named } from '../../errors.js';

/** What `navigator.storage` offers for the check (tests hand in their own). */
export interface StorageLike {
  estimate(): Promise<{ quota?: number; usage?: number }>;
}

/** Megabytes for a quota message (one decimal below 10 MB): needed rounded up, free rounded down. */
export function mb(bytes: number, round: (n: number) => number = Math.ceil): string {
  const scale = bytes < 10e6 ? 10 : 1;
  return `${round((bytes / 1e6) * scale) / scale} MB`;
}

/** Throws `QuotaExceededError` naming the size needed when the browser's storage cannot hold the rest. */
export async function checkQuota(neededBytes: number, storage: StorageLike | undefined): Promise<void> {
  if (!storage || neededBytes <= 0) return;
  let estimate: { quota?: number; usage?: number };
  try {
    estimate = await storage.estimate();
  } catch {
    return; // No estimate: the cache itself will say when it is full.
  }
  if (estimate.quota === undefined) return;
  const free = estimate.quota - (estimate.usage ?? 0);
  if (free < neededBytes) {
    throw named(
      'QuotaExceededError',
      `needs ${mb(neededBytes)} of storage, ${mb(Math.max(0, free), Math.floor)} available`,
    );
  }
}
