// A generated MLC model folder, served by the test server on 127.0.0.1 (no weights can be
// downloaded here). Layout, as WebLLM 0.2.86 expects it:
//   /models/<name>/resolve/main/mlc-chat-config.json, tensor-cache.json, params_shard_<i>.bin,
//   tokenizer.json, and /models/<name>/lib.wasm: a WebAssembly module that links against web-llm's
//   runtime (so our library check passes) and then fails when web-llm starts it (`LIB_BYTES`).
//   `~notwasm` in the name serves bytes that are not WebAssembly; `~oldlib` a module that imports a
//   function web-llm 0.2.86's runtime does not provide, as libraries built for other versions do.
// Models are described by their name: `tiny-q4f32_1-MLC` has 4 shards of 64 KiB;
// `<anything>-s<N>x<K>` has N shards of K KiB. Requests are counted per path
// (GET /__models/requests, POST /__models/reset) so tests can prove what was (not) fetched;
// GET /__models/inflight counts `~slow` shard responses still open.
// `~drop<i>` in the model name (`/models/<name>~drop2/...`) cuts shard i halfway, once; `~slow` delays shards.

import { ggufRoute } from './gguf-server.mjs';

const counts = new Map();
const dropped = new Set();
/** Shard responses started and not yet finished or closed (GET /__models/inflight). */
let inflight = 0;

function describe(name) {
  const m = /-s(\d+)x(\d+)/.exec(name);
  return { shards: m ? Number(m[1]) : 4, shardBytes: (m ? Number(m[2]) : 64) * 1024 };
}

/** Deterministic bytes for shard i of a model (a simple LCG), so sizes and content are checkable. */
export function shardBytes(name, index) {
  const { shardBytes: n } = describe(name);
  const bytes = Buffer.alloc(n);
  let x = (index + 1) * 2654435761;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
}

export function modelFiles(name) {
  const { shards, shardBytes: size } = describe(name.split('~')[0]);
  const records = Array.from({ length: shards }, (_, i) => ({
    dataPath: `params_shard_${i}.bin`,
    format: 'raw-shard',
    nbytes: size,
    records: [
      {
        name: `param_${i}`,
        shape: [size / 4],
        dtype: 'float32',
        format: 'f32-to-bf16',
        nbytes: size,
        byteOffset: 0,
      },
    ],
    md5sum: '',
  }));
  const config = {
    model_type: 'llama',
    quantization: 'q4f32_1',
    context_window_size: 2048,
    prefill_chunk_size: 512,
    vocab_size: 32,
    tokenizer_files: ['tokenizer.json'],
    conv_template: {
      name: 'test',
      system_template: '{system_message}',
      system_message: '',
      roles: { user: 'user', assistant: 'assistant' },
      role_templates: {},
      seps: ['\n'],
      role_content_sep: ': ',
      role_empty_sep: ':',
      stop_str: [],
      stop_token_ids: [2],
      system_prefix_token_ids: [1],
    },
    temperature: 0.7,
    top_p: 0.95,
    // `~kv`: the layers a KV-cache estimate reads (2 × 2 layers × 2 KV heads × 64 × 2048 × 4 bytes = 4 MiB).
    ...(name.includes('~kv')
      ? {
          model_config: {
            num_hidden_layers: 2,
            num_attention_heads: 4,
            num_key_value_heads: 2,
            hidden_size: 256,
          },
        }
      : {}),
  };
  const tokenizer = { version: '1.0', model: { type: 'BPE', vocab: { a: 0, b: 1 }, merges: [] } };
  return {
    'mlc-chat-config.json': Buffer.from(JSON.stringify(config)),
    'tensor-cache.json': Buffer.from(
      JSON.stringify({ metadata: { ParamSize: shards, ParamBytes: shards * size }, records }),
    ),
    'tokenizer.json': Buffer.from(JSON.stringify(tokenizer)),
    shards,
    size,
  };
}

// A tiny WebAssembly writer: function imports of type () -> (), and optionally one page of memory
// with a data segment beyond it (linking works; instantiation then fails: "data segment is out of bounds").
const leb = (n) => {
  const out = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
};
const str = (s) => [...leb(Buffer.byteLength(s)), ...Buffer.from(s)];
const section = (id, body) => [id, ...leb(body.length), ...body];
export function wasmModule({ imports = [], outOfBoundsData = false }) {
  const bytes = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  if (imports.length) {
    bytes.push(...section(1, [1, 0x60, 0, 0]));
    bytes.push(
      ...section(2, [...leb(imports.length), ...imports.flatMap(([m, n]) => [...str(m), ...str(n), 0, 0])]),
    );
  }
  if (outOfBoundsData) {
    bytes.push(...section(5, [1, 0, 1]));
    // i32.const 70000 (past the one 64 KiB page), one byte.
    bytes.push(...section(11, [1, 0, 0x41, 0xf0, 0xa2, 0x04, 0x0b, 1, 0]));
  }
  return Buffer.from(bytes);
}

