// Vite's Vue template: <ai-chat> in a Vue template, its events through @ai-chat-…; ai-chat's
// weight is what the app weighs beyond the same app built without it.
import { fileURLToPath } from 'node:url';
import { npmAppSuite, withoutAiChat } from 'demo/shared/npm-app-suite.mjs';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

npmAppSuite({
  name: 'app-vue',
  bundler: 'Vite + Vue, default config',
  dist: `${root}dist/`,
  baseline: (outDir) => build(withoutAiChat({ root, build: { outDir, emptyOutDir: true } })),
  log: [''],
  listens: '@ai-chat-message',
});
