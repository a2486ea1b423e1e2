// Vite's React template with React 19: <ai-chat> as an element (React 19 sets its properties and
// listens to its events) and through ai-chat/react; ai-chat's weight is what the app weighs beyond
// the same app built without it.
import { fileURLToPath } from 'node:url';
import { npmAppSuite, withoutAiChat } from 'demo/shared/npm-app-suite.mjs';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

npmAppSuite({
  name: 'app-react',
  bundler: 'Vite + React 19, default config',
  dist: `${root}dist/`,
  elements: 2,
  baseline: (outDir) => build(withoutAiChat({ root, build: { outDir, emptyOutDir: true } })),
  log: ['element ', 'component '],
  listens: 'onai-chat-message (the element) and onAiChatMessage (ai-chat/react)',
});
