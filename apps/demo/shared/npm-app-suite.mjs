// The browser test of an app that installs ai-chat from npm (apps/app-*), built by its bundler with
// the bundler's default config (turbo builds it before `test`), served from 127.0.0.1 with a
// generated GGUF model (`/models/generated.gguf`, the CPU runtime: nothing leaves the machine),
// in headless Chromium. For each app:
// - the consent card shows, from the real worker's preflight (the package's own worker files, as
//   the bundler copied them);
// - the JavaScript fetched before the first click, page and worker, is at most 36 KB gzip for
//   ai-chat (an app with a framework: minus the same app built with ai-chat left out), with no
//   web-llm or wllama code in it (bytes, not time: the same on any machine; AI_CHAT_WEIGHT_FILES=1
//   prints each file's share);
// - a scripted reply renders (the app's `#scripted` button hands in a `ScriptedEngine`);
// - optionally: a real wllama load, its code and WebAssembly from the bundle; the element's words
//   when the files were not copied; no hydration warning.
// No request may leave 127.0.0.1 (./chromium.mjs fails the test otherwise).
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { serve } from '../scripts/serve.mjs';
import { launchChromium } from './chromium.mjs';

/** 36 KB (1,024 bytes each): what a page may fetch for ai-chat before the visitor's first click. */
export const BUDGET = 36 * 1024;
/** web-llm's and wllama's code: neither may be fetched before a model loads. */
const RUNTIME_CODE = /MLC_DUMMY_REQUIRE_VAR|_emscripten_stack_alloc/;

/**
 * A Vite config (for `build()` of vite or astro) that builds the app with every `ai-chat` import
 * replaced by a stub: what the app weighs without ai-chat.
 */
export const withoutAiChat = (config) => ({
  ...config,
  logLevel: 'silent',
  resolve: {
    alias: [
      { find: /^ai-chat(\/.*)?$/, replacement: fileURLToPath(new URL('./ai-chat-stub.js', import.meta.url)) },
    ],
  },
});

/** Open `origin` in a new page of `browser`: every script fetched (page and workers) and every console line. */
async function open(browser, origin) {
  const page = await browser.newPage();
  const scripts = new Map();
  const console = [];
  page.on('console', (m) => console.push({ type: m.type(), text: m.text() }));
  page.on('pageerror', (e) => console.push({ type: 'pageerror', text: e.message }));
  page.on('response', (r) => {
    if (r.request().resourceType() !== 'script' || !r.ok()) return;
    const url = r.url().split('#')[0];
    if (!scripts.has(url))
      scripts.set(
        url,
        r.buffer().catch(() => Buffer.alloc(0)),
      );
  });
  await page.evaluateOnNewDocument(() => {
    window.__errors = [];
    addEventListener(
      'ai-chat-error',
      (e) => window.__errors.push({ code: e.code, message: e.message, recoverable: e.recoverable }),
      true,
    );
  });
  await page.goto(`${origin}/`);
  /** Every script so far: URL, gzip bytes, and whether it carries a runtime's code. */
  const fetched = async () => {
    await page.waitForNetworkIdle({ idleTime: 500 });
    return Promise.all(
      [...scripts].map(async ([url, body]) => {
        const bytes = await body;
        return {
          url,
          gzip: gzipSync(bytes, { level: 9 }).length,
          runtime: RUNTIME_CODE.test(bytes.toString('latin1')),
        };
      }),
    );
  };
  return { page, console, fetched };
}

const consentShown = () =>
  [...document.querySelectorAll('ai-chat')].every(
    (el) => el.status === 'error' || (el.modelInfo && el.status === 'idle'),
  );

