/**
 * Byte sizes as page authors write them: `800MB`, `1.5GB`, `2GiB`, `512 MiB`, `1e9` or plain bytes.
 * Decimal units are powers of 1000, binary units powers of 1024. Returns `undefined` for
 * anything else (empty, negative, `lots`).
 */
const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

export function parseByteSize(value: string | number | null | undefined): number | undefined {
  if (typeof value === 'number') return bytes(value);
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(\d+(?:\.\d+)?(?:e\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  if (!match) return undefined;
  const unit = UNITS[match[2]!.toLowerCase()];
  if (unit === undefined) return undefined;
  return bytes(Number(match[1]) * unit);
}

/** A byte count a limit can be: finite (`1e400` is not a limit), not negative, a safe integer. */
function bytes(value: number): number | undefined {
  const rounded = Math.round(value);
  return Number.isSafeInteger(rounded) && rounded >= 0 ? rounded : undefined;
}

/** Human size: `1.2 GB`, `850 MB`, `12 KB` (decimal, like download dialogs). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '?';
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(bytes >= 1e10 ? 0 : 1)} GB`;
  if (bytes >= 1e6) return `${Math.round(bytes / 1e6)} MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} KB`;
  return `${bytes} B`;
}
