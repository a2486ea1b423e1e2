/**
 * A GGUF header reader, pure: metadata and tensor infos from the first bytes of a file (fetched
 * with a Range request), enough to know a model's shape, its weight bytes and the file's whole
 * length before downloading it. GGUF v2/v3, little-endian.
 */
import type { CpuModelShape } from '../../../fit/cpu.js';

export type GgufValue = number | bigint | string | boolean | GgufArray;
/** Arrays keep their values only when short (a vocabulary is summarized by its length). */
export interface GgufArray {
  type: number;
  length: number;
  values?: GgufValue[];
}

export interface GgufTensor {
  name: string;
  dims: number[];
  type: number;
  /** Offset in the data section, bytes. */
  offset: number;
  bytes: number;
}

export interface GgufHeader {
  version: number;
  metadata: Record<string, GgufValue>;
  tensors: GgufTensor[];
  /** Where the tensor data starts in the file. */
  dataOffset: number;
  /** The file's length implied by the header: data offset plus the end of the last tensor. */
  fileBytes: number;
  /** Sum of every tensor's bytes. */
  weightBytes: number;
}

/** The header goes beyond the bytes given: read again with at least `needed` bytes. */
export class GgufTruncatedError extends Error {
  override name = 'GgufTruncatedError';
  constructor(readonly needed: number) {
    super(`the GGUF header needs more than ${needed} bytes`);
  }
}

/** ggml types: [elements per block, bytes per block]. */
// prettier-ignore
const GGML_TYPES: Record<number, [number, number]> = {
  0: [1, 4], 1: [1, 2], 2: [32, 18], 3: [32, 20], 6: [32, 22], 7: [32, 24], 8: [32, 34], 9: [32, 36],
  10: [256, 84], 11: [256, 110], 12: [256, 144], 13: [256, 176], 14: [256, 210], 15: [256, 292], 16: [256, 66], 17: [256, 74],
  18: [256, 98], 19: [256, 50], 20: [32, 18], 21: [256, 110], 22: [256, 82], 23: [256, 136], 24: [1, 1], 25: [1, 2],
  26: [1, 4], 27: [1, 8], 28: [1, 8], 29: [256, 56], 30: [1, 2], 34: [256, 54], 35: [256, 66], 39: [32, 17],
};

/** Names of the ggml types the catalog and the consent card mention. */
// prettier-ignore
export const GGML_TYPE_NAMES: Record<number, string> = {
  0: 'F32', 1: 'F16', 2: 'Q4_0', 3: 'Q4_1', 6: 'Q5_0', 7: 'Q5_1', 8: 'Q8_0', 10: 'Q2_K',
  11: 'Q3_K', 12: 'Q4_K', 13: 'Q5_K', 14: 'Q6_K', 20: 'IQ4_NL', 23: 'IQ4_XS', 30: 'BF16',
};

export function tensorBytes(type: number, dims: readonly number[]): number {
  const info = GGML_TYPES[type];
  if (!info) throw new Error(`unknown ggml type ${type}`);
  const count = dims.reduce((a, b) => a * b, 1);
  return Math.ceil(count / info[0]) * info[1];
}

// prettier-ignore
const SCALAR_SIZES: Record<number, number> = {
  0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8,
};
const KEEP_ARRAY = 64;