/**
 * @param {object} app
 * @param {string} app.name the app (`app-vite`)
 * @param {string} app.bundler how it is built, for the test names
 * @param {string} app.dist its build folder
 * @param {number} [app.elements] how many `<ai-chat>` its page has (default 1)
 * @param {(outDir: string) => Promise<unknown>} [app.baseline] builds the same app with ai-chat
 *   left out (a framework app: what the framework itself weighs)
 * @param {boolean} [app.copies] whether the bundler copies the worker's files (default true); when
 *   not, the app's build copies them as the README says, and the test also serves the app without them
 * @param {boolean} [app.realLoad] also load a real model (wllama) from the bundle's files
 * @param {boolean} [app.hydrates] a server-rendered page: no hydration warning in the console
 * @param {string[]} [app.log] the app lists the element's events in `#log` (see event-log.js), each
 *   line after one of these prefixes (one per element): the scripted reply must be there
 * @param {string} [app.listens] how the app listens, for the test names
 */
export function npmAppSuite({
  name,
  bundler,
  dist,
  elements = 1,
  baseline,
  copies = true,
  realLoad,
  hydrates,
  log,
  listens,
}) {
  /** The page opened before all tests, for an app's own tests (after the suite's). */
  const shared = { page: () => opened.page };
  let server;
  let browser;
  let origin;
  let opened;

  before(async () => {
    server = await serve({ root: dist, port: 0 });
    origin = `http://127.0.0.1:${server.address().port}`;
    browser = await launchChromium();
    opened = await open(browser, origin);
    await opened.page.waitForFunction(consentShown, { timeout: 60000 });
  });
  after(async () => {
    await browser?.close();
    server?.close();
  });

  describe(`${name} (${bundler}) in headless Chromium`, () => {
    it(`real worker: ${elements > 1 ? `all ${elements} <ai-chat> show` : '<ai-chat> shows'} the consent card from the worker's preflight of a generated GGUF model`, async () => {
      const { page } = opened;
      const shown = await page.$$eval('ai-chat', (els) =>
        els.map((el) => ({
          status: el.status,
          consent: el.shadowRoot.querySelector('[part="consent"]')?.textContent.replace(/\s+/g, ' ').trim(),
        })),
      );
      assert.equal(shown.length, elements);
      for (const el of shown) {
        assert.equal(el.status, 'idle', JSON.stringify(await page.evaluate(() => window.__errors)));
        // The model named for people (no file name, no quantization), then its figures.
        assert.match(el.consent, /device Generated \d+ MB one-time download.*Download and start/);
      }
    });

    it('real worker: at most 36 KB gzip of JavaScript for ai-chat before the first click, no web-llm or wllama code', async () => {
      const scripts = await opened.fetched();
      const total = scripts.reduce((sum, s) => sum + s.gzip, 0);
      if (process.env.AI_CHAT_WEIGHT_FILES)
        for (const s of scripts) console.log(`#   ${s.gzip} ${new URL(s.url).pathname}`);
      assert.deepEqual(
        scripts.filter((s) => s.runtime).map((s) => s.url),
        [],
        'runtime code before the first click',
      );
      let framework = 0;
      if (baseline) {
        const outDir = mkdtempSync(join(tmpdir(), `${name}-baseline-`));
        const base = await serve({ root: outDir, port: 0 });
        try {
          await baseline(outDir);
          const { page, fetched } = await open(browser, `http://127.0.0.1:${base.address().port}`);
          framework = (await fetched()).reduce((sum, s) => sum + s.gzip, 0);
          await page.close();
        } finally {
          base.close();
          rmSync(outDir, { recursive: true, force: true });
        }
      }
      console.log(
        `# ${name}: ${total} B gzip of JavaScript before the first click in ${scripts.length} files${baseline ? `; without ai-chat ${framework} B: ai-chat ${total - framework} B` : ''}`,
      );
      const within = total - framework <= BUDGET;
      console.log(
        `# ${name}: ai-chat ${total - framework} B of the ${BUDGET} B budget: ${within ? 'within' : 'OVER'}`,
      );
      assert.ok(within, `${total - framework} B for ai-chat: over ${BUDGET}`);
    });

    it('scripted engine: a reply renders in every <ai-chat> of the page', async () => {
      const { page } = opened;
      await page.click('#scripted');
      await page.waitForFunction(() => [...document.querySelectorAll('ai-chat')].every((el) => el.engine));
      for (let i = 0; i < elements; i++) {
        const input = await page.waitForFunction(
          (n) => document.querySelectorAll('ai-chat')[n].shadowRoot.querySelector('textarea'),
          {},
          i,
        );
        await input.type(`hello ${i}`);
        await input.press('Enter');
        const reply = await page.waitForFunction(
          (n) =>
            [
              ...document
                .querySelectorAll('ai-chat')
                [n].shadowRoot.querySelectorAll('[part~="message-assistant"] .content'),
            ]
              .map((m) => m.textContent)
              .find((t) => t.includes('You asked')),
          { timeout: 20000 },
          i,
        );
        assert.match(await reply.jsonValue(), new RegExp(`You asked: "hello ${i}"`));
      }
      assert.deepEqual(await page.evaluate(() => window.__errors), []);
    });

    if (log)
      it(`scripted engine: each reply reaches the app through ${listens}`, async () => {
        const { page } = opened;
        const reply = (prefix) => `${prefix}message assistant: A scripted reply.`;
        await page.waitForFunction(
          (lines) =>
            lines.every((l) =>
              [...document.querySelectorAll('#log li')].some((li) => li.textContent.startsWith(l)),
            ),
          { timeout: 20000 },
          log.map(reply),
        );
        const lines = await page.$$eval('#log li', (items) => items.map((li) => li.textContent));
        for (const prefix of log)
          assert.ok(
            lines.some((l) => l.startsWith(reply(prefix))),
            lines.join('\n'),
          );
      });

    if (realLoad)
      it('real wllama: a model loads and answers, its code and WebAssembly from the bundle', async () => {
        const { page } = await open(browser, origin);
        try {
          await page.waitForFunction(consentShown, { timeout: 60000 });
          const reply = await page.evaluate(async () => {
            const el = document.querySelector('ai-chat');
            await el.load();
            return { status: el.status, runtime: el.modelInfo.runtime, reply: (await el.send('hi')).content };
          });
          assert.equal(reply.status, 'ready');
          assert.equal(reply.runtime, 'wasm');
          assert.equal(typeof reply.reply, 'string');
        } finally {
          await page.close();
        }
      });

    if (!copies)
      it(`real worker: served without the copied dist/cdn/, ai-chat-error names the missing file and the fix`, async () => {
        const bare = mkdtempSync(join(tmpdir(), `${name}-bare-`));
        cpSync(dist, bare, { recursive: true, filter: (src) => !src.startsWith(join(dist, 'cdn')) });
        const base = await serve({ root: bare, port: 0 });
        const url = `http://127.0.0.1:${base.address().port}`;
        const { page } = await open(browser, url);
        try {
          await page.waitForFunction(() => window.__errors.length > 0, { timeout: 30000 });
          const [error] = await page.evaluate(() => window.__errors);
          assert.equal(error.code, 'engine');
          assert.equal(error.recoverable, false);
          assert.match(
            error.message,
            new RegExp(
              `WorkerFilesMissing: .*${url}/cdn/linked/worker\\.js answered 404: .*copy node_modules/ai-chat/dist/cdn/ to ${url}/cdn/`,
            ),
          );
        } finally {
          await page.close();
          base.close();
          rmSync(bare, { recursive: true, force: true });
        }
      });

    if (hydrates)
      it('hydrates without a warning: no console warning or error from the framework', async () => {
        const noise = opened.console.filter(
          (m) =>
            ['warn', 'warning', 'error', 'pageerror'].includes(m.type) &&
            !/Lit is in dev mode|favicon\.ico|404 \(Not Found\)/.test(m.text) &&
            // Chromium's own Prompt API when asked (the default runtime list starts with `builtin`)
            // on a machine whose on-device model service is not running: the browser, not the app.
            !/^Unable to create a text session because the service is not running\.$/.test(m.text),
        );
        assert.deepEqual(noise, []);
      });
  });
  return shared;
}
