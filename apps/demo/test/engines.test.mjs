// The CPU runtime in every browser engine, as visitors of each would meet it: Chromium, Firefox ESR
// and WebKitGTK (Safari's engine) open a page with the script-tag build (dist/cdn/ai-chat.js) from
// the page's own origin and from another, and a generated GGUF model (random weights: real tokens,
// meaningless text). Real worker, real downloader, real wllama in the build each engine needs.
// Consent → download → load → tokens stream → Stop → a second send → reload: the consent card
// says cached, the load makes 0 model requests, the persisted messages are back. No uncaught error
// or unhandled rejection, on the page or in its worker, in any engine.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { serve } from '../scripts/serve.mjs';
import { workerPrelude } from '../../../tools/worker-prelude.mjs';
import { ENGINES, UNCAUGHT_PROBE, launchEngine } from '../shared/engines.mjs';

/** The build each engine runs: the fast one where JSPI and Memory64 are (Chromium, Firefox). */
const BUILD = { chromium: 'jspi-memory64', firefox: 'jspi-memory64', webkit: 'compat' };

let cdn; // dist/ with dist/cdn/ (the script), the model, and the page for the same origin
let site; // another origin, with only the page
const modelRequests = [];
let label = 0;

/** The page: the uncaught-error probe first (`?nojspi`: a worker without JSPI), then the element's one script tag. */
function page(req, res, scriptOrigin) {
  const url = new URL(req.url, 'http://x');
  if (url.pathname !== '/chat') return false;
  const model = `${cdn.origin}/models/${url.searchParams.get('model')}.gguf`;
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>chat</title>
<script>${UNCAUGHT_PROBE}</script>
${url.searchParams.has('nojspi') ? `<script>${workerPrelude('delete WebAssembly.Suspending;')}</script>` : ''}
<script>window.__trace = []; addEventListener('ai-chat-status', (e) => __trace.push(e.status)); addEventListener('ai-chat-progress', (e) => __trace.push(e.phase + ' ' + e.text + ' ' + e.progress.toFixed(2)));</script>
<script type="module" src="${scriptOrigin}/cdn/ai-chat.js"></script></head>
<body><ai-chat runtime="wasm" model-url="${model}" persist="engines" max-tokens="400"></ai-chat></body></html>`);
  return true;
}

before(async () => {
  cdn = await serve({
    port: 0,
    handle(req, res) {
      if (req.url.startsWith('/models/')) modelRequests.push(req.url);
      return page(req, res, cdn.origin);
    },
  });
  site = await serve({
    port: 0,
    handle(req, res) {
      if (!page(req, res, cdn.origin)) res.writeHead(404).end();
      return true;
    },
  });
  for (const server of [cdn, site]) server.origin = `http://127.0.0.1:${server.address().port}`;
});
after(() => [cdn, site].forEach((server) => server?.close()));

/** In the page: wait for `test()`, polling (the engines' clocks differ; no fixed waits). */
const UNTIL = `async (el, test, what, ms = 90000) => {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end)
      throw new Error('timed out: ' + what + ' (status ' + el.status + '; ' + (window.__trace || []).slice(-8).join(' | ') + ')');
    await new Promise((r) => setTimeout(r, 20));
  }
}`;

/** First visit, in the page: consent, download, load, a reply stopped mid-stream, a second reply. */
async function firstVisit(until) {
  until = (0, eval)(until);
  await customElements.whenDefined('ai-chat');
  const el = document.querySelector('ai-chat');
  await until(
    el,
    () => el.modelInfo && el.status === 'idle' && el.shadowRoot.querySelector('[part~="consent"]'),
    'consent card',
  );
  const consent = { ...el.modelInfo };
  const phases = new Set();
  const errors = [];
  el.addEventListener('ai-chat-progress', (e) => phases.add(e.phase));
  el.addEventListener('ai-chat-error', (e) => errors.push(`${e.code}: ${e.message}`));
  el.shadowRoot.querySelector('[part~="consent"] button.primary').click();
  await until(el, () => el.status === 'ready' || el.status === 'error', 'ready');
  if (el.status === 'error') return { errors };
  const loaded = { ...el.modelInfo };
  const text = () =>
    el.shadowRoot.querySelector('[part~="message-assistant"]:last-of-type .content')?.textContent ?? '';
  const sent = el.send('tell me a long story');
  await until(el, () => el.status === 'generating' && text().length > 0, 'first tokens');
  el.shadowRoot.querySelector('[part="stop-button"]').click();
  const stopped = await sent;
  el.maxTokens = 6;
  const second = await el.send('and a short one');
  // Saved: the record holds the four messages (a reload before the write would lose the last).
  const saved = () =>
    new Promise((resolve) => {
      const open = indexedDB.open('ai-chat');
      open.onsuccess = () => {
        const get = open.result.transaction('conversations').objectStore('conversations').get('engines');
        get.onsuccess = () =>
          resolve(get.result?.messages?.filter((m) => !m.interrupted || m.role).length ?? 0);
        open.result.close();
      };
    });
  for (let n = await saved(); n < 4; n = await saved()) await new Promise((r) => setTimeout(r, 20));
  return {
    consent,
    loaded,
    phases: [...phases],
    errors,
    stopped: { length: stopped.content.length, interrupted: stopped.interrupted === true },
    second: { role: second.role, length: second.content.length, tokens: el.stats.completionTokens },
    messages: el.messages.length,
    uncaught: window.__uncaught,
  };
}

