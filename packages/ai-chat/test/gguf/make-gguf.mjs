// A deterministic GGUF writer for tests and the bench: a llama-architecture model with random
// weights, a byte-level vocabulary with ChatML control tokens and a ChatML chat template, in the
// shape llama.cpp loads (GGUF v3, little-endian, data aligned to 32). Random weights give
// meaningless text: these models test the real path and measure speed, not quality.
//   node test/gguf/make-gguf.mjs out.gguf [dim] [layers] [q8_0|q4_0|f16|f32]
import { writeFileSync } from 'node:fs';

const T = { U32: 4, I32: 5, F32: 6, BOOL: 7, STRING: 8, ARRAY: 9, U64: 10 };
/** ggml tensor types, block size and bytes per block. */
const GGML = {
  f32: { id: 0, block: 1, bytes: 4 },
  f16: { id: 1, block: 1, bytes: 2 },
  q4_0: { id: 2, block: 32, bytes: 18 },
  q8_0: { id: 8, block: 32, bytes: 34 },
};
const ALIGN = 32;
const CHATML =
  "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

/** IEEE half from a float (normal range only: enough for scales). */
function toHalf(value) {
  const f = new Float32Array([value]);
  const u = new Uint32Array(f.buffer)[0];
  const sign = (u >>> 16) & 0x8000;
  const exp = ((u >>> 23) & 0xff) - 127 + 15;
  if (exp <= 0) return sign;
  return sign | (Math.min(exp, 30) << 10) | ((u >>> 13) & 0x3ff);
}

class Writer {
  parts = [];
  size = 0;
  push(buf) {
    this.parts.push(buf);
    this.size += buf.length;
  }
  u32(v) {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(v);
    this.push(b);
  }
  u64(v) {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(v));
    this.push(b);
  }
  f32(v) {
    const b = Buffer.alloc(4);
    b.writeFloatLE(v);
    this.push(b);
  }
  str(s) {
    const b = Buffer.from(s, 'utf8');
    this.u64(b.length);
    this.push(b);
  }
  pad() {
    const n = (ALIGN - (this.size % ALIGN)) % ALIGN;
    if (n) this.push(Buffer.alloc(n));
  }
  value(type, v) {
    if (type === T.U32) this.u32(v);
    else if (type === T.I32) this.u32(v >>> 0);
    else if (type === T.F32) this.f32(v);
    else if (type === T.BOOL) this.push(Buffer.from([v ? 1 : 0]));
    else if (type === T.STRING) this.str(v);
    else if (type === T.U64) this.u64(v);
    else throw new Error(`type ${type}`);
  }
  kv(key, type, v) {
    this.str(key);
    this.u32(type);
    this.value(type, v);
  }
  array(key, type, values) {
    this.str(key);
    this.u32(T.ARRAY);
    this.u32(type);
    this.u64(values.length);
    for (const v of values) this.value(type, v);
  }
}

/** The vocabulary: `<unk> <s> </s>`, the 256 byte tokens, `<|im_start|> <|im_end|>`. */
export function vocabulary() {
  const tokens = ['<unk>', '<s>', '</s>'];
  const types = [2, 3, 3];
  for (let i = 0; i < 256; i++) {
    tokens.push(`<0x${i.toString(16).toUpperCase().padStart(2, '0')}>`);
    types.push(6);
  }
  tokens.push('<|im_start|>', '<|im_end|>');
  types.push(3, 3);
  return { tokens, types };
}

