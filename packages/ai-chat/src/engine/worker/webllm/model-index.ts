/**
 * `tensor-cache.json` read strictly, before anything is fetched or any size is shown: every record
 * needs a `dataPath` inside the model's folder on the model's own origin, a byte size that is a
 * non-negative whole number, and an `md5sum` that is empty or 32 hex digits. One bad record makes
 * the whole index unusable (`ModelIndexInvalidError`), so a hostile index cannot hide a size, make
 * a size a string, or send the downloader to another folder or host. Pure.
 */
import { named } from '../../errors.js';

export interface IndexShard {
  /** Absolute URL of the shard. */
  url: string;
  nbytes: number;
  /** Lowercase hex MD5 the shard must have, when the index gives one. */
  md5?: string;
}

export const invalidIndex = (why: string) =>
  named('ModelIndexInvalidError', `tensor-cache.json cannot be used: ${why}`);

/** True when `url` is inside the folder `base` (which ends with `/`), on the same origin. */
export function insideFolder(url: URL, base: URL): boolean {
  return url.origin === base.origin && url.pathname.startsWith(base.pathname) && !url.username;
}

/** The shards of an index served at `base` (the model's folder URL, ending with `/`). Throws when invalid. */
export function readIndex(value: unknown, base: string): IndexShard[] {
  if (typeof value !== 'object' || value === null || !Array.isArray((value as { records?: unknown }).records))
    throw invalidIndex('it has no list of records');
  const folder = new URL(base);
  return (value as { records: unknown[] }).records.map((record, i) => {
    if (typeof record !== 'object' || record === null) throw invalidIndex(`record ${i} is not an object`);
    const { dataPath, nbytes, md5sum } = record as Record<string, unknown>;
    if (typeof dataPath !== 'string' || !dataPath) throw invalidIndex(`record ${i} has no dataPath`);
    if (typeof nbytes !== 'number' || !Number.isSafeInteger(nbytes) || nbytes < 0)
      throw invalidIndex(`record ${i} has a size that is not a whole number of bytes`);
    let url: URL;
    try {
      url = new URL(dataPath, folder);
    } catch {
      throw invalidIndex(`record ${i} has a dataPath that is not a URL path`);
    }
    if (!insideFolder(url, folder)) throw invalidIndex(`record ${i} points outside the model's folder`);
    if (
      md5sum !== undefined &&
      md5sum !== '' &&
      (typeof md5sum !== 'string' || !/^[0-9a-f]{32}$/i.test(md5sum))
    )
      throw invalidIndex(`record ${i} has an md5sum that is not 32 hex digits`);
    const shard: IndexShard = { url: url.href, nbytes };
    if (typeof md5sum === 'string' && md5sum) shard.md5 = md5sum.toLowerCase();
    return shard;
  });
}
