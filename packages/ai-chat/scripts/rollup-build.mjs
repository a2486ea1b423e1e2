// A Rollup build of our sources, the TypeScript compiled and the chunks minified by esbuild: the
// script tag's element (dist/cdn/index.js), its worker (dist/cdn/worker.js), the npm worker
// (dist/cdn/linked/) and the npm entries (dist/npm/), each a build of its own.
//
// Why Rollup here: a page pays for every file it fetches before the first click, and gzip pays per
// file. esbuild puts every module that two of its entries or chunks share (Lit, the error words, a
// size helper) into a chunk of its own, even when the importer has loaded it already: the element
// came out as eleven files before the first click and its worker as six. Rollup keeps a module
// where it is already loaded, so the element is one file (its lazy chunks import from it) and the
// worker two or three. The page and the worker are separate builds: they run in separate realms,
// so a module both use is in each (never a file the page fetches for the worker's sake).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import nodeResolve from '@rollup/plugin-node-resolve';
import { transform } from 'esbuild';
import { rollup } from 'rollup';
import { minifyCss, STYLES } from './css-templates.mjs';

/**
 * @param {object} options
 * @param {string} options.root the package folder
 * @param {Record<string, string>} options.replace source file → the file built in its place
 * @param {(source: string, file: string | undefined) => string | undefined} options.external an import
 *   kept out (`source` as written, `file` the source file it names, if ours), and the path its
 *   importers import it by, as it is
 */
function sources({ root, replace, external }) {
  // The options that change what the compiled code does (decorators, class fields), as tsc has them.
  const { compilerOptions: base } = JSON.parse(readFileSync(`${root}../../tsconfig.base.json`, 'utf8'));
  const tsconfigRaw = {
    compilerOptions: {
      experimentalDecorators: base.experimentalDecorators,
      useDefineForClassFields: base.useDefineForClassFields,
      verbatimModuleSyntax: base.verbatimModuleSyntax,
    },
  };
  const src = `${root}src/`;
  return {
    name: 'ai-chat-sources',
    resolveId(source, importer) {
      // Our sources import each other as `.js` (what tsc emits); third-party files are what they say.
      const ours = importer?.startsWith(src) && source.startsWith('.') && source.endsWith('.js');
      const file = ours ? resolve(importer, '..', source).replace(/\.js$/, '.ts') : undefined;
      const outside = external(source, file);
      if (outside) return { id: outside, external: true };
      return file ? (replace[file] ?? file) : null;
    },
    async transform(code, id) {
      if (!id.endsWith('.ts')) return null;
      const source = STYLES.test(id) ? await minifyCss(code) : code;
      const out = await transform(source, {
        loader: 'ts',
        target: 'es2022',
        format: 'esm',
        sourcemap: true,
        sourcefile: id,
        tsconfigRaw,
      });
      return { code: out.code, map: out.map };
    },
    async renderChunk(code) {
      const out = await transform(code, {
        minify: true,
        format: 'esm',
        target: 'es2022',
        sourcemap: true,
        legalComments: 'none',
      });
      return { code: out.code, map: out.map };
    },
  };
}

/**
 * Build `input` (output name → source file) into `dir` as `<name>.js` and its chunks (`chunks`:
 * their folder in `dir`, `''` for beside the entries).
 * @returns {Promise<import('rollup').OutputChunk[]>} the chunks written
 */
export async function rollupBuild({
  root,
  dir,
  input,
  chunks = 'chunks',
  replace = {},
  external = () => undefined,
  resolveBare = true,
}) {
  const bundle = await rollup({
    input: Object.fromEntries(Object.entries(input).map(([name, entry]) => [name, resolve(root, entry)])),
    plugins: [sources({ root, replace, external }), ...(resolveBare ? [nodeResolve({ browser: true })] : [])],
    // An entry keeps its exports under their names, and also exports what its lazy chunks import
    // from it: no facade file in front of it.
    preserveEntrySignatures: 'allow-extension',
    // A runtime's file is imported by the path `external` gives, as it is.
    makeAbsoluteExternalsRelative: false,
    onwarn(warning, warn) {
      // Lit's and others' `this` at the top of an ES module is undefined, as they expect.
      if (warning.code !== 'THIS_IS_UNDEFINED') warn(warning);
    },
  });
  try {
    const { output } = await bundle.write({
      dir,
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: chunks ? `${chunks}/[name]-[hash].js` : '[name]-[hash].js',
      sourcemap: true,
    });
    return output.filter((o) => o.type === 'chunk');
  } finally {
    await bundle.close();
  }
}
