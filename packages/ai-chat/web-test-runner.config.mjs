import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { modelServer } from './test/server/model-server.mjs';
import { faultRoutes } from './test/server/fault-routes.mjs';
import { wllamaAssets } from './test/server/wllama-assets.mjs';
import { cspHeaders } from './test/server/csp.mjs';
import { CHROME_FLAGS, CHROME_PATH, WEBGPU_FLAGS } from '../../tools/chromium.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));

export default {
  files: 'test/**/*.test.ts',
  nodeResolve: true,
  hostname: '127.0.0.1',
  concurrency: 1,
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 300000,
  middleware: [
    cspHeaders,
    modelServer,
    faultRoutes,
    wllamaAssets,
    // Serve worker.ts when the page asks for worker.js through new URL(...): that is a plain
    // request, not an import, so the esbuild plugin does not map it.
    function tsForJs(ctx, next) {
      if (ctx.path.endsWith('.js') && !ctx.path.startsWith('/__')) {
        const js = root + ctx.path.slice(1);
        if (!existsSync(js) && existsSync(js.replace(/\.js$/, '.ts')))
          ctx.url = ctx.url.replace(/\.js(?=$|\?)/, '.ts');
      }
      return next();
    },
  ],
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: `${root}tsconfig.test.json` })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: CHROME_PATH,
        headless: true,
        args: [...CHROME_FLAGS, ...WEBGPU_FLAGS],
      },
    }),
  ],
};
