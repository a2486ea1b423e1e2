// esbuild's command line (--bundle --splitting --format=esm --minify): esbuild copies no file, so
// the build copies node_modules/ai-chat/dist/cdn/ beside the bundle, the README's one line.
import { fileURLToPath } from 'node:url';
import { npmAppSuite } from 'demo/shared/npm-app-suite.mjs';

npmAppSuite({
  name: 'app-esbuild',
  bundler: 'esbuild --bundle --splitting --format=esm --minify',
  dist: fileURLToPath(new URL('../dist/', import.meta.url)),
  copies: false,
});
