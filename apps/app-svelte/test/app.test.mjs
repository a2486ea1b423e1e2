// Vite's Svelte template: <ai-chat> in a Svelte 5 component, its events through onai-chat-…; ai-chat's
// weight is what the app weighs beyond the same app built without it.
import { fileURLToPath } from 'node:url';
import { npmAppSuite, withoutAiChat } from 'demo/shared/npm-app-suite.mjs';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

npmAppSuite({
  name: 'app-svelte',
  bundler: 'Vite + Svelte 5, default config',
  dist: `${root}dist/`,
  baseline: (outDir) => build(withoutAiChat({ root, build: { outDir, emptyOutDir: true } })),
  log: [''],
  listens: 'onai-chat-message',
});
