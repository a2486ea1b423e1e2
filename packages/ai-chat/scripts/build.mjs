// Build:
// - `tsc`: the types (dist/*.d.ts) and the JavaScript of `ai-chat/testing`;
// - custom-elements.json from the JSDoc (custom-elements-manifest.config.mjs), and the editors'
//   files made from it (scripts/editor-data.mjs);
// - Rollup (rollup-build.mjs), dist/npm/: the npm entries (`ai-chat`, `ai-chat/ai-chat.js`,
//   `ai-chat/react`), a few bundled files for the page's bundler;
// - Rollup, dist/cdn/, the files a page serves: the element (index.js, one file before the first
//   click, and its lazy chunks) and its worker (worker.js and its chunks); esbuild: the script tag's
//   small loader (ai-chat.js, a build of its own: the element for an inline <ai-chat>, only a button
//   for launchers), testing.js, web-llm and wllama as files of their own (chunks/web-llm-*.js,
//   chunks/wllama-*.js); wllama's WebAssembly (wllama/, copied once);
// - Rollup, dist/cdn/linked/: the same worker for npm installs, whose bundler copies each file under
//   another name. Its files are linked (scripts/link-worker.mjs) so that they find one another by
//   path; dist/worker-files.js (written here) names each for bundlers to copy. It uses the same
//   web-llm, wllama and WebAssembly files.
// The worker loads the runtimes and their WebAssembly from these files, never from a third-party host.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { minifyCss, STYLES } from './css-templates.mjs';
import { writeEditorData } from './editor-data.mjs';
import { linkWorker, register } from './link-worker.mjs';
import { rollupBuild } from './rollup-build.mjs';
import { stripVendorMaps } from './vendor-maps.mjs';

/** The script tag's element: dist/cdn/index.js (a Rollup build, see rollup-build.mjs). */
const ELEMENT_ENTRY = 'src/index.ts';
/** The npm entries bundled (dist/npm/<name>.js), each named by package.json's `exports`. */
const NPM_ENTRIES = { index: 'src/index.ts', 'ai-chat': 'src/ai-chat.ts', react: 'src/react.ts' };
/** Test and story helpers for script-tag pages: dist/cdn/testing.js, one file. */
const TESTING_ENTRY = 'src/testing/index.ts';
/** The worker's entry for the script tag and `ai-chat/worker.js` (dist/cdn/worker.js), and for npm installs. */
const WORKER_ENTRY = 'src/engine/worker.ts';
const LINKED_ENTRY = 'src/engine/worker-linked.ts';
/** The runtimes, each one file that both workers import when a model of theirs loads. */
const RUNTIMES = { 'web-llm': '@mlc-ai/web-llm', wllama: '@wllama/wllama' };

const root = fileURLToPath(new URL('..', import.meta.url));
const cdn = `${root}dist/cdn/`;
rmSync(`${root}dist`, { recursive: true, force: true });
execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', `${root}tsconfig.json`], {
  stdio: 'inherit',
});

execFileSync(
  process.execPath,
  [`${root}node_modules/@custom-elements-manifest/analyzer/cem.js`, 'analyze', '--quiet'],
  { stdio: 'inherit', cwd: root },
);
writeEditorData(root);

