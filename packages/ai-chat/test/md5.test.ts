import { expect } from '@open-wc/testing';
import { Md5, md5Hex } from '../src/engine/worker/webllm/md5.js';

describe('pure: md5 (RFC 1321 test suite)', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  const table: Array<[string, string]> = [
    ['', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['a', '0cc175b9c0f1b6a831c399e269772661'],
    ['abc', '900150983cd24fb0d6963f7d28e17f72'],
    ['message digest', 'f96b697d7cb7938d525a2f31aaf161d0'],
    ['abcdefghijklmnopqrstuvwxyz', 'c3fcd3d76192e4007dfb496cca67e13b'],
    ['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 'd174ab98d277d9f5a5611c2c9f419d9f'],
    ['1234567890'.repeat(8), '57edf4a22be3c955ac49da2e2107b67a'],
  ];
  for (const [text, digest] of table) {
    it(`${JSON.stringify(text.slice(0, 20))} (${text.length} bytes), whole and fed in pieces`, () => {
      expect(md5Hex(bytes(text))).to.equal(digest);
      for (const piece of [1, 3, 63, 64, 65]) {
        const md5 = new Md5();
        const all = bytes(text);
        for (let i = 0; i < all.length; i += piece) md5.update(all.subarray(i, i + piece));
        expect(md5.hex(), `pieces of ${piece}`).to.equal(digest);
      }
    });
  }
});
