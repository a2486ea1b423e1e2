// Rollup with node-resolve and terser: Rollup copies no file, so the build copies
// node_modules/ai-chat/dist/cdn/ beside the bundle, the README's one line.
import { fileURLToPath } from 'node:url';
import { npmAppSuite } from 'demo/shared/npm-app-suite.mjs';

npmAppSuite({
  name: 'app-rollup',
  bundler: 'Rollup with node-resolve and terser',
  dist: fileURLToPath(new URL('../dist/', import.meta.url)),
  copies: false,
});
