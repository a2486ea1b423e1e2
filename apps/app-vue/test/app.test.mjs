// The Vue demo, built and driven in headless Chromium (the suite is shared with demo-react).
import { fileURLToPath } from 'node:url';
import { frameworkAppSuite } from 'demo/shared/framework-app-suite.mjs';
import { createServer } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

frameworkAppSuite({
  dist: `${root}dist/`,
  name: 'demo-vue',
  framework: 'Vue',
  defines: `import 'ai-chat'`,
  handlers: '@ai-chat-message, @ai-chat-status and @ai-chat-stats',
  createDevServer: () =>
    createServer({ root, logLevel: 'silent', server: { host: '127.0.0.1', port: 0, hmr: false } }),
});
