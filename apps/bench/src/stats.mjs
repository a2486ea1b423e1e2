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
 * The CPU bench's calibration fit, per engine and build, of `measured = fixedMs + work / speedup`
 * (fit/cpu.ts's model: `work` is a page's weight bytes over its probe's speed, ms). On a shared
 * machine single readings scatter 2–4×, so it is fitted by medians (Theil–Sen): the slope is the
 * median of the slopes between pairs of rows whose work differs by more than half, the fixed cost the
 * median of what the slope leaves. A group whose rows cannot give a slope gets none.
 */
export function fitCalibration(rows) {
  const groups = new Map();
  for (const row of rows) {
    if (!(row.work > 0) || !Number.isFinite(row.measured)) continue;
    const key = `${row.engine} ${row.build}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups].map(([key, group]) => {
    const [engine, build] = key.split(' ');
    const slopes = [];
    for (const a of group)
      for (const b of group)
        if (b.work > a.work * 1.5) slopes.push((b.measured - a.measured) / (b.work - a.work));
    const slope = median(slopes);
    const fixedMs = median(group.map((r) => r.measured - slope * r.work));
    return { engine, build, fixedMs, speedup: 1 / slope, rows: group.length };
  });
}
