// Vite's React template with React 19: <ai-chat> as an element (React 19 sets its properties and
// listens to its events) and through ai-chat/react; ai-chat's weight is what the app weighs beyond
// the same app built without it.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { npmAppSuite, withoutAiChat } from 'demo/shared/npm-app-suite.mjs';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

const app = npmAppSuite({
  name: 'app-react',
  bundler: 'Vite + React 19, default config',
  dist: `${root}dist/`,
  elements: 2,
  baseline: (outDir) => build(withoutAiChat({ root, build: { outDir, emptyOutDir: true } })),
});

it('scripted engine: the replies of both reach React, through onai-chat-message and onAiChatMessage', async () => {
  const page = app.page();
  await page.waitForFunction(() => document.querySelectorAll('#log li').length > 0);
  const lines = await page.$$eval('#log li', (items) => items.map((li) => li.textContent));
  for (const from of ['element', 'component'])
    assert.ok(
      lines.some((l) => l.startsWith(`${from} message assistant: A scripted reply.`)),
      `${from}: ${lines.join('\n')}`,
    );
});
