// Pure helpers: medians, compressed sizes, ratios, formatting.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return NaN;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** Raw, gzip (level 9) and brotli (quality 11) byte counts of a buffer. */
export function sizes(buffer) {
  return {
    raw: buffer.length,
    gzip: gzipSync(buffer, { level: 9 }).length,
    brotli: brotliCompressSync(buffer, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buffer.length },
    }).length,
  };
}

export function sumSizes(list) {
  return list.reduce((t, s) => ({ raw: t.raw + s.raw, gzip: t.gzip + s.gzip, brotli: t.brotli + s.brotli }), {
    raw: 0,
    gzip: 0,
    brotli: 0,
  });
}

export const ratio = (ours, theirs) => (theirs > 0 && Number.isFinite(ours) ? ours / theirs : NaN);

export function kb(bytes) {
  if (!Number.isFinite(bytes)) return '–';
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}
export const ms = (v) => (Number.isFinite(v) ? `${v.toFixed(v < 10 ? 1 : 0)} ms` : '–');
export const num = (v, digits = 2) => (Number.isFinite(v) ? v.toFixed(digits) : '–');

/**
 * The CPU bench's calibration read: per engine and build, the median of measured / predicted ms per
 * token over its rows. fit/cpu.ts's `speedup` for that engine and build, divided by it, predicts
 * what was measured.
 */
export function calibrationRatios(rows) {
  const groups = new Map();
  for (const { engine, build, predicted, measured } of rows) {
    if (!(predicted > 0) || !Number.isFinite(measured)) continue;
    const key = `${engine} ${build}`;
    groups.set(key, [...(groups.get(key) ?? []), measured / predicted]);
  }
  return [...groups].map(([key, ratios]) => {
    const [engine, build] = key.split(' ');
    return { engine, build, ratio: median(ratios), rows: ratios.length };
  });
}
