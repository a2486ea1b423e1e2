/**
 * MD5 (RFC 1321), incremental, for checking downloaded shards against the `md5sum` of
 * `tensor-cache.json`. Worker code only (about 1 KB): not a security check, a check that the bytes
 * are the ones the index names. Fed chunk by chunk as they arrive, so a shard is never copied.
 */

const S = Uint8Array.from([7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21]);
const K = Int32Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) | 0);
/** The message word each of the 64 steps reads. */
const G = Uint8Array.from({ length: 64 }, (_, i) =>
  i < 16 ? i : i < 32 ? (5 * i + 1) & 15 : i < 48 ? (3 * i + 5) & 15 : (7 * i) & 15,
);

export class Md5 {
  #a = 0x67452301;
  #b = 0xefcdab89 | 0;
  #c = 0x98badcfe | 0;
  #d = 0x10325476;
  #block = new Uint8Array(64);
  #blockView = new DataView(this.#block.buffer);
  #words = new Int32Array(16);
  #filled = 0;
  #length = 0;

  update(bytes: Uint8Array): this {
    this.#length += bytes.byteLength;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let offset = 0;
    if (this.#filled) {
      const take = Math.min(64 - this.#filled, bytes.byteLength);
      this.#block.set(bytes.subarray(0, take), this.#filled);
      this.#filled += take;
      offset = take;
      if (this.#filled < 64) return this;
      this.#compress(this.#blockView, 0);
      this.#filled = 0;
    }
    // Whole blocks straight from the input.
    for (; offset + 64 <= bytes.byteLength; offset += 64) this.#compress(view, offset);
    this.#block.set(bytes.subarray(offset), 0);
    this.#filled = bytes.byteLength - offset;
    return this;
  }

  /** The digest as 32 lowercase hex digits. */
  hex(): string {
    const bits = this.#length * 8;
    const tail = new Uint8Array((this.#filled < 56 ? 56 : 120) - this.#filled + 8);
    tail[0] = 0x80;
    const view = new DataView(tail.buffer);
    view.setUint32(tail.length - 8, bits >>> 0, true);
    view.setUint32(tail.length - 4, Math.floor(bits / 2 ** 32), true);
    this.update(tail);
    const out = new DataView(new ArrayBuffer(16));
    [this.#a, this.#b, this.#c, this.#d].forEach((word, i) => out.setInt32(i * 4, word, true));
    let hex = '';
    for (let i = 0; i < 16; i++) hex += out.getUint8(i).toString(16).padStart(2, '0');
    return hex;
  }

  #compress(view: DataView, offset: number) {
    const x = this.#words;
    for (let i = 0; i < 16; i++) x[i] = view.getInt32(offset + i * 4, true);
    let a = this.#a;
    let b = this.#b;
    let c = this.#c;
    let d = this.#d;
    // Four rounds of sixteen steps, each round with its own function (no branch per step).
    for (let round = 0; round < 4; round++) {
      for (let i = round * 16, end = i + 16; i < end; i++) {
        const f =
          round === 0
            ? (b & c) | (~b & d)
            : round === 1
              ? (d & b) | (~d & c)
              : round === 2
                ? b ^ c ^ d
                : c ^ (b | ~d);
        const sum = (a + f + K[i]! + x[G[i]!]!) | 0;
        const s = S[(round << 2) | (i & 3)]!;
        a = d;
        d = c;
        c = b;
        b = (b + ((sum << s) | (sum >>> (32 - s)))) | 0;
      }
    }
    this.#a = (this.#a + a) | 0;
    this.#b = (this.#b + b) | 0;
    this.#c = (this.#c + c) | 0;
    this.#d = (this.#d + d) | 0;
  }
}

export const md5Hex = (bytes: Uint8Array) => new Md5().update(bytes).hex();
