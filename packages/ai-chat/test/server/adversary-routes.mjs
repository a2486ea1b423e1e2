// ---- Hosts that misbehave (issue 25): a separate middleware, before fault-routes.mjs. ----
// Every file is the tiny generated GGUF (see gguf-server.mjs), served by a host with one fault:
//   /adversary/norange/<label>.gguf   ignores Range (200 and the whole file, as `python3 -m
//                                     http.server`); the file is the tiny model padded to 64 MB.
//                                     The bytes the server got to send before the client let go
//                                     are counted as `norange/<label> sent`.
//   /adversary/empty.gguf             an empty file (0 bytes; a ranged GET answers 416)
//   /adversary/nocors/<label>.gguf    sends no CORS headers (use it from the other origin, localhost)
//   /adversary/versioned/<label>.gguf a file its host replaces after a cut: version 1 is the tiny
//                                     model, cut halfway on its first full GET, and from that cut on
//                                     the host serves version 2: `~bigger` in the label, the model
//                                     plus 64 KiB; `~same`, the same length with other bytes. Strong
//                                     ETag per version (none with `~noetag`); `If-Range` honoured,
//                                     unless `~noifrange`.
//                                     Each GET is recorded (range, if-range, status).
//   /adversary/hugejson/<name>/resolve/main/mlc-chat-config.json   64 MB of JSON (other files 404);
//                                     the bytes sent are counted as `hugejson/<name> sent`
//   /adversary/changing/<name>/…     the generated MLC model (as /models/<name>/…) whose
//                                     tokenizer.json changes at its first GET: HEAD said the old
//                                     length until then, every answer after is 16 bytes longer.
// GET /__adversary/log?label=<label or counter> gives what was recorded.
import { makeGguf } from '../gguf/make-gguf.mjs';
import { ggufFile } from './gguf-server.mjs';
import { LIB_BYTES, modelFiles, shardBytes } from './model-server.mjs';

const log = new Map();
/** Labels whose host serves version 2. */
const versions = new Map();
const cut = new Set();
const record = (label, entry) => log.set(label, [...(log.get(label) ?? []), entry]);

let hugeContext;
const PAD = 64 * 2 ** 20;
let padded;
const paddedFile = () =>
  (padded ??= Buffer.concat([ggufFile('tiny'), Buffer.alloc(PAD - ggufFile('tiny').length, 7)]));

function versionOf(label) {
  const tiny = ggufFile('tiny');
  if (!versions.has(label)) return { body: tiny, etag: `"v1-${tiny.length}"` };
  if (label.includes('~bigger')) {
    const body = Buffer.concat([tiny, Buffer.alloc(64 * 1024, 3)]);
    return { body, etag: `"v2-${body.length}"` };
  }
  // Same length, other bytes: the last 4 KiB of tensor data flipped (llama.cpp still loads it).
  const body = Buffer.from(tiny);
  for (let i = body.length - 4096; i < body.length; i++) body[i] ^= 0x55;
  return { body, etag: `"v2s-${body.length}"` };
}

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Content-Length, Content-Range, Accept-Ranges, ETag',
};