/** After the reload, in the page: the conversation restored, the model from the cache. */
async function secondVisit(until) {
  until = (0, eval)(until);
  await customElements.whenDefined('ai-chat');
  const el = document.querySelector('ai-chat');
  await until(
    el,
    () => el.modelInfo && el.status === 'idle' && el.messages.length >= 4,
    'restored, consent card',
  );
  const restored = el.messages.map((m) => m.role);
  const cached = el.modelInfo.cached;
  el.shadowRoot.querySelector('[part~="consent"] button.primary').click();
  await until(el, () => el.status === 'ready' || el.status === 'error', 'ready from the cache');
  el.maxTokens = 4;
  const reply = el.status === 'ready' ? await el.send('still there?') : undefined;
  return { restored, cached, reply: reply?.role, status: el.status, uncaught: window.__uncaught };
}

for (const engine of ENGINES)
  describe(`the CPU runtime in ${engine} (real wllama, script-tag build, generated GGUF)`, () => {
    let browser;
    before(async () => {
      browser = await launchEngine(engine);
    });
    after(() => browser?.close());

    for (const where of ['the same origin', 'another origin'])
      it(`${engine}, script from ${where}: consent, download, load, tokens stream, Stop, second send, reload with 0 model requests, messages restored`, async (t) => {
        const model = `${engine}-${++label}`;
        const origin = where === 'the same origin' ? cdn.origin : site.origin;
        const tab = await browser.newPage();
        try {
          await tab.goto(`${origin}/chat?model=${model}`);
          t.diagnostic(`${Date.now()} first visit`);
          const first = await tab.evaluate(firstVisit, UNTIL);
          assert.deepEqual(first.errors, [], `${engine}: no error event`);
          assert.equal(first.consent.runtime, 'wasm');
          assert.equal(first.consent.cached, false);
          assert.ok(first.consent.predictedMsPerToken > 0, 'a predicted speed on the consent card');
          assert.deepEqual(
            first.loaded.cpu,
            { build: BUILD[engine], threads: 1 },
            'the build and threads loaded',
          );
          assert.deepEqual(first.phases, ['download', 'load']);
          assert.ok(
            first.stopped.length > 0 && first.stopped.interrupted,
            `stopped mid-reply: ${JSON.stringify(first.stopped)}`,
          );
          assert.deepEqual(first.second, { role: 'assistant', length: first.second.length, tokens: 6 });
          assert.equal(first.messages, 4);
          assert.deepEqual(first.uncaught, [], `${engine}: nothing uncaught through Stop`);
          t.diagnostic(`${Date.now()} first visit done`);
          const before = modelRequests.length;
          // The reload. WebKitGTK under WebDriver runs an ephemeral profile, whose Cache API entries
          // a reload of the same URL drops (WebKit clears the cache's in-memory copy on a reload;
          // Safari's profile keeps them on disk): there the page is visited again at another URL.
          await tab.goto(`${origin}/chat?model=${model}${engine === 'webkit' ? '&visit=2' : ''}`);
          t.diagnostic(`${Date.now()} second visit`);
          const second = await tab.evaluate(secondVisit, UNTIL);
          assert.deepEqual(second.restored, ['user', 'assistant', 'user', 'assistant']);
          assert.equal(second.cached, true, 'the consent card says cached');
          assert.equal(second.reply, 'assistant');
          assert.deepEqual(modelRequests.slice(before), [], '0 model requests after the reload');
          assert.deepEqual(second.uncaught, [], `${engine}: nothing uncaught on the page or in the worker`);
        } finally {
          await tab.close();
        }
      });

    if (engine === 'firefox')
      it('firefox without JSPI (an older Firefox): the compat build loads and replies', async () => {
        const tab = await browser.newPage();
        try {
          await tab.goto(`${cdn.origin}/chat?model=firefox-nojspi&nojspi`);
          const first = await tab.evaluate(firstVisit, UNTIL);
          assert.deepEqual(first.errors, []);
          assert.deepEqual(
            [first.consent.cpu, first.loaded.cpu],
            [
              { build: 'compat', threads: 1 },
              { build: 'compat', threads: 1 },
            ],
          );
          assert.equal(first.second.tokens, 6);
          assert.deepEqual(first.uncaught, []);
        } finally {
          await tab.close();
        }
      });
  });
