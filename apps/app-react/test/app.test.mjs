// The React demo, built and driven in headless Chromium (the suite is shared with demo-vue).
import { fileURLToPath } from 'node:url';
import { frameworkAppSuite } from 'demo/shared/framework-app-suite.mjs';
import { createServer } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

frameworkAppSuite({
  dist: `${root}dist/`,
  name: 'demo-react',
  framework: 'React',
  defines: 'ai-chat/react',
  handlers: 'onAiChatMessage, onAiChatStatus and onAiChatStats props',
  createDevServer: () =>
    createServer({ root, logLevel: 'silent', server: { host: '127.0.0.1', port: 0, hmr: false } }),
});
