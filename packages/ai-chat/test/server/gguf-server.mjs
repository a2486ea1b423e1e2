// Generated GGUF models (see ../gguf/make-gguf.mjs), served with HTTP Range support:
//   /gguf/<label>.gguf          the tiny model (dim 64, 2 layers, q8_0, about 160 KB)
//   /gguf/<label>-d<D>l<L>-<type>.gguf   dim D, L layers, type q8_0|q4_0|f16|f32
//   `-c<N>` anywhere in the label: a context of N tokens (default 512), for example
//   /gguf/<label>-c4096.gguf or /gguf/<label>-d64l2-q8_0-c4096.gguf
// Modifiers after `~` in the label: `~cut` sends the first half of the file, then cuts the
// connection (once per path); `~slow` sends the body in small pieces with pauses (to cancel in the
// middle). GET requests are counted per path as `gguf/<file>`, and ranged ones also as
// `gguf/<file> range <start>-` (see /__models/requests).
import { makeGguf } from '../gguf/make-gguf.mjs';

const files = new Map();

export function ggufFile(label) {
  const shape = /-d(\d+)l(\d+)-(q8_0|q4_0|f16|f32)/.exec(label);
  const context = Number(/-c(\d+)/.exec(label)?.[1] ?? 512);
  const key = `${shape ? shape.slice(1).join('/') : 'tiny'}/c${context}`;
  let file = files.get(key);
  if (!file) {
    const dims = shape ? { dim: Number(shape[1]), layers: Number(shape[2]), type: shape[3] } : {};
    file = makeGguf({ ...dims, context });
    files.set(key, file);
  }
  return file;
}

function parseRange(header, size) {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header ?? '');
  if (!m) return undefined;
  const start = m[1] === '' ? size - Number(m[2]) : Number(m[1]);
  const end = m[1] !== '' && m[2] !== '' ? Math.min(Number(m[2]), size - 1) : size - 1;
  return start <= end && start < size ? { start, end } : 'unsatisfiable';
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Handles /gguf/*; returns false for other paths. */
export async function ggufRoute(ctx, counts, dropped) {
  const m = /^\/gguf\/([^/]+)\.gguf$/.exec(ctx.path);
  if (!m) return false;
  const label = decodeURIComponent(m[1]);
  const key = `gguf/${label}.gguf`;
  const body = ggufFile(label);
  const range = parseRange(ctx.get('range'), body.length);
  if (ctx.method === 'GET') {
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (range && range !== 'unsatisfiable') {
      const k = `${key} range ${range.start}-`;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  }
  const headers = {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Expose-Headers': 'Content-Length, Content-Range, Accept-Ranges, ETag',
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'no-store',
    ETag: `"${label.split('~')[0]}-${body.length}"`,
    'Content-Type': 'application/octet-stream',
  };
  if (range === 'unsatisfiable') {
    ctx.respond = false;
    ctx.res.writeHead(416, { ...headers, 'Content-Range': `bytes */${body.length}` });
    ctx.res.end();
    return true;
  }
  const part = range ? body.subarray(range.start, range.end + 1) : body;
  const status = range ? 206 : 200;
  if (range) headers['Content-Range'] = `bytes ${range.start}-${range.end}/${body.length}`;
  headers['Content-Length'] = String(part.length);
  ctx.respond = false;
  const res = ctx.res;
  res.writeHead(status, headers);
  if (ctx.method === 'HEAD') return (res.end(), true);
  // `~cut`: the first full-file GET stops halfway and the connection is cut.
  if (label.includes('~cut') && !range && !dropped.has(key)) {
    dropped.add(key);
    // The first half reaches the browser before the cut.
    res.write(part.subarray(0, part.length >> 1), () => setTimeout(() => res.socket?.destroy(), 300));
    return true;
  }
  if (label.includes('~slow')) {
    for (let at = 0; at < part.length && !res.destroyed; at += 8192) {
      res.write(part.subarray(at, at + 8192));
      await pause(30);
    }
    res.end();
    return true;
  }
  res.end(part);
  return true;
}
