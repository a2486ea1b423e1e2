// The bundled entries export what the package's sources export, under the same names: the npm
// files (dist/npm/, Rollup) and the script tag's element (dist/cdn/index.js, which a page may
// import the class from). A build that renamed an entry's exports for its chunks' sake passes
// every browser test and breaks every page that imports `{ AiChat }`: this test says so.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { init, parse } from 'es-module-lexer';

const dist = new URL('../../dist/', import.meta.url);
/** The names a built file exports (read, not run: the script-tag build needs a browser). */
async function exportsOf(file) {
  await init;
  return parse(readFileSync(new URL(file, dist), 'utf8'))[1].map((e) => e.n);
}
/** What the sources export: tsc's one file per module, run in Node (Lit's server build). */
const source = async (file) => Object.keys(await import(new URL(file, dist).href)).sort();

/** The names of `source` (a tsc file) that `built` does not export. */
async function missing(built, sourceFile) {
  const names = await exportsOf(built);
  return (await source(sourceFile)).filter((n) => !names.includes(n));
}

// A built entry may export more (what its chunks import from it, under short names), never less.
describe('the bundled entries export every name their sources export', () => {
  for (const [built, from] of [
    ['npm/index.js', 'index.js'],
    ['npm/ai-chat.js', 'ai-chat.js'],
    ['npm/react.js', 'react.js'],
    ['cdn/index.js', 'index.js'],
  ])
    it(`dist/${built}: every export of dist/${from} (tsc)`, async () => {
      assert.ok((await source(from)).length > 0);
      assert.deepEqual(await missing(built, from), []);
    });
});
