// A chunk of the element that cannot be fetched (a CDN hiccup): the built dist/cdn/ is served from
// 127.0.0.1 by the demo's static server, its conversation chunk (chunks/chat-view-*.js) failing, to
// a page that hands the element a scripted engine (dist/cdn/testing.js). The element says so in its own words, keeps its
// composer and what was typed, and shows the conversation once the chunk can be fetched and the
// visitor dismisses the message.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { serve } from '../scripts/serve.mjs';
import { launchChromium } from '../shared/chromium.mjs';

const cdnDir = new URL('../../../packages/ai-chat/dist/cdn/', import.meta.url);

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>chunk failure</title></head>
<body><ai-chat></ai-chat>
<script type="module">
  import './ai-chat.js';
  import { ScriptedEngine } from './testing.js';
  const el = document.querySelector('ai-chat');
  window.codes = [];
  el.addEventListener('ai-chat-error', (event) => window.codes.push(event.code));
  el.engine = new ScriptedEngine({ replies: [{ text: 'Hello from the engine' }] });
</script></body></html>`;

let failing = true;
const failed = [];
let server;
let browser;

before(async () => {
  server = await serve({ root: fileURLToPath(cdnDir), port: 0 });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
});

describe('a chunk that cannot be fetched (scripted engine, built dist/cdn)', () => {
  it('scripted engine: the element says so, keeps what was typed, and shows the conversation once the chunk comes back', async () => {
    const page = await browser.newPage();
    // The page itself, and the chunk failing until the test lets it through; the rest is dist/cdn.
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path === '/') return request.respond({ status: 200, contentType: 'text/html', body: PAGE });
      if (failing && /^\/chunks\/chat-view-[^/]+\.js$/.test(path)) {
        failed.push(path);
        return request.respond({ status: 503, body: '' });
      }
      return request.continue();
    });
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    const shown = () =>
      page.evaluate(() => {
        const root = document.querySelector('ai-chat').shadowRoot;
        return {
          error: root.querySelector('[part~="error"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
          input: !!root.querySelector('textarea'),
          log: !!root.querySelector('[part="messages"]'),
        };
      });
    await page.waitForFunction(() => window.codes?.includes('network'));
    assert.ok(failed.length >= 1, 'the chunk was asked for');
    const before = await shown();
    assert.match(before.error, /could not be downloaded/i);
    assert.equal(before.input, true, 'the composer stays');
    assert.equal(before.log, false);
    await page.type('pierce/textarea', 'kept');

    failing = false;
    await page.evaluate(() =>
      [...document.querySelector('ai-chat').shadowRoot.querySelectorAll('[part~="error"] button')]
        .find((b) => /dismiss|try again/i.test(b.textContent))
        .click(),
    );
    await page.waitForFunction(
      () => !!document.querySelector('ai-chat').shadowRoot.querySelector('[part="messages"]'),
    );
    const value = await page.evaluate(
      () => document.querySelector('ai-chat').shadowRoot.querySelector('textarea').value,
    );
    assert.equal(value, 'kept');
    const reply = await page.evaluate(
      async () => (await document.querySelector('ai-chat').send('Hi'))?.content,
    );
    assert.equal(reply, 'Hello from the engine');
    await page.close();
  });
});
