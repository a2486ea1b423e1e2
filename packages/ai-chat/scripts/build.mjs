// Build: `tsc` for the npm files (dist/*.js + .d.ts), esbuild for the script-tag files
// (dist/cdn/ai-chat.js: the element with Lit, plus its lazy chunks; dist/cdn/worker.js: the
// worker with web-llm).
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(`${root}dist`, { recursive: true, force: true });
execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', `${root}tsconfig.json`], {
  stdio: 'inherit',
});

const common = {
  bundle: true,
  format: 'esm',
  target: 'es2022',
  platform: 'browser',
  minify: true,
  sourcemap: true,
  legalComments: 'eof',
  logLevel: 'warning',
  absWorkingDir: root,
};
// The element entry with code splitting: Markdown, highlighting and storage are chunks
// (dist/cdn/*-HASH.js) loaded by dynamic import() the first time they are needed.
await build({
  ...common,
  entryPoints: { 'ai-chat': 'src/index.ts' },
  outdir: 'dist/cdn',
  splitting: true,
  chunkNames: '[name]-[hash]',
  metafile: false,
});
// The worker and the testing module stay single files (a worker started from a blob: URL
// resolves nothing relative to itself but its own import).
await build({
  ...common,
  entryPoints: { worker: 'src/engine/worker.ts', testing: 'src/testing/index.ts' },
  outdir: 'dist/cdn',
  metafile: false,
});
console.log('built dist/ and dist/cdn/');
