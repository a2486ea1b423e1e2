// Astro with its React integration: the page (with <ai-chat>) and the island (ai-chat/react) are
// rendered on the server at build time (ai-chat imported in Node), then hydrated; ai-chat's weight
// is what the site weighs beyond the same site built without it.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'astro';
import { npmAppSuite, withoutAiChat } from 'demo/shared/npm-app-suite.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

const app = npmAppSuite({
  name: 'app-astro',
  bundler: 'Astro 5 with React, default config',
  dist: `${root}dist/`,
  elements: 2,
  hydrates: true,
  baseline: (outDir) => build({ root, outDir, logLevel: 'silent', vite: withoutAiChat({}) }),
});

it('server-rendered: the HTML has both <ai-chat> before any script runs; the island counts its reply', async () => {
  const page = app.page();
  const html = await (await fetch(page.url())).text();
  assert.match(
    html,
    /<ai-chat id="page" model-url="\/models\/generated\.gguf" max-model-size="2GB"><\/ai-chat>/,
  );
  assert.match(html, /<astro-island[^>]*><ai-chat[^>]*><\/ai-chat>/);
  await page.waitForFunction(() => document.querySelector('#replies').textContent === '1 replies');
});