/** The default library: it links against web-llm's runtime, then cannot be started. */
export const LIB_BYTES = wasmModule({
  imports: [
    ['env', 'TVMFFIWasmSafeCall'],
    ['wasi_snapshot_preview1', 'fd_write'],
  ],
  outOfBoundsData: true,
});
/** `~notwasm`: no WebAssembly at all. */
export const NOT_WASM_BYTES = Buffer.from(
  'this is not a WebAssembly module: no model library can be compiled here\n',
);
/** `~oldlib`: a library built for another web-llm, importing what 0.2.86's runtime no longer has. */
export const OLD_LIB_IMPORT = '_ZN3tvm7runtime9threading15ResetThreadPoolEv';
export const OLD_LIB_BYTES = wasmModule({
  imports: [
    ['env', 'TVMFFIWasmSafeCall'],
    ['wasi_snapshot_preview1', 'fd_write'],
    ['env', OLD_LIB_IMPORT],
  ],
});

/** Koa-style middleware for @web/dev-server. */
export async function modelServer(ctx, next) {
  if (ctx.path === '/__models/requests') {
    ctx.type = 'json';
    ctx.body = JSON.stringify(Object.fromEntries(counts));
    return;
  }
  if (ctx.path === '/__models/inflight') {
    ctx.type = 'json';
    ctx.body = JSON.stringify(inflight);
    return;
  }
  if (ctx.path === '/__models/reset') {
    counts.clear();
    dropped.clear();
    ctx.body = 'ok';
    return;
  }
  if (await ggufRoute(ctx, counts, dropped)) return;
  const m = /^\/models\/([^/]+)\/(?:resolve\/main\/)?(.+)$/.exec(ctx.path);
  if (!m) return next();
  const [, name, file] = m;
  const key = `${name}/${file}`;
  if (ctx.method === 'GET') counts.set(key, (counts.get(key) ?? 0) + 1);
  ctx.set('Access-Control-Allow-Origin', '*');
  ctx.set('Cache-Control', 'no-store');
  const files = modelFiles(name);
  let body;
  if (file === 'lib.wasm')
    body = name.includes('~notwasm') ? NOT_WASM_BYTES : name.includes('~oldlib') ? OLD_LIB_BYTES : LIB_BYTES;
  else if (file in files && typeof files[file] !== 'number') body = files[file];
  else {
    const shard = /^params_shard_(\d+)\.bin$/.exec(file);
    if (shard && Number(shard[1]) < files.shards) body = shardBytes(name.split('~')[0], Number(shard[1]));
  }
  if (!body) {
    ctx.status = 404;
    ctx.body = 'not found';
    return;
  }
  ctx.type = file.endsWith('.json') ? 'application/json' : 'application/octet-stream';
  // `~slow`: each shard takes 150 ms, so a test can cancel in the middle of a download.
  if (name.includes('~slow') && /^params_shard_/.test(file)) {
    inflight++;
    let ended = false;
    const end = () => {
      if (!ended) inflight--;
      ended = true;
    };
    ctx.res.once('close', end);
    ctx.res.once('finish', end);
    await new Promise((r) => setTimeout(r, 150));
  }
  const drop = /~drop(\d+)/.exec(name);
  const shardIndex = /^params_shard_(\d+)\.bin$/.exec(file)?.[1];
  if (drop && shardIndex === drop[1] && !dropped.has(key) && ctx.method === 'GET') {
    dropped.add(key);
    // Announce the whole length, send half, then cut the connection.
    ctx.respond = false;
    const res = ctx.res;
    res.writeHead(200, {
      'Content-Type': 'application/octet-stream',
      'Content-Length': body.length,
      'Access-Control-Allow-Origin': '*',
    });
    res.write(body.subarray(0, body.length >> 1), () => setTimeout(() => res.socket?.destroy(), 20));
    return;
  }
  // Koa keeps Content-Length and drops the body for HEAD.
  ctx.body = body;
}
