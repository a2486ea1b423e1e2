// Vite's Svelte template: <ai-chat> in a Svelte 5 component, its events through onai-chat-…; ai-chat's
// weight is what the app weighs beyond the same app built without it.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { npmAppSuite, withoutAiChat } from 'demo/shared/npm-app-suite.mjs';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

const app = npmAppSuite({
  name: 'app-svelte',
  bundler: 'Vite + Svelte 5, default config',
  dist: `${root}dist/`,
  baseline: (outDir) => build(withoutAiChat({ root, build: { outDir, emptyOutDir: true } })),
});

it('scripted engine: the reply reaches Svelte through onai-chat-message', async () => {
  const page = app.page();
  await page.waitForFunction(() =>
    [...document.querySelectorAll('#log li')].some((li) => li.textContent.startsWith('message assistant')),
  );
  const lines = await page.$$eval('#log li', (items) => items.map((li) => li.textContent));
  assert.ok(
    lines.some((l) => l.startsWith('message assistant: A scripted reply.')),
    lines.join('\n'),
  );
});
