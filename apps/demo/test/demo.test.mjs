// The demo page's build, served as `pnpm start` serves it, opened in headless Chromium.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { serve } from '../scripts/serve.mjs';
import { expectRefused, launchChromium } from '../shared/chromium.mjs';

let server;
let browser;
let origin;

// The demo's `auto` model is on huggingface.co: the consent card's preflight asks it, and the test
// run's network guard refuses (any other host fails the test).
expectRefused('huggingface.co:443');

before(async () => {
  server = await serve({ port: 0 });
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  server?.close();
});

async function openDemo(init) {
  const page = await browser.newPage();
  if (init) await page.evaluateOnNewDocument(init);
  const requests = [];
  const errors = [];
  const missing = [];
  const warnings = [];
  page.on('console', (m) => /^warn/.test(m.type()) && warnings.push(m.text()));
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  page.on('response', (r) => r.status() === 404 && missing.push(new URL(r.url()).pathname));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${origin}/`);
  await page.waitForFunction(
    () => customElements.get('ai-chat') && document.querySelector('ai-chat').shadowRoot,
  );
  // Let the consent card's preflight settle (offline here: it ends in a network error).
  await page.waitForFunction(
    () => {
      const el = document.querySelector('ai-chat');
      return (el.modelInfo && ['idle', 'ready'].includes(el.status)) || el.status === 'error';
    },
    { timeout: 30000 },
  );
  return { page, requests, errors, missing, warnings };
}

describe('demo page (built, served like pnpm start)', () => {
  it('the event log lists the very first status, checking, and the page has no missing file (favicon) and no console warning', async () => {
    const { page, errors, missing, warnings } = await openDemo();
    const first = await page.evaluate(() => document.querySelector('#log li:last-child')?.textContent);
    assert.equal(first, 'status status=checking');
    assert.deepEqual(missing, []);
    assert.deepEqual(errors, []);
    // The element asks the browser for its own model (the default runtime list starts with it);
    // this Chromium has no model service and says so once, whatever the page asks. Nothing else.
    assert.deepEqual(
      warnings.filter((w) => w !== 'Unable to create a text session because the service is not running.'),
      [],
    );
    await page.close();
  });

  it('scripted engine from the Engine control: the replies show a table, code and a task list; language and theme controls apply', async () => {
    const { page, errors } = await openDemo();
    await page.select('#runtime', 'scripted');
    await page.waitForFunction(() => document.querySelector('ai-chat').engine);
    const shown = await page.evaluate(async () => {
      const el = document.querySelector('ai-chat');
      await el.send('compare');
      await el.send('plan');
      const root = el.shadowRoot;
      return {
        table: !!root.querySelector('.markdown table'),
        code: root.querySelector('.markdown .code .lang')?.textContent,
        tasks: root.querySelectorAll('[role="checkbox"]').length,
      };
    });
    assert.deepEqual(shown, { table: true, code: 'js', tasks: 4 });
    await page.select('#lang', 'ar');
    await page.select('#theme', 'dark');
    const after = await page.evaluate(async () => {
      const el = document.querySelector('ai-chat');
      await el.updateComplete;
      return {
        dir: getComputedStyle(el).direction,
        send: el.shadowRoot.querySelector('[part="send-button"]').textContent.trim(),
        theme: el.getAttribute('theme'),
      };
    });
    assert.deepEqual(after, { dir: 'rtl', send: 'إرسال', theme: 'dark' });
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('a busy port ends with a clear message, not a stack', async () => {
    const { spawnSync } = await import('node:child_process');
    const port = server.address().port;
    const run = spawnSync(
      process.execPath,
      [fileURLToPath(new URL('../scripts/serve.mjs', import.meta.url))],
      {
        env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' },
        encoding: 'utf8',
        timeout: 10000,
      },
    );
    assert.equal(run.status, 1);
    assert.match(run.stderr, new RegExp(`Port ${port} on 127.0.0.1 is already in use.*PORT=4174 pnpm start`));
    assert.doesNotMatch(run.stderr, /at Server|EADDRINUSE/);
  });

  it('at 1280×800 the composer is in view without scrolling, and every cell of the controls holds a control', async () => {
    const { page } = await openDemo();
    await page.setViewport({ width: 1280, height: 800 });
    const shown = await page.evaluate(() => {
      const input = document.querySelector('ai-chat').shadowRoot.querySelector('textarea');
      return {
        bottom: input.getBoundingClientRect().bottom,
        height: innerHeight,
        scroll: document.documentElement.scrollHeight > innerHeight,
        empty: [...document.querySelector('.controls').children]
          .filter((cell) => !cell.querySelector('select, input'))
          .map((cell) => cell.outerHTML),
      };
    });
    assert.ok(shown.bottom <= shown.height, `composer at ${shown.bottom} of ${shown.height}`);
    assert.equal(shown.scroll, false);
    assert.deepEqual(shown.empty, []);
    await page.close();
  });

  it('contains <ai-chat>, defined by one script tag, asking for consent before any download', async () => {
    const { page, errors } = await openDemo();
    const state = await page.evaluate(() => {
      const el = document.querySelector('ai-chat');
      return {
        tag: el.localName,
        status: el.status,
        model: el.model,
        consent: el.shadowRoot.querySelector('[part="consent"]')?.textContent.replace(/\s+/g, ' ').trim(),
        error: el.shadowRoot.querySelector('[part="error"]')?.textContent.replace(/\s+/g, ' ').trim(),
      };
    });
    assert.equal(state.tag, 'ai-chat');
    // Offline here: the consent card's preflight cannot reach the model host. The card says so, with
    // a way to try again; nothing was downloading, so there is no error card of a failed download.
    assert.ok(['idle', 'checking', 'error'].includes(state.status), state.status);
    assert.equal(state.model, 'auto');
    assert.equal(state.error, undefined, JSON.stringify(state));
    if (state.status === 'error')
      assert.match(
        state.consent ?? '',
        /Can't reach the model's host right now\. .*Try again/,
        JSON.stringify(state),
      );
    else assert.match(state.consent ?? '', /Download and start/, JSON.stringify(state));
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('the script-tag entry does not contain web-llm: it arrives only when a model loads', async () => {
    const { page, requests } = await openDemo();
    assert.ok(requests.includes('/cdn/ai-chat.js'));
    // The worker's small preflight code runs for the consent card; web-llm is a chunk of its own,
    // imported by the worker only when a model loads.
    const chunks = readdirSync(fileURLToPath(new URL('../dist/cdn/chunks/', import.meta.url)));
    const webllmChunk = chunks.find((f) => /^web-llm-.*\.js$/.test(f));
    assert.ok(webllmChunk, 'a web-llm chunk exists');
    assert.ok(
      !requests.some((p) => p.endsWith(webllmChunk)),
      `web-llm not requested before a model loads: ${requests}`,
    );
    const entry = readFileSync(fileURLToPath(new URL('../dist/cdn/ai-chat.js', import.meta.url)));
    const worker = readFileSync(
      fileURLToPath(new URL(`../dist/cdn/chunks/${webllmChunk}`, import.meta.url)),
      'utf8',
    );
    for (const marker of ['MLCEngine', 'prebuiltAppConfig', 'tvmjs', 'web-llm']) {
      assert.ok(!entry.includes(marker), `entry contains ${marker}`);
    }
    assert.ok(
      worker.includes('prebuiltAppConfig') || worker.includes('MLCEngine'),
      'the worker carries web-llm',
    );
    console.log(`# entry dist/cdn/ai-chat.js: ${entry.length} bytes, ${gzipSync(entry).length} gzip`);
    await page.close();
  });

  it('scripted engine on the demo build: streams into the shadow DOM, fires message and stats, survives stop() then send()', async () => {
    const { page, errors } = await openDemo();
    const result = await page.evaluate(async () => {
      const { ScriptedEngine } = await import('./cdn/testing.js');
      const el = document.querySelector('ai-chat');
      const seen = [];
      el.addEventListener('ai-chat-message', (e) => seen.push(`message:${e.message.role}`));
      el.addEventListener('ai-chat-stats', (e) => seen.push(`stats:${e.completionTokens > 0}`));
      el.engine = new ScriptedEngine({
        replies: [
          { text: 'alpha beta gamma delta epsilon zeta eta theta', tokenDelayMs: 30 },
          { text: 'x '.repeat(300), tokenDelayMs: 15 },
          { text: 'after stop' },
        ],
      });
      const content = () => el.shadowRoot.querySelector('[data-streaming] .content')?.textContent ?? '';
      const first = el.send('hello');
      // Watch the reply grow in the shadow DOM.
      const growth = [];
      while (el.status !== 'ready' || growth.length === 0) {
        await new Promise((r) => setTimeout(r, 20));
        if (content()) growth.push(content().length);
        if (growth.length > 500) break;
      }
      const firstReply = await first;
      const long = el.send('long');
      while (content().length < 10) await new Promise((r) => setTimeout(r, 10));
      el.stop();
      const stopped = await long;
      const after = await el.send('again');
      const shown = [...el.shadowRoot.querySelectorAll('[part~="message"] .content')].map(
        (m) => m.textContent,
      );
      return { growth, firstReply, stopped, after, shown, seen, status: el.status };
    });
    assert.ok(
      result.growth.length > 2 && result.growth[0] < result.growth.at(-1),
      `reply grew: ${result.growth}`,
    );
    assert.equal(result.firstReply.content, 'alpha beta gamma delta epsilon zeta eta theta');
    assert.equal(result.stopped.interrupted, true);
    assert.equal(result.after.content, 'after stop');
    assert.equal(result.shown.at(-1), 'after stop');
    assert.equal(result.shown[1], 'alpha beta gamma delta epsilon zeta eta theta');
    assert.ok(result.seen.includes('message:user') && result.seen.includes('message:assistant'));
    assert.ok(result.seen.includes('stats:true'));
    assert.equal(result.status, 'ready');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('scripted engine on the demo build: no method throws in any status', async () => {
    const { page, errors } = await openDemo();
    const outcome = await page.evaluate(async () => {
      const { ScriptedEngine } = await import('./cdn/testing.js');
      const el = document.querySelector('ai-chat');
      const thrown = [];
      const callAll = async (label) => {
        for (const [name, call] of Object.entries({
          stop: () => el.stop(),
          reset: () => el.reset(),
          sendEmpty: () => el.send(''),
          messages: () => (el.messages = null),
        })) {
          try {
            await call();
          } catch (e) {
            thrown.push(`${label}:${name}:${e.message}`);
          }
        }
      };
      await callAll('idle-default-engine');
      el.engine = new ScriptedEngine({ tokenDelayMs: 10 });
      await callAll('idle');
      await el.load();
      await callAll('ready');
      const reply = el.send('something long enough to keep generating for a while');
      while (el.status !== 'generating') await new Promise((r) => setTimeout(r, 5));
      await callAll('generating');
      await reply;
      await el.unload();
      await callAll('unloaded');
      const last = await el.send('works after all that');
      return { thrown, last: last.role, status: el.status };
    });
    assert.deepEqual(outcome.thrown, []);
    assert.equal(outcome.last, 'assistant');
    assert.equal(outcome.status, 'ready');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("Prompt API stand-in on the demo build: by default the browser's own model answers at once where it is ready (no consent card); elsewhere its code is never fetched", async () => {
    // This Chromium's own LanguageModel answers "unavailable": the worker's model, as before.
    const plain = await openDemo();
    // The built-in runtime's code is a chunk of its own: a browser without the model never fetches it.
    assert.ok(!plain.requests.some((p) => p.includes('builtin-runtime')), plain.requests.join(' '));
    await plain.page.close();
    // A page whose browser has the model: the stand-in from the demo's testing build.
    const { page, errors, requests } = await openDemo(() => {
      let api;
      const standIn = () =>
        (api ??= import('/cdn/testing.js').then(
          (m) => new m.PromptApiStandIn({ availability: 'available' }),
        ));
      Object.defineProperty(window, 'LanguageModel', {
        configurable: true,
        value: {
          availability: (options) => standIn().then((a) => a.availability(options)),
          create: (options) => standIn().then((a) => a.create(options)),
        },
      });
    });
    assert.equal(await page.$eval('#runtime', (select) => select.value), 'builtin webgpu wasm');
    const note = await page.waitForFunction(
      () => {
        const el = document.querySelector('ai-chat');
        const text = el.status === 'ready' && el.shadowRoot.querySelector('.empty')?.textContent;
        return text && text.replace(/\s+/g, ' ').trim();
      },
      { timeout: 30000 },
    );
    assert.match(await note.jsonValue(), /Answers come from your browser's built-in model/);
    assert.equal(
      await page.$eval('ai-chat', (el) => !!el.shadowRoot.querySelector('[part="consent"]')),
      false,
    );
    assert.ok(
      requests.some((p) => /\/cdn\/chunks\/builtin-runtime-.*\.js$/.test(p)),
      requests.join(' '),
    );
    assert.deepEqual(errors, []);
    await page.close();
  });
});
