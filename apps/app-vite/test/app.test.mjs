// Vite with no config file at all: the package's worker files are copied into dist/assets/; in the
// dev server, Vite serves them from the package (an installed ai-chat is pre-bundled; its URLs still
// point into the package).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { launchChromium } from 'demo/shared/chromium.mjs';
import { npmAppSuite } from 'demo/shared/npm-app-suite.mjs';
import { serveGguf } from 'demo/scripts/serve.mjs';
import { createServer } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

npmAppSuite({
  name: 'app-vite',
  bundler: 'Vite, default config',
  dist: `${root}dist/`,
  realLoad: true,
});

describe('app-vite in the Vite dev server (default config)', () => {
  it('real worker: the worker starts from the package’s own files, as the dev server serves them, and shows the consent card', async () => {
    const dev = await createServer({
      root,
      logLevel: 'silent',
      server: { host: '127.0.0.1', port: 0, hmr: false },
      // The generated model, as the built app's server has it (not part of the app's config).
      plugins: [
        {
          name: 'generated-model',
          configureServer: (s) => void s.middlewares.use('/models/generated.gguf', serveGguf),
        },
      ],
    });
    await dev.listen();
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const workers = [];
      page.on('workercreated', (w) => workers.push(w.url()));
      await page.goto(dev.resolvedUrls.local[0]);
      await page.waitForFunction(() => document.querySelector('ai-chat')?.modelInfo, { timeout: 60000 });
      const consent = await page.$eval(
        'ai-chat',
        (el) => el.shadowRoot.querySelector('[part="consent"]').textContent,
      );
      // The model named for people (`generated.gguf` → Generated: no file name, no quantization).
      assert.match(consent, /\bGenerated\b/);
      assert.ok(
        workers.some((u) => /\/ai-chat\/dist\/cdn\/linked\/worker\.js\?no-inline#/.test(u)),
        `the package's linked worker: ${workers}`,
      );
    } finally {
      await browser.close();
      await dev.close();
    }
  });
});
