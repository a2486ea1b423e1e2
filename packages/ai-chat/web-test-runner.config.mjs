import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { modelServer } from './test/server/model-server.mjs';
import { faultRoutes } from './test/server/fault-routes.mjs';
import { adversaryRoutes } from './test/server/adversary-routes.mjs';
import { wllamaAssets } from './test/server/wllama-assets.mjs';
import { cspHeaders } from './test/server/csp.mjs';
import { tabsPlugin } from './test/server/tabs.mjs';
import { CHROME_FLAGS, CHROME_PATH, WEBGPU_FLAGS } from '../../tools/chromium.mjs';
import { outsideMessage, startNetGuard } from '../../tools/net-guard.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));

// No test reaches a host other than 127.0.0.1: Chromium's requests for any other host go to a trap
// that refuses them and records the host. Every test file gets `test/net-guard.ts`, whose afterEach
// fails the test when the trap saw anything; what arrives after a file's last test fails the run.
// Every test file also gets `test/lit-warnings.ts` (first, before Lit loads): a Lit dev-mode warning
// fails the test it came in.
const netGuard = await startNetGuard();
process.on('exit', () => {
  const left = netGuard.pending();
  if (left.length === 0) return;
  console.error(outsideMessage(left));
  process.exitCode = 1;
});

export default {
  files: 'test/**/*.test.ts',
  nodeResolve: true,
  hostname: '127.0.0.1',
  concurrency: 1,
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 300000,
  middleware: [
    cspHeaders,
    function netGuardRequests(ctx, next) {
      if (ctx.path !== '/__net/outside') return next();
      ctx.body = netGuard.take();
    },
    adversaryRoutes,
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
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: `${root}tsconfig.test.json` }),
    tabsPlugin,
    {
      name: 'guards-in-every-test-file',
      transform(context) {
        if (/^\/test\/[^/]+\.test\.ts$/.test(context.path))
          return {
            body: `import '/test/lit-warnings.ts';\nimport '/test/net-guard.ts';\nimport '/test/readable-failures.ts';\n${context.body}`,
          };
      },
    },
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: CHROME_PATH,
        headless: true,
        args: [...CHROME_FLAGS, ...WEBGPU_FLAGS, ...netGuard.args],
      },
    }),
  ],
};