/** The styles' CSS minified (css-templates.mjs), in the esbuild builds. */
const minifyCssTemplates = {
  name: 'minify-css-templates',
  setup(b) {
    b.onLoad({ filter: STYLES }, async ({ path }) => ({
      contents: await minifyCss(readFileSync(path, 'utf8')),
      loader: 'ts',
    }));
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
  outdir: 'dist/cdn',
  // What a page or the worker needs only later is a chunk of its own, imported the first time:
  // Markdown, highlighting and storage on the page; each runtime's backend in the worker.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  metafile: true,
};
// The runtimes first: both workers name their files.
const runtimes = await build({
  ...common,
  entryPoints: RUNTIMES,
  entryNames: 'chunks/[name]-[hash]',
  splitting: false,
  // Third-party code only: no source map in the tarball (web-llm's alone is about 7 MB).
  sourcemap: false,
});
/** Each runtime's file in dist/cdn/chunks/, by package: `chunks/[name]-[hash].js` of its entry. */
const outputs = Object.keys(runtimes.metafile.outputs).map((path) => relative('dist/cdn/chunks', path));
const runtimeFile = Object.fromEntries(
  Object.entries(RUNTIMES).map(([name, pkg]) => [
    pkg,
    outputs.find((f) => f.startsWith(`${name}-`) && f.endsWith('.js')),
  ]),
);
for (const pkg of Object.values(RUNTIMES)) if (!runtimeFile[pkg]) throw new Error(`no file for ${pkg}`);

// The element and its worker: one Rollup build each (fewer files before the first click; see
// rollup-build.mjs). The runtimes stay files of their own, imported by chunks only.
const runtimePath = (from) => (id) => (runtimeFile[id] ? `${from}${runtimeFile[id]}` : undefined);
// The script tag finds its worker beside itself.
const cdnFiles = { [`${root}src/worker-files.ts`]: `${root}src/worker-files.cdn.ts` };
// The npm entries (`ai-chat`, `ai-chat/ai-chat.js`, `ai-chat/react`): the element's modules bundled
// into a few files, dist/npm/, for the page's bundler to bundle in turn. From tsc's one file per
// module, a bundler that splits as esbuild does made six small chunks of them before the first
// click (about 1.5 KB gzip of overhead). Third-party packages stay imports (the page's bundler
// resolves them, once for the whole page); the worker's files are named by dist/worker-files.js,
// which stays a file of its own beside dist/npm/ (its URLs are relative to it).
const npm = {
  input: NPM_ENTRIES,
  dir: `${root}dist/npm`,
  chunks: '',
  resolveBare: false,
  external: (source, file) =>
    file === `${root}src/worker-files.ts` ? '../worker-files.js' : /^[\w@]/.test(source) ? source : undefined,
};
const [elementChunks, workerChunks, linkedChunks, npmChunks] = await Promise.all(
  [
    { input: { index: ELEMENT_ENTRY }, replace: cdnFiles, external: runtimePath('./') },
    { input: { worker: WORKER_ENTRY }, replace: cdnFiles, external: runtimePath('./') },
    // npm installs' worker, linked below.
    { input: { 'linked/worker': LINKED_ENTRY }, chunks: 'linked', external: runtimePath('../chunks/') },
    npm,
  ].map((b) => rollupBuild({ root, dir: cdn, ...b })),
);
const testingBuild = await build({
  ...common,
  entryPoints: { testing: TESTING_ENTRY },
  splitting: false,
});
const runtimeFiles = Object.values(runtimeFile);
for (const chunk of [...elementChunks, ...workerChunks])
  if (
    [...chunk.imports, ...chunk.dynamicImports].some((i) => runtimeFiles.some((f) => i.endsWith(f))) &&
    !chunk.fileName.startsWith('chunks/')
  )
    throw new Error(`${chunk.fileName} imports a runtime from outside chunks/`);
// The script tag's file, dist/cdn/ai-chat.js: a small loader that fetches the element (index.js)
// at once for an inline <ai-chat>, and only a button for a launcher. A build of its own, so that
// it shares no chunk with the element: an inline page gets the element's files whole. index.js
// holds all the element needs before the first click and imports no file of its own (checked
// here): one request after the loader.
const eagerImports = elementChunks.find((c) => c.fileName === 'index.js').imports;
if (eagerImports.length) throw new Error(`dist/cdn/index.js imports ${eagerImports.join(', ')}`);
const loaderBuild = await build({
  ...common,
  entryPoints: { 'ai-chat': 'src/cdn.ts' },
  plugins: [minifyCssTemplates],
});
// No source maps of third-party code in the tarball (the page's chunks may mix theirs with ours),
// and none of a file with no code of its own (dist/npm/index.js only imports and exports).
stripVendorMaps(cdn);
stripVendorMaps(`${root}dist/npm`);

// The linked worker's files: path in dist/cdn/ → code (and source map).
const linkedPaths = linkedChunks.map((c) => c.fileName);
const built = new Map(
  linkedPaths.map((path) => {
    const mapFile = `${cdn}${path}.map`;
    const map = existsSync(mapFile) ? JSON.parse(readFileSync(mapFile, 'utf8')) : undefined;
    return [path, { code: readFileSync(`${cdn}${path}`, 'utf8'), map }];
  }),
);
for (const [path, { code, map }] of await linkWorker(built, 'linked/worker.js')) {
  writeFileSync(`${cdn}${path}`, code);
  if (map) writeFileSync(`${cdn}${path}.map`, JSON.stringify(map));
}
// The runtimes' files, shared by both workers, also give their exports to the linked one.
for (const file of Object.values(runtimeFile)) {
  const path = `${cdn}chunks/${file}`;
  writeFileSync(path, await register(`chunks/${file}`, readFileSync(path, 'utf8')));
}

// wllama's WebAssembly (the fast build and the compat build, 29 MB), once, beside the worker.
const require = createRequire(import.meta.url);
const wllama = dirname(require.resolve('@wllama/wllama/package.json'));
const compat = dirname(require.resolve('@wllama/wllama-compat/package.json'));
const WLLAMA_FILES = {
  'wllama/wllama.wasm': `${wllama}/esm/wasm/wllama.wasm`,
  'wllama/compat/wllama.js': `${compat}/wasm/wllama.js`,
  'wllama/compat/wllama.wasm': `${compat}/wasm/wllama.wasm`,
};
mkdirSync(`${cdn}wllama/compat`, { recursive: true });
for (const [path, from] of Object.entries(WLLAMA_FILES)) copyFileSync(from, `${cdn}${path}`);

// dist/worker-files.js (npm): every file of the linked worker, each named literally. `?no-inline`:
// Vite would put a small file into the page as a `data:` URL; other tools ignore the query.
const url = (path) =>
  `new URL(${JSON.stringify(`./cdn/${path}${path.endsWith('.js') ? '?no-inline' : ''}`)}, import.meta.url).href`;
const others = [
  ...linkedPaths.filter((path) => path !== 'linked/worker.js').sort(),
  ...Object.values(runtimeFile).map((file) => `chunks/${file}`),
  ...Object.keys(WLLAMA_FILES),
];
writeFileSync(
  `${root}dist/worker-files.js`,
  [
    "// Written by scripts/build.mjs: where the model worker's files are (see src/worker-files.ts).",
    'export const workerFiles = () => ({',
    `  entry: ${url('linked/worker.js')},`,
    '  files: {',
    ...others.map((path) => `    ${JSON.stringify(path)}: ${url(path)},`),
    '  },',
    '});',
    '',
  ].join('\n'),
);
rmSync(`${root}dist/worker-files.js.map`);

// AI_CHAT_METAFILE=1: what each output is made of (esbuild's metafiles, and Rollup's chunks in the
// same shape) in dist/cdn-meta.json.
if (process.env.AI_CHAT_METAFILE) {
  const all = [runtimes, testingBuild, loaderBuild].map((b) => b.metafile);
  // Rollup's chunks in esbuild's shape: each output's bytes and what each input left in it.
  const rolled = Object.fromEntries(
    [
      ...[...elementChunks, ...workerChunks, ...linkedChunks].map((c) => ['dist/cdn', c]),
      ...npmChunks.map((c) => ['dist/npm', c]),
    ].map(([folder, c]) => [
      `${folder}/${c.fileName}`,
      {
        bytes: Buffer.byteLength(c.code),
        inputs: Object.fromEntries(
          Object.entries(c.modules).map(([id, m]) => [
            relative(root, id),
            { bytesInOutput: m.renderedLength },
          ]),
        ),
      },
    ]),
  );
  all.push({ inputs: {}, outputs: rolled });
  const meta = (key) => Object.assign({}, ...all.map((m) => m[key]));
  writeFileSync(
    `${root}dist/cdn-meta.json`,
    JSON.stringify({ inputs: meta('inputs'), outputs: meta('outputs') }),
  );
}
console.log('built dist/ and dist/cdn/');
