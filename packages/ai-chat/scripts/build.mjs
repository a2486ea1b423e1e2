// Build: `tsc` for the npm files (dist/*.js + .d.ts), esbuild for the script-tag files
// (dist/cdn/ai-chat.js: the element with Lit; dist/cdn/worker.js: the worker with web-llm), and
// custom-elements.json from the JSDoc (custom-elements-manifest.config.mjs). wllama's WebAssembly
// (the fast build and the compat build, 29 MB) is copied once, beside the script-tag worker
// (dist/cdn/wllama/); the npm worker (dist/engine/worker.js) points at that same copy. The worker
// loads it from there, never from a third-party host.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, transform } from 'esbuild';
import { stripVendorMaps } from './vendor-maps.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(`${root}dist`, { recursive: true, force: true });
execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', `${root}tsconfig.json`], {
  stdio: 'inherit',
});

execFileSync(
  process.execPath,
  [`${root}node_modules/@custom-elements-manifest/analyzer/cem.js`, 'analyze', '--quiet'],
  { stdio: 'inherit', cwd: root },
);

/**
 * Minify the CSS in `css\`…\`` templates without interpolations (the element's styles and the
 * Markdown styles) with esbuild's CSS minifier: the element's styles are part of what a page loads
 * before consent. Other files load unchanged.
 */
const minifyCssTemplates = {
  name: 'minify-css-templates',
  setup(b) {
    b.onLoad({ filter: /(?:\.styles|[\\/]styles[\\/][\w-]+)\.ts$/ }, async ({ path }) => {
      let source = readFileSync(path, 'utf8');
      // Lit's tag only: `css` followed by a template, not preceded by a backtick (a comment's \`css\`).
      for (const [whole, body] of source.matchAll(/(?<![\w`])css`([^`$]*)`/g)) {
        const { code } = await transform(body, { loader: 'css', minify: true, logLevel: 'silent' });
        source = source.replace(whole, `css\`${code.trim()}\``);
      }
      return { contents: source, loader: 'ts' };
    });
  },
};

const common = {
  bundle: true,
  format: 'esm',
  target: 'es2022',
  platform: 'browser',
  // AI_CHAT_MINIFY=0: readable names in profiles (apps/bench/scripts/trace.mjs); never for a release.
  minify: process.env.AI_CHAT_MINIFY !== '0',
  sourcemap: true,
  // Licenses go to a .LEGAL.txt file beside each script (shipped in the package), not into what a
  // page downloads.
  legalComments: 'linked',
  logLevel: 'warning',
  absWorkingDir: root,
};
const result = await build({
  ...common,
  entryPoints: {
    index: 'src/index.ts',
    worker: 'src/engine/worker.ts',
    testing: 'src/testing/index.ts',
  },
  outdir: 'dist/cdn',
  // The worker imports web-llm only when a model loads: a chunk of its own. The element loads
  // Markdown, highlighting and storage the same way, the first time it needs them.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  plugins: [minifyCssTemplates],
  metafile: true,
});
// The script tag's file, dist/cdn/ai-chat.js: a small loader that fetches the element (index.js)
// at once for an inline <ai-chat>, and only a button for a launcher. A build of its own, so that
// it shares no chunk with the element: an inline page gets the element's files whole. It names
// the files index.js imports, so that it asks for them with index.js (one round trip, not two).
const { imports } = result.metafile.outputs['dist/cdn/index.js'];
const elementFiles = imports.filter((i) => i.kind === 'import-statement').map((i) => i.path.slice(9));
await build({
  ...common,
  entryPoints: { 'ai-chat': 'src/cdn.ts' },
  define: { AI_CHAT_FILES: JSON.stringify(elementFiles.join(' ')) },
  outdir: 'dist/cdn',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  plugins: [minifyCssTemplates],
});
const require = createRequire(import.meta.url);
const wllama = dirname(require.resolve('@wllama/wllama/package.json'));
const compat = dirname(require.resolve('@wllama/wllama-compat/package.json'));
mkdirSync(`${root}dist/cdn/wllama/compat`, { recursive: true });
copyFileSync(`${wllama}/esm/wasm/wllama.wasm`, `${root}dist/cdn/wllama/wllama.wasm`);
copyFileSync(`${compat}/wasm/wllama.js`, `${root}dist/cdn/wllama/compat/wllama.js`);
copyFileSync(`${compat}/wasm/wllama.wasm`, `${root}dist/cdn/wllama/compat/wllama.wasm`);
// The npm worker (dist/engine/worker.js) uses the same files: `./wllama/` there is `../cdn/wllama/`
// (bundlers copy what `new URL(…, import.meta.url)` names, wherever it is in the package).
const npmWorker = `${root}dist/engine/worker.js`;
const source = readFileSync(npmWorker, 'utf8');
const pointed = source.replaceAll("new URL('./wllama/", "new URL('../cdn/wllama/");
if (pointed.split("'../cdn/wllama/").length !== 4)
  throw new Error(`${npmWorker}: expected 3 wllama asset URLs`);
writeFileSync(npmWorker, pointed);
// No source maps of third-party code in the tarball (web-llm's alone is about 7 MB).
stripVendorMaps(`${root}dist/cdn`);
// AI_CHAT_METAFILE=1: write esbuild's metafile (what each output is made of) to dist/cdn-meta.json.
if (process.env.AI_CHAT_METAFILE) writeFileSync(`${root}dist/cdn-meta.json`, JSON.stringify(result.metafile));
console.log('built dist/ and dist/cdn/');