/** Send `body` in pieces, counting what the socket took, until the client lets go. */
async function sendCounted(res, body, key) {
  let sent = 0;
  for (let at = 0; at < body.length && !res.destroyed; at += 64 * 1024) {
    const piece = body.subarray(at, at + 64 * 1024);
    const flushed = res.write(piece);
    sent += piece.length;
    log.set(key, sent);
    if (!flushed)
      await new Promise((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
  }
  if (!res.destroyed) res.end();
}

export async function adversaryRoutes(ctx, next) {
  if (ctx.path === '/__adversary/log') {
    ctx.type = 'json';
    ctx.body = JSON.stringify(log.get(ctx.query.label) ?? null);
    return;
  }
  const json = /^\/adversary\/hugejson\/([^/]+)\/resolve\/main\/(.+)$/.exec(ctx.path);
  if (json) {
    ctx.respond = false;
    if (json[2] !== 'mlc-chat-config.json') {
      ctx.res.writeHead(404, CORS);
      return void ctx.res.end();
    }
    const body = Buffer.concat([Buffer.from('{"pad":"'), Buffer.alloc(64 * 2 ** 20, 97), Buffer.from('"}')]);
    ctx.res.writeHead(200, {
      ...CORS,
      'Content-Type': 'application/json',
      'Content-Length': String(body.length),
    });
    if (ctx.method === 'HEAD') return void ctx.res.end();
    await sendCounted(ctx.res, body, `hugejson/${json[1]} sent`);
    return;
  }
  const mlc = /^\/adversary\/changing\/([^/]+)\/(?:resolve\/main\/)?(.+)$/.exec(ctx.path);
  if (mlc) return changingModel(ctx, mlc[1], mlc[2]);
  const m = /^\/adversary\/(norange|nocors|versioned|hugectx)\/([^/]+)\.gguf$/.exec(ctx.path);
  if (ctx.path === '/adversary/empty.gguf') {
    ctx.respond = false;
    const status = ctx.get('range') ? 416 : 200;
    ctx.res.writeHead(status, {
      ...CORS,
      'Content-Length': '0',
      ...(status === 416 ? { 'Content-Range': 'bytes */0' } : {}),
    });
    ctx.res.end();
    return;
  }
  if (!m) return next();
  const [, fault, label] = m;
  ctx.respond = false;
  const res = ctx.res;
  if (fault === 'nocors') {
    const body = ggufFile('tiny');
    res.writeHead(200, { 'Content-Length': String(body.length), 'Content-Type': 'application/octet-stream' });
    res.end(ctx.method === 'HEAD' ? undefined : body);
    return;
  }
  if (fault === 'hugectx') {
    const body = (hugeContext ??= makeGguf({ context: 2 ** 31 }));
    res.writeHead(200, { ...CORS, 'Content-Length': String(body.length), 'Cache-Control': 'no-store' });
    res.end(ctx.method === 'HEAD' ? undefined : body);
    return;
  }
  if (fault === 'norange') {
    const body = paddedFile();
    res.writeHead(200, { ...CORS, 'Content-Length': String(body.length), 'Cache-Control': 'no-store' });
    if (ctx.method === 'HEAD') return void res.end();
    await sendCounted(res, body, `norange/${label} sent`);
    return;
  }
  // versioned
  const { body, etag } = versionOf(label);
  const range = /^bytes=(\d+)-(\d*)$/.exec(ctx.get('range') ?? '');
  const ifRange = ctx.get('if-range');
  const honoured = !ifRange || ifRange === etag || label.includes('~noifrange');
  const partial = range && honoured && Number(range[1]) < body.length;
  const start = partial ? Number(range[1]) : 0;
  const end = partial && range[2] ? Math.min(Number(range[2]), body.length - 1) : body.length - 1;
  const part = body.subarray(start, end + 1);
  const status = partial ? 206 : 200;
  if (ctx.method === 'GET')
    record(label, { range: ctx.get('range') || null, ifRange: ifRange || null, status, etag });
  res.writeHead(status, {
    ...CORS,
    ...(label.includes('~noetag') ? {} : { ETag: etag }),
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'no-store',
    'Content-Length': String(part.length),
    ...(partial ? { 'Content-Range': `bytes ${start}-${end}/${body.length}` } : {}),
  });
  if (ctx.method === 'HEAD') return void res.end();
  if (!partial && !cut.has(label)) {
    // The first whole download is cut halfway (the bytes reach the browser first).
    cut.add(label);
    versions.set(label, 2); // the host publishes its new version
    res.write(part.subarray(0, part.length >> 1), () => setTimeout(() => res.socket?.destroy(), 300));
    return;
  }
  res.end(part);
}
/** The generated MLC model of `name`, its tokenizer replaced by a longer one at its first GET. */
function changingModel(ctx, name, file) {
  const files = modelFiles(name);
  const shard = /^params_shard_(\d+)\.bin$/.exec(file);
  let body;
  if (file === 'lib.wasm') body = LIB_BYTES;
  else if (shard && Number(shard[1]) < files.shards) body = shardBytes(name, Number(shard[1]));
  else if (file in files && typeof files[file] !== 'number') body = files[file];
  const key = `changing/${name}`;
  if (file === 'tokenizer.json' && ctx.method === 'GET') log.set(key, true);
  if (file === 'tokenizer.json' && log.get(key)) body = Buffer.concat([body, Buffer.alloc(16, 32)]);
  ctx.set('Access-Control-Allow-Origin', '*');
  ctx.set('Cache-Control', 'no-store');
  if (!body) {
    ctx.status = 404;
    return;
  }
  ctx.type = file.endsWith('.json') ? 'application/json' : 'application/octet-stream';
  ctx.body = body;
}
// ---- end of hosts that misbehave ----
