// The Vue demo's production build (vite build), served by `vite preview` on 127.0.0.1 and opened
// in headless Chromium: <ai-chat> renders, events reach Vue's @ai-chat-… handlers, and bindings
// set by Vue reach the element. Replies come from a scripted engine (ai-chat/testing), no GPU needed.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { preview } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

let server;
let browser;
let page;
const errors = [];

before(async () => {
  server = await preview({
    root,
    logLevel: 'silent',
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
  });
  browser = await puppeteer.launch({ executablePath: CHROME, headless: true, args: ARGS });
  page = await browser.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) errors.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(server.resolvedUrls.local[0]);
  await page.waitForFunction(() =>
    document.querySelector('ai-chat')?.shadowRoot?.querySelector('[part="base"]'),
  );
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const logLines = () => page.$$eval('#log li', (items) => items.map((li) => li.textContent));

describe('demo-vue (vite build, scripted engine)', () => {
  it('the build has the worker with web-llm as its own chunk, and the app chunk does not carry web-llm', () => {
    const assets = readdirSync(`${root}dist/assets`);
    const worker = assets.find((f) => /^worker-.*\.js$/.test(f));
    assert.ok(worker, `a worker chunk: ${assets}`);
    assert.match(readFileSync(`${root}dist/assets/${worker}`, 'utf8'), /MLCEngine|prebuiltAppConfig/);
    for (const file of assets.filter((f) => f.startsWith('index-') && f.endsWith('.js'))) {
      const code = readFileSync(`${root}dist/assets/${file}`, 'utf8');
      assert.doesNotMatch(code, /prebuiltAppConfig|tvmjs/, `${file} carries no web-llm`);
      assert.match(code, /worker-[\w-]+\.js/, `${file} starts the worker chunk`);
    }
  });

  it('renders <ai-chat>, defined by import "ai-chat", asking for consent', async () => {
    const state = await page.evaluate(() => {
      const el = document.querySelector('ai-chat');
      return {
        defined: customElements.get('ai-chat') === el.constructor,
        status: el.status,
        model: el.model,
        maxModelSize: el.maxModelSize,
        consent: el.shadowRoot.querySelector('[part="consent"]')?.textContent.replace(/\s+/g, ' ').trim(),
      };
    });
    assert.equal(state.defined, true);
    assert.equal(state.status, 'idle');
    assert.equal(state.model, 'auto');
    assert.equal(state.maxModelSize, '2GB', 'an attribute from the Vue template');
    assert.match(state.consent, /Download and start/);
  });

  it('the model picker (a Vue ref bound with :model) sets el.model', async () => {
    await page.select('#model', 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC');
    await page.waitForFunction(
      () => document.querySelector('ai-chat').model === 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC',
    );
    await page.select('#model', 'auto');
    await page.waitForFunction(() => document.querySelector('ai-chat').model === 'auto');
  });

  it('scripted engine: a message typed in the element reaches Vue through @ai-chat-message, @ai-chat-status and @ai-chat-stats', async () => {
    await page.click('#scripted');
    await page.waitForFunction(() => document.querySelector('ai-chat').engine !== undefined);
    const input = await page.waitForSelector('ai-chat >>> textarea');
    await input.type('hello from a test');
    await input.press('Enter');
    await page.waitForFunction(
      () => [...document.querySelectorAll('#log li')].some((li) => li.textContent.startsWith('stats ')),
      { timeout: 20000 },
    );
    const lines = await logLines();
    assert.ok(lines.includes('message user: hello from a test'), lines.join('\n'));
    assert.ok(
      lines.some((l) => /^message assistant: A scripted reply, token by token, from Vue/.test(l)),
      lines.join('\n'),
    );
    assert.ok(
      lines.includes('status status=generating') && lines.includes('status status=ready'),
      lines.join('\n'),
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
});
