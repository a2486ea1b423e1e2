// The browser test of a framework demo (apps/demo-react, apps/demo-vue): its production build
// (`vite build`, run by turbo before `test`), served from 127.0.0.1, driven in headless Chromium.
// <ai-chat> renders; events reach the framework's handlers; bindings set by the framework reach
// the element. Replies come from a scripted engine (ai-chat/testing): no GPU, no download.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { serve } from '../scripts/serve.mjs';
import { expectRefused, launchChromium } from './chromium.mjs';

/**
 * @param {object} app
 * @param {string} app.dist the app's build folder
 * @param {string} app.name e.g. `demo-react`
 * @param {string} app.framework e.g. `React`
 * @param {string} app.defines how the app registers the element, for the test names
 * @param {string} app.handlers how the app listens, for the test names
 * @param {() => Promise<{ listen(): Promise<unknown>, close(): Promise<void>, resolvedUrls: { local: string[] } | null }>} app.createDevServer
 *   the app's Vite dev server (not listening yet)
 */
export function frameworkAppSuite({ dist, name, framework, defines, handlers, createDevServer }) {
  let server;
  let browser;
  let page;
  const errors = [];
  const assets = join(dist, 'assets');

  // The app's `auto` model is on huggingface.co: the consent card's preflight asks it, and the test
  // run's network guard refuses (any other host fails the test).
  expectRefused('huggingface.co:443');

  before(async () => {
    server = await serve({ root: dist, port: 0 });
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('response', (r) => {
      if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) errors.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() =>
      document.querySelector('ai-chat')?.shadowRoot?.querySelector('[part="base"]'),
    );
    // The consent card's preflight runs at once (offline here: it ends in a network error, shown
    // alone with Try again: one state at a time).
    await page.waitForFunction(
      () => {
        const el = document.querySelector('ai-chat');
        return (el.modelInfo && el.status === 'idle') || el.status === 'error';
      },
      { timeout: 30000 },
    );
  });
  after(async () => {
    await browser?.close();
    server?.close();
  });

  describe(`${name} in headless Chromium`, () => {
    it('the build has the worker with web-llm as its own chunk, and the app chunk does not carry web-llm', () => {
      const files = readdirSync(assets);
      const worker = files.find((f) => /^worker-.*\.js$/.test(f));
      assert.ok(worker, `a worker chunk: ${files}`);
      // web-llm is a chunk the worker imports only when a model loads, never part of the app.
      const webllm = files.filter(
        (f) => f.endsWith('.js') && /MLCEngine|prebuiltAppConfig/.test(readFileSync(join(assets, f), 'utf8')),
      );
      assert.ok(webllm.length > 0, `a web-llm chunk: ${files}`);
      const entries = files.filter((f) => f.startsWith('index-') && f.endsWith('.js'));
      assert.ok(entries.length > 0);
      for (const file of entries) {
        const code = readFileSync(join(assets, file), 'utf8');
        assert.doesNotMatch(code, /prebuiltAppConfig|tvmjs/, `${file} carries no web-llm`);
        assert.match(code, /worker-[\w-]+\.js/, `${file} starts the worker chunk`);
      }
    });

    it(`renders <ai-chat>, defined by ${defines}, asking for consent`, async () => {
      const state = await page.evaluate(() => {
        const el = document.querySelector('ai-chat');
        return {
          defined: customElements.get('ai-chat') === el.constructor,
          status: el.status,
          model: el.model,
          maxModelSize: el.maxModelSize,
          consent: el.shadowRoot.querySelector('[part="consent"]')?.textContent.replace(/\s+/g, ' ').trim(),
          error: el.shadowRoot.querySelector('[part="error"]')?.textContent.replace(/\s+/g, ' ').trim(),
        };
      });
      assert.equal(state.defined, true);
      assert.ok(['idle', 'error'].includes(state.status), state.status);
      assert.equal(state.model, 'auto');
      assert.equal(state.maxModelSize, '2GB', `max-model-size from ${framework}`);
      // Offline, the consent card says the model's host cannot be reached, with Try again.
      assert.equal(state.error, undefined);
      if (state.status === 'error')
        assert.match(state.consent, /Can't reach the model's host right now\. .*Try again/);
      else assert.match(state.consent, /Download and start/);
    });

    it(`the model picker (${framework} state) sets el.model`, async () => {
      // An f32 model: this machine's WebGPU (SwiftShader) has no shader-f16, so an f16 pick is refused.
      for (const model of ['SmolLM2-360M-Instruct-q4f32_1-MLC', 'auto']) {
        await page.select('#model', model);
        await page.waitForFunction((m) => document.querySelector('ai-chat').model === m, {}, model);
        // The element checks the new model: its consent card (the id in the name's title), or
        // offline the same card saying the model's host cannot be reached.
        await page.waitForFunction(
          (m) => {
            const el = document.querySelector('ai-chat');
            const name = el.shadowRoot.querySelector('[part="consent"] .model-name');
            return (
              (el.status === 'idle' && name?.getAttribute('title') === (el.modelInfo?.id ?? m)) ||
              (el.status === 'error' && el.shadowRoot.querySelector('[part="consent"] [role="alert"]'))
            );
          },
          {},
          model,
        );
      }
    });

    it(`scripted engine: a message typed in the element reaches ${framework} through ${handlers}`, async () => {
      await page.click('#scripted');
      await page.waitForFunction(() => document.querySelector('ai-chat').engine !== undefined);
      const input = await page.waitForSelector('ai-chat >>> textarea');
      await input.type('hello from a test');
      await input.press('Enter');
      await page.waitForFunction(
        () => [...document.querySelectorAll('#log li')].some((li) => li.textContent.startsWith('stats ')),
        { timeout: 20000 },
      );
      const lines = await page.$$eval('#log li', (items) => items.map((li) => li.textContent));
      const all = lines.join('\n');
      assert.ok(lines.includes('message user: hello from a test'), all);
      assert.ok(
        lines.some((l) =>
          l.startsWith(`message assistant: A scripted reply, token by token, from ${framework}`),
        ),
        all,
      );
      assert.ok(lines.includes('status status=generating') && lines.includes('status status=ready'), all);
      assert.ok(
        lines.some((l) => /^stats .*completionTokens=\d+ rating=\w+/.test(l)),
        all,
      );
      const shown = await page.evaluate(() =>
        [
          ...document
            .querySelector('ai-chat')
            .shadowRoot.querySelectorAll('[part~="message-assistant"] .content'),
        ]
          .map((m) => m.textContent)
          .at(-1),
      );
      assert.match(shown, /You asked: "hello from a test"/);
      assert.deepEqual(errors, []);
    });

    it('real worker in the Vite dev server: the package worker starts and answers its preflight', async () => {
      const dev = await createDevServer();
      const devPage = await browser.newPage();
      try {
        await dev.listen();
        const workers = [];
        devPage.on('workercreated', (w) => workers.push(w.url()));
        await devPage.goto(dev.resolvedUrls.local[0]);
        await devPage.waitForFunction(() => document.querySelector('ai-chat')?.shadowRoot, {
          timeout: 60000,
        });
        // An id that is not in WebLLM's list, picked through the app's own model picker (the
        // framework owns the property): the worker's preflight says so, without any download,
        // and the element reports the attribute as invalid.
        const code = await devPage.evaluate(async () => {
          const el = document.querySelector('ai-chat');
          const error = new Promise((resolve) =>
            el.addEventListener('ai-chat-error', (e) => e.code !== 'network' && resolve(e.code)),
          );
          const picker = document.querySelector('#model');
          picker.append(new Option('missing', 'no-such-model-MLC'));
          picker.value = 'no-such-model-MLC';
          picker.dispatchEvent(new Event('change', { bubbles: true }));
          return error;
        });
        assert.equal(code, 'invalid-attribute');
        assert.ok(
          workers.some((u) => /\/ai-chat\/dist\/engine\/worker\.js\?worker_file&type=module$/.test(u)),
          `the package's worker module: ${workers}`,
        );
      } finally {
        await devPage.close();
        await dev.close();
      }
    });
  });
}
