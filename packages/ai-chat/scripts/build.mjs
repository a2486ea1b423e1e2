// Build: `tsc` for the npm files (dist/*.js + .d.ts), esbuild for the script-tag files
// (dist/cdn/ai-chat.js: the element with Lit; dist/cdn/worker.js: the worker with web-llm), and
// custom-elements.json from the JSDoc (custom-elements-manifest.config.mjs).
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

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

const common = {
  bundle: true,
  format: 'esm',
  target: 'es2022',
  platform: 'browser',
  // AI_CHAT_MINIFY=0: readable names in profiles (apps/bench/scripts/trace.mjs); never for a release.
  minify: process.env.AI_CHAT_MINIFY !== '0',
  sourcemap: true,
  legalComments: 'eof',
  logLevel: 'warning',
  absWorkingDir: root,
};
await build({
  ...common,
  entryPoints: {
    'ai-chat': 'src/index.ts',
    worker: 'src/engine/worker.ts',
    testing: 'src/testing/index.ts',
  },
  outdir: 'dist/cdn',
  // The worker imports web-llm only when a model loads: a chunk of its own. The element loads
  // Markdown, highlighting and storage the same way, the first time it needs them.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  metafile: false,
});
console.log('built dist/ and dist/cdn/');
