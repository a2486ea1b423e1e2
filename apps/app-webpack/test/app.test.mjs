// webpack 5 with entry, output and the HTML plugin: the package's worker files become asset
// modules (copied, renamed and minified again by webpack).
import { fileURLToPath } from 'node:url';
import { npmAppSuite } from 'demo/shared/npm-app-suite.mjs';

npmAppSuite({
  name: 'app-webpack',
  bundler: 'webpack 5, entry + output + html plugin',
  dist: fileURLToPath(new URL('../dist/', import.meta.url)),
  realLoad: true,
});
