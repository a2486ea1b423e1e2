// The script tag's element (dist/cdn/index.js) and its worker (dist/cdn/worker.js), each a Rollup
// build of its own, the TypeScript compiled and the chunks minified by esbuild.
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

/** Lit's `css` followed by a template without interpolations, not preceded by a backtick. */
const CSS_TEMPLATE = /(?<![\w`])css`([^`$]*)`/g;
const STYLES = /(?:\.styles|[\\/]styles[\\/][\w-]+)\.ts$/;

/** The element's styles, minified (they are part of what a page loads before consent). */
async function minifyCss(source) {
  for (const [whole, body] of source.matchAll(CSS_TEMPLATE)) {
    const { code } = await transform(body, { loader: 'css', minify: true, logLevel: 'silent' });
    source = source.replace(whole, `css\`${code.trim()}\``);
  }
  return source;
}

/**
 * @param {object} options
 * @param {string} options.root the package folder
 * @param {Record<string, string>} options.replace source file → the file built in its place
 * @param {(id: string) => string | undefined} options.external a bare import kept out, and the path
 *   its importers (chunks) import it by
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
      const outside = external(source);
      if (outside) return { id: outside, external: true };
      // Our sources import each other as `.js` (what tsc emits); third-party files are what they say.
      if (!importer?.startsWith(src) || !source.startsWith('.') || !source.endsWith('.js')) return null;
      const ts = resolve(importer, '..', source).replace(/\.js$/, '.ts');
      return replace[ts] ?? ts;
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
 * Build `entry` (a source file) into `dir` as `<name>.js` and its chunks (in `dir`/`chunks`).
 * @returns {Promise<import('rollup').OutputChunk[]>} the chunks written
 */
export async function rollupBuild({
  root,
  dir,
  name,
  entry,
  chunks = 'chunks',
  replace = {},
  external = () => undefined,
}) {
  const bundle = await rollup({
    input: { [name]: resolve(root, entry) },
    plugins: [sources({ root, replace, external }), nodeResolve({ browser: true })],
    // The entry exports what its lazy chunks import from it, nothing kept for the page: no facade.
    preserveEntrySignatures: false,
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
      chunkFileNames: `${chunks}/[name]-[hash].js`,
      sourcemap: true,
    });
    return output.filter((o) => o.type === 'chunk');
  } finally {
    await bundle.close();
  }
}
