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

async function openDemo() {
  const page = await browser.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${origin}/`);
  await page.waitForFunction(
    () => customElements.get('ai-chat') && document.querySelector('ai-chat').shadowRoot,
  );
  // Let the consent card's preflight settle (offline here: it ends in a network error).
  await page.waitForFunction(
    () => {
      const el = document.querySelector('ai-chat');
      return (el.modelInfo && el.status === 'idle') || el.status === 'error';
    },
    { timeout: 30000 },
  );
  return { page, requests, errors };
}

describe('demo page (built, served like pnpm start)', () => {
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
    // Offline here: the consent card's preflight cannot reach the model host, and says so; the
    // card stays, so the visitor can still start (which tries again).
    assert.ok(['idle', 'checking', 'error'].includes(state.status), state.status);
    assert.equal(state.model, 'auto');
    assert.match(state.consent ?? '', /Download and start/, JSON.stringify(state));
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('the script-tag entry does not contain web-llm: it arrives only when a model loads', async () => {
    const { page, requests } = await openDemo();
    assert.ok(requests.includes('/cdn/ai-chat.js'));
    // The worker's small preflight code runs for the consent card; web-llm is a chunk of its own,
    // imported by the worker only when a model loads.
    const chunks = readdirSync(fileURLToPath(new URL('../dist/cdn/chunks/', import.meta.url)));
    const webllmChunk = chunks.find((f) => /^lib-.*\.js$/.test(f));
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
});