export function parseGgufHeader(bytes: Uint8Array): GgufHeader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const need = (n: number) => {
    if (at + n > bytes.byteLength) throw new GgufTruncatedError(Math.max(at + n, bytes.byteLength * 2));
  };
  const u32 = () => (need(4), (at += 4), view.getUint32(at - 4, true));
  const u64 = () => {
    need(8);
    at += 8;
    const value = view.getBigUint64(at - 8, true);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error('a GGUF length is too large');
    return Number(value);
  };
  const decoder = new TextDecoder();
  const str = () => {
    const length = u64();
    need(length);
    at += length;
    return decoder.decode(bytes.subarray(at - length, at));
  };
  const scalar = (type: number): GgufValue => {
    const size = SCALAR_SIZES[type];
    if (type === 8) return str();
    if (size === undefined) throw new Error(`unknown GGUF value type ${type}`);
    need(size);
    at += size;
    const o = at - size;
    switch (type) {
      case 0:
        return view.getUint8(o);
      case 1:
        return view.getInt8(o);
      case 2:
        return view.getUint16(o, true);
      case 3:
        return view.getInt16(o, true);
      case 4:
        return view.getUint32(o, true);
      case 5:
        return view.getInt32(o, true);
      case 6:
        return view.getFloat32(o, true);
      case 7:
        return view.getUint8(o) !== 0;
      case 10:
        return view.getBigUint64(o, true);
      case 11:
        return view.getBigInt64(o, true);
      default:
        return view.getFloat64(o, true);
    }
  };
  const value = (type: number): GgufValue => {
    if (type !== 9) return scalar(type);
    const itemType = u32();
    const length = u64();
    const size = SCALAR_SIZES[itemType];
    if (length > KEEP_ARRAY && size !== undefined) {
      need(length * size);
      at += length * size; // skip numbers without reading them
      return { type: itemType, length };
    }
    const values: GgufValue[] = [];
    for (let i = 0; i < length; i++) {
      const item = value(itemType);
      if (length <= KEEP_ARRAY) values.push(item);
    }
    return length <= KEEP_ARRAY ? { type: itemType, length, values } : { type: itemType, length };
  };

  need(4);
  if (decoder.decode(bytes.subarray(0, 4)) !== 'GGUF') throw new Error('not a GGUF file');
  at = 4;
  const version = u32();
  if (version < 2 || version > 3) throw new Error(`GGUF version ${version} is not supported`);
  const tensorCount = u64();
  const kvCount = u64();
  const metadata: Record<string, GgufValue> = {};
  for (let i = 0; i < kvCount; i++) {
    const key = str();
    metadata[key] = value(u32());
  }
  const tensors: GgufTensor[] = [];
  for (let i = 0; i < tensorCount; i++) {
    const name = str();
    const nDims = u32();
    const dims = Array.from({ length: nDims }, u64);
    const type = u32();
    const offset = u64();
    tensors.push({ name, dims, type, offset, bytes: tensorBytes(type, dims) });
  }
  const alignment = Number(metadata['general.alignment'] ?? 32) || 32;
  const dataOffset = Math.ceil(at / alignment) * alignment;
  const end = tensors.reduce((max, t) => Math.max(max, t.offset + t.bytes), 0);
  return {
    version,
    metadata,
    tensors,
    dataOffset,
    fileBytes: dataOffset + end,
    weightBytes: tensors.reduce((n, t) => n + t.bytes, 0),
  };
}

/** llama.cpp reads a model's sizes as 32-bit signed integers: a larger one overflows and aborts it. */
const INT32_LIMIT = 2 ** 31;

/**
 * The model's shape from its header: `<arch>.block_count`, `<arch>.embedding_length`, … Throws
 * when a size is out of what llama.cpp can take (negative, or 2^31 and above: a `context_length`
 * of 2^31 loads, then aborts llama.cpp at the first reply).
 */
export function shapeFromHeader(header: GgufHeader): CpuModelShape {
  const meta = header.metadata;
  const architecture = String(meta['general.architecture'] ?? 'llama');
  const num = (key: string, fallback = 0) => {
    const value = meta[`${architecture}.${key}`];
    if (typeof value !== 'number' && typeof value !== 'bigint') return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0 || n >= INT32_LIMIT)
      throw new Error(`${key} ${String(value)} is out of range`);
    return n;
  };
  const embedding = num('embedding_length');
  const heads = num('attention.head_count', 1) || 1;
  // The most common type among the large matrices names the quantization.
  const byType = new Map<number, number>();
  for (const t of header.tensors)
    if (t.dims.length > 1) byType.set(t.type, (byType.get(t.type) ?? 0) + t.bytes);
  const main = [...byType].sort((a, b) => b[1] - a[1])[0]?.[0];
  return {
    architecture,
    layers: num('block_count'),
    embedding,
    heads,
    kvHeads: num('attention.head_count_kv', heads) || heads,
    headDim: num('attention.key_length', Math.floor(embedding / heads)),
    contextLength: num('context_length'),
    weightBytes: header.weightBytes,
    quantization: main === undefined ? 'unknown' : (GGML_TYPE_NAMES[main] ?? `type ${main}`),
  };
}