/** Deterministic pseudo-random bytes (an LCG), `seed` per tensor. */
function randomBytes(n, seed) {
  const out = Buffer.alloc(n);
  let x = (seed * 2654435761) >>> 0;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/** The bytes of one tensor of `count` elements: small random weights, norms at 1. */
function tensorData(type, count, seed, isNorm) {
  const t = GGML[type];
  if (isNorm || type === 'f32') {
    const b = Buffer.alloc(count * 4);
    const r = randomBytes(count, seed);
    for (let i = 0; i < count; i++) b.writeFloatLE(isNorm ? 1 : (r[i] - 128) / 2560, i * 4);
    return b;
  }
  if (type === 'f16') {
    const b = Buffer.alloc(count * 2);
    const r = randomBytes(count, seed);
    for (let i = 0; i < count; i++) b.writeUInt16LE(toHalf((r[i] - 128) / 2560), i * 2);
    return b;
  }
  // q8_0 / q4_0: each block is an f16 scale followed by random quants.
  const blocks = count / t.block;
  const b = randomBytes(blocks * t.bytes, seed);
  const scale = toHalf(type === 'q8_0' ? 0.05 / 127 : 0.05 / 8);
  for (let i = 0; i < blocks; i++) b.writeUInt16LE(scale, i * t.bytes);
  return b;
}

/**
 * Steer q8_0 models to printable text that never ends on its own before `max_tokens` (tests then
 * stream a known number of tokens; a NUL byte in a reply also breaks wllama 3.13's messages):
 * residual dimension 0 holds a constant 1 (every embedding has it, no layer writes it), and the
 * output weights read it as +1 for printable ASCII bytes and newline, -1 for every other token
 * (control tokens, other bytes).
 */
function steer(name, dims, data, avoid) {
  const rowBytes = (dims[0] / 32) * 34;
  const rows = dims[1];
  const setRow = (r, value) => {
    const at = r * rowBytes;
    data.fill(0, at, at + 34);
    if (value !== 0) {
      data.writeUInt16LE(toHalf(1 / 127), at);
      data.writeInt8(value > 0 ? 127 : -127, at + 2);
    }
  };
  if (name === 'token_embd.weight') for (let r = 0; r < rows; r++) setRow(r, 1);
  else if (name === 'output.weight') for (let r = 0; r < rows; r++) setRow(r, avoid.has(r) ? -1 : 1);
  else if (/attn_output|ffn_down/.test(name)) data.fill(0, 0, rowBytes); // output row 0 writes nothing
}

/** Tokens a steered model avoids: control tokens, and bytes other than printable ASCII and newline. */
function avoided(tokens) {
  const ids = new Set();
  tokens.forEach((token, id) => {
    const byte = /^<0x([0-9A-F]{2})>$/.exec(token);
    const code = byte ? parseInt(byte[1], 16) : -1;
    if (!byte || !(code === 10 || (code >= 32 && code < 127))) ids.add(id);
  });
  return ids;
}

/**
 * A GGUF file as a Buffer. Options: `dim` (embedding, multiple of 32), `layers`, `heads`,
 * `kvHeads`, `ff` (feed-forward, multiple of 32), `context`, `type` of the matrices.
 */
export function makeGguf(options = {}) {
  const { dim = 64, layers = 2, type = 'q8_0', context = 512, name = 'generated' } = options;
  const heads = options.heads ?? Math.max(1, dim / 32);
  const kvHeads = options.kvHeads ?? heads;
  const ff = options.ff ?? Math.ceil((dim * 8) / 3 / 32) * 32;
  const { tokens, types } = vocabulary();
  const nVocab = tokens.length;
  const headDim = dim / heads;
  const kvDim = headDim * kvHeads;
  const tensors = [
    ['token_embd.weight', [dim, nVocab], type],
    ['output_norm.weight', [dim], 'f32'],
    ['output.weight', [dim, nVocab], type],
  ];
  for (let i = 0; i < layers; i++) {
    const p = `blk.${i}.`;
    tensors.push(
      [`${p}attn_norm.weight`, [dim], 'f32'],
      [`${p}attn_q.weight`, [dim, dim], type],
      [`${p}attn_k.weight`, [dim, kvDim], type],
      [`${p}attn_v.weight`, [dim, kvDim], type],
      [`${p}attn_output.weight`, [dim, dim], type],
      [`${p}ffn_norm.weight`, [dim], 'f32'],
      [`${p}ffn_gate.weight`, [dim, ff], type],
      [`${p}ffn_up.weight`, [dim, ff], type],
      [`${p}ffn_down.weight`, [ff, dim], type],
    );
  }
  const w = new Writer();
  w.push(Buffer.from('GGUF', 'ascii'));
  w.u32(3);
  w.u64(tensors.length);
  const kvs = [
    ['general.architecture', T.STRING, 'llama'],
    ['general.name', T.STRING, name],
    ['general.alignment', T.U32, ALIGN],
    ['general.file_type', T.U32, { f32: 0, f16: 1, q4_0: 2, q8_0: 7 }[type]],
    ['llama.context_length', T.U32, context],
    ['llama.embedding_length', T.U32, dim],
    ['llama.block_count', T.U32, layers],
    ['llama.feed_forward_length', T.U32, ff],
    ['llama.attention.head_count', T.U32, heads],
    ['llama.attention.head_count_kv', T.U32, kvHeads],
    ['llama.attention.layer_norm_rms_epsilon', T.F32, 1e-5],
    ['llama.rope.dimension_count', T.U32, headDim],
    ['llama.vocab_size', T.U32, nVocab],
    ['tokenizer.ggml.model', T.STRING, 'llama'],
    ['tokenizer.ggml.bos_token_id', T.U32, 1],
    ['tokenizer.ggml.eos_token_id', T.U32, nVocab - 1],
    ['tokenizer.ggml.unknown_token_id', T.U32, 0],
    ['tokenizer.ggml.add_bos_token', T.BOOL, false],
    ['tokenizer.chat_template', T.STRING, CHATML],
  ];
  w.u64(kvs.length + 3);
  for (const [k, t, v] of kvs) w.kv(k, t, v);
  w.array('tokenizer.ggml.tokens', T.STRING, tokens);
  w.array(
    'tokenizer.ggml.scores',
    T.F32,
    tokens.map(() => 0),
  );
  w.array('tokenizer.ggml.token_type', T.I32, types);
  let offset = 0;
  const data = [];
  tensors.forEach(([tensorName, dims, tensorType], i) => {
    const count = dims.reduce((a, b) => a * b, 1);
    const t = GGML[tensorType];
    const bytes = (count / t.block) * t.bytes;
    w.str(tensorName);
    w.u32(dims.length);
    for (const d of dims) w.u64(d);
    w.u32(t.id);
    w.u64(offset);
    const bytesOf = tensorData(tensorType, count, i + 1, tensorType === 'f32' && dims.length === 1);
    if (tensorType === 'q8_0' && options.steer !== false) steer(tensorName, dims, bytesOf, avoided(tokens));
    data.push(bytesOf);
    const padded = Math.ceil(bytes / ALIGN) * ALIGN;
    if (padded > bytes) data.push(Buffer.alloc(padded - bytes));
    offset += padded;
  });
  w.pad();
  for (const d of data) w.push(d);
  return Buffer.concat(w.parts, w.size);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [out = 'model.gguf', dim = '64', layers = '2', type = 'q8_0'] = process.argv.slice(2);
  const file = makeGguf({ dim: Number(dim), layers: Number(layers), type });
  writeFileSync(out, file);
  console.log(`${out}: ${file.length} bytes`);
}
