// ---- Download faults (issue 14): a separate middleware, next to model-server.mjs. ----
// `/faults/<fault>/<name>/resolve/main/<file>` and `/faults/<fault>/<name>/lib.wasm` serve the
// same generated model as `/models/<name>/…`, with one fault:
//   short      params_shard_0.bin with an honest, short Content-Length (half the bytes), every time
//   short1     the same, only the first time (a retry gets the whole file)
//   chunked    params_shard_0.bin as a chunked body that ends early, every time
//   html       params_shard_0.bin is a 51-byte HTML page with status 200, every time
//   htmlall    every file is that HTML page
//   404 / 500  params_shard_1.bin answers that status
//   trickle    every shard arrives in 4 KiB pieces, 5 ms apart
//   nohead     HEAD answers 405 for every file (GET works, ranges too)
//   md5        the index carries the right md5sum of every shard
//   badmd5     the index carries a wrong md5sum for shard 0
//   neg, abc, null, dotdot, otherhost   a hostile tensor-cache.json (record 1 has nbytes -5e9,
//              "abc" or null; record 1's dataPath is ../../escape.bin or on another host)
// Requests are counted per `<fault>/<name>/<file>` (GET /__faults/requests, cleared by /__faults/reset).
// Requests that reach this server as `localhost` (the "other origin" of the tests) get CORS headers.
import { createHash } from 'node:crypto';
import { LIB_BYTES, modelFiles, shardBytes } from './model-server.mjs';

const counts = new Map();
const HTML = Buffer.from('<!doctype html><title>Not here</title><p>Sorry.</p>');
const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function index(fault, name) {
  const files = modelFiles(name);
  const parsed = JSON.parse(files['tensor-cache.json'].toString());
  const records = parsed.records;
  if (fault === 'md5' || fault === 'badmd5')
    records.forEach((r, i) => (r.md5sum = createHash('md5').update(shardBytes(name, i)).digest('hex')));
  if (fault === 'badmd5') records[0].md5sum = '0'.repeat(32);
  if (fault === 'neg') records[1].nbytes = -5e9;
  if (fault === 'abc') records[1].nbytes = 'abc';
  if (fault === 'null') records[1].nbytes = null;
  if (fault === 'dotdot') records[1].dataPath = '../../escape.bin';
  if (fault === 'otherhost') records[1].dataPath = 'http://localhost:1/escape.bin';
  return Buffer.from(JSON.stringify(parsed));
}

export async function faultRoutes(ctx, next) {
  if (ctx.get('host').startsWith('localhost')) {
    ctx.set('Access-Control-Allow-Origin', '*');
    ctx.set('Access-Control-Expose-Headers', 'Content-Range, Content-Length');
  }
  if (ctx.path === '/__faults/requests') {
    ctx.type = 'json';
    ctx.body = JSON.stringify(Object.fromEntries(counts));
    return;
  }
  if (ctx.path === '/__faults/reset') {
    counts.clear();
    ctx.body = 'ok';
    return;
  }
  const m = /^\/faults\/([\w-]+)\/([^/]+)\/(?:resolve\/main\/)?(.+)$/.exec(ctx.path);
  if (!m) return next();
  const [, fault, name, file] = m;
  const key = `${fault}/${name}/${file}`;
  const count = (counts.get(key) ?? 0) + (ctx.method === 'GET' ? 1 : 0);
  counts.set(key, count);
  ctx.set('Access-Control-Allow-Origin', '*');
  ctx.set('Access-Control-Expose-Headers', 'Content-Range, Content-Length');
  ctx.set('Cache-Control', 'no-store');
  if (fault === 'nohead' && ctx.method === 'HEAD') {
    ctx.status = 405;
    return;
  }
  const files = modelFiles(name);
  const shard = /^params_shard_(\d+)\.bin$/.exec(file);
  let body;
  if (file === 'lib.wasm') body = LIB_BYTES;
  else if (file === 'tensor-cache.json') body = index(fault, name);
  else if (file in files && typeof files[file] !== 'number') body = files[file];
  else if (shard && Number(shard[1]) < files.shards) body = shardBytes(name, Number(shard[1]));
  if (!body) {
    ctx.status = 404;
    ctx.body = 'not found';
    return;
  }
  ctx.type = file.endsWith('.json') ? 'application/json' : 'application/octet-stream';
  const which = shard ? Number(shard[1]) : -1;
  if (fault === 'htmlall' || (fault === 'html' && which === 0)) {
    ctx.type = 'text/html';
    ctx.body = HTML;
    return;
  }
  if ((fault === '404' || fault === '500') && which === 1) {
    ctx.status = Number(fault);
    ctx.body = 'failed';
    return;
  }
  const range = /^bytes=(\d+)-(\d+)$/.exec(ctx.get('range'));
  if (range && ctx.method === 'GET') {
    const [from, to] = [Number(range[1]), Math.min(Number(range[2]), body.length - 1)];
    ctx.status = 206;
    ctx.set('Content-Range', `bytes ${from}-${to}/${body.length}`);
    ctx.body = body.subarray(from, to + 1);
    return;
  }
  if (ctx.method === 'GET' && which === 0 && (fault === 'short' || (fault === 'short1' && count === 1))) {
    ctx.body = body.subarray(0, body.length >> 1);
    return;
  }
  if (ctx.method === 'GET' && ((fault === 'chunked' && which === 0) || (fault === 'trickle' && which >= 0))) {
    ctx.respond = false;
    const res = ctx.res;
    res.writeHead(200, {
      'Content-Type': 'application/octet-stream',
      'Access-Control-Allow-Origin': '*',
      'Cache-Control': 'no-store',
    });
    const end = fault === 'chunked' ? body.length >> 1 : body.length;
    for (let at = 0; at < end; at += 4096) {
      res.write(body.subarray(at, Math.min(end, at + 4096)));
      if (fault === 'trickle') await wait(5);
    }
    res.end();
    return;
  }
  ctx.body = body;
}
// ---- end of download faults ----
