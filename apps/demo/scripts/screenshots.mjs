// Screenshots of every state of <ai-chat>, inline and as a launcher, in a host page (a heading,
// the element in a column the page owns, text below it), and of deep-chat 2.4.2 in the same page
// and the nearest states it has, for a side by side look: `node scripts/screenshots.mjs [outdir]`
// (default /tmp/ai-chat-shots). Light and dark, 360 and 1280 px wide (and Traditional Chinese at
// 360). Builds the element from its sources with esbuild (the scripted worker too, whose URL
// steers the states), serves everything on 127.0.0.1 and shoots with Debian's Chromium through
// puppeteer-core. Then the demo page itself (run `pnpm --filter demo build` first).
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { CHROME_FLAGS, CHROME_PATH } from '../../../tools/chromium.mjs';
import { serveStatic } from '../../bench/src/server.mjs';

const here = fileURLToPath(new URL('..', import.meta.url));
const pkg = fileURLToPath(new URL('../../../packages/ai-chat/', import.meta.url));
const out = process.argv[2] ?? '/tmp/ai-chat-shots';
const build = join(out, 'build');
mkdirSync(build, { recursive: true });

const esbuild = createRequire(join(pkg, 'package.json'))('esbuild');
await esbuild.build({
  entryPoints: {
    'ai-chat': join(pkg, 'src/index.ts'),
    testing: join(pkg, 'src/testing/index.ts'),
    'scripted-worker': join(pkg, 'src/testing/scripted-worker.ts'),
  },
  bundle: true,
  splitting: true,
  format: 'esm',
  target: 'es2022',
  outdir: build,
  logLevel: 'warning',
});
const deepDir = join(
  dirname(createRequire(join(here, '../bench/package.json')).resolve('deep-chat/package.json')),
  'dist',
);

const MB = 1e6;
const WORKER = `/build/scripted-worker.js?downloadBytes=${879 * MB}&vramMB=1203`;
const idle = `await until(() => el.status === 'idle' && el.modelInfo);`;
/** Our states: the element's attributes, and a script that brings it there. */
const OURS = {
  consent: { worker: WORKER, setup: idle },
  offline: {
    worker: `${WORKER}&preflightError=NetworkError&preflightErrorMessage=Failed%20to%20fetch`,
    setup: `await until(() => el.status === 'error');`,
  },
  checking: { worker: `${WORKER}&stall=preflight`, setup: `await until(() => el.status === 'checking');` },
  downloading: {
    worker: `${WORKER}&stall=download`,
    setup: `${idle} el.load().catch(() => {}); await until(() => el.status === 'downloading' && el.shadowRoot.querySelector('.figures')); await sleep(600);`,
  },
  loading: {
    worker: `${WORKER}&stall=load`,
    setup: `${idle} el.load().catch(() => {}); await until(() => el.status === 'loading'); await sleep(300);`,
  },
  ready: { engine: true, setup: `el.suggestions = q; await el.load(); await sleep(100);` },
  chat: {
    engine: true,
    setup: `el.showStats = true; await el.send(q[0]); await until(() => el.shadowRoot.querySelector('code[data-highlighted]')); await sleep(200);`,
  },
  generating: {
    engine: true,
    setup: `await el.send(q[0]); const next = el.send(q[1]); await until(() => el.shadowRoot.querySelector('.typing')); await sleep(200);`,
  },
  error: {
    worker: `${WORKER}&loadError=NetworkError&loadErrorMessage=Failed%20to%20fetch`,
    setup: `${idle} await el.load().catch(() => {}); await sleep(100);`,
  },
  launcher: {
    worker: WORKER,
    launcher: true,
    setup: `await until(() => el.shadowRoot?.querySelector('.launcher'));`,
  },
  'launcher-open': {
    worker: WORKER,
    launcher: true,
    setup: `await until(() => el.shadowRoot?.querySelector('.launcher')); el.shadowRoot.querySelector('.launcher').click(); ${idle} await sleep(300);`,
  }, // The last load of this model died with its page: the consent card says so (`pre` runs first).
  crashed: {
    worker: WORKER,
    pre: `localStorage.setItem('ai-chat:loads', JSON.stringify({ loading: [], crashed: [{ lock: 'gone', model: 'Llama-3.2-1B-Instruct-q4f16_1-MLC', runtime: 'webgpu', memoryBytes: 1203 * 2 ** 20 }] }));`,
    setup: `${idle} localStorage.removeItem('ai-chat:loads');`,
  },
  // The browser's own model, ready (a Prompt API stand-in): no consent card, the model named.
  builtin: {
    model: 'auto',
    pre: `import { PromptApiStandIn } from '/build/testing.js'; new PromptApiStandIn({ availability: 'available' }).install();`,
    setup: `await until(() => el.status === 'ready'); await sleep(100);`,
  },
  // Long conversations (context-policy): a reply that failed, shown where it failed; a message too
  // long for the model, back in the composer; the oldest turns left out, the visitor told once.
  'reply-failed': {
    engineJs: `new ScriptedEngine({ replies: [{ text: replies[0], tokenDelayMs: 0 }, { text: 'The answer starts well and then', tokenDelayMs: 0, failAfter: 4, error: { name: 'DeviceLostError', message: 'The WebGPU device was lost' } }] })`,
    setup: `el.showStats = true; await el.send(q[0]); await el.send(q[1]).catch(() => {}); await sleep(200);`,
  },
  'too-long': {
    engineJs: `new ScriptedEngine({ contextWindow: 2000, replies: [{ text: replies[0], tokenDelayMs: 0 }] })`,
    setup: `await el.send(q[0]); const box = el.shadowRoot.querySelector('textarea'); box.value = (q[1] + ' ').repeat(600); el.shadowRoot.querySelector('[part="send-button"]').click(); await until(() => el.shadowRoot.querySelector('[part="error"]') && box.value); await sleep(200);`,
  },
  'long-conversation': {
    engineJs: `new ScriptedEngine({ contextWindow: q[0].includes(' ') ? 160 : 40, replies: () => ({ text: replies[1].split('\\n')[0], tokenDelayMs: 0 }) })`,
    setup: `for (let i = 0; i < 10; i++) await el.send(q[i % 2]); await sleep(100); el.shadowRoot.querySelector('.context-note').scrollIntoView({ block: 'center' }); await sleep(200);`,
  },
  // A browser that cannot start the CPU runtime (in a real one, found at the preflight).
  unsupported: {
    worker: `${WORKER}&loadError=BrowserUnsupportedError&loadErrorMessage=it%20lacks%20WebAssembly%20SIMD`,
    setup: `await until(() => el.status === 'idle' && el.modelInfo); await el.load().catch(() => {}); await sleep(100);`,
  },
};

const QUESTIONS = {
  en: ['How do I sort an array without changing it?', 'And a plan for the launch?'],
  'zh-Hant': ['如何排序陣列而不改變它？', '發表計畫呢？'],
};

/** A page as a site has it: a heading, the element in a column the page owns, text below. */
const host = (lang, element, script) => `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  :root { color-scheme: light dark; font-family: system-ui; background: Canvas; }
  body { margin: 0; padding: 16px; }
  h1 { font-size: 1.25rem; margin: 0 0 4px; } p { margin: 0 0 12px; color: GrayText; }
  .row { display: flex; gap: 16px; } .col { flex: 1; }
</style></head><body>
<h1>Acme help centre</h1><p>Ask our assistant: it runs on your device.</p>
<div class="row"><div class="col">${element}</div></div>
<p style="margin-top: 12px">Content below the chat stays where it is.</p>
${script}
</body></html>`;

function oursPage(state, lang) {
  const s = OURS[state];
  const attrs = `model="${s.model ?? 'Llama-3.2-1B-Instruct-q4f16_1-MLC'}" ${s.worker ? `worker-url="${s.worker}"` : ''} ${s.launcher ? 'launcher' : ''}`;
  return host(
    lang,
    `<ai-chat ${attrs}></ai-chat>`,
    `${s.pre ? `<script type="module">${s.pre}</script>` : ''}
<script type="module">
import '/build/ai-chat.js';
import { ScriptedEngine } from '/build/testing.js';
import { REPLIES } from '/replies.js';
const el = document.querySelector('ai-chat');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const until = async (test) => { for (let i = 0; i < 400 && !test(); i++) await sleep(25); };
const q = ${JSON.stringify(QUESTIONS[lang])};
const replies = REPLIES['${lang}'];
let turn = 0;
${s.engine ? `el.engine = new ScriptedEngine({ replies: () => ({ text: replies[turn++ % replies.length], tokenDelayMs: 0, firstTokenDelayMs: turn > 1 ? 60000 : 0 }) });` : ''}
${s.engineJs ? `el.engine = ${s.engineJs};` : ''}
${s.setup}
window.__shot = true;
</script>`,
  );
}

/** deep-chat in the same page and the nearest state it has (it has no consent or progress of its own). */
function deepPage(state) {
  return host(
    'en',
    '<div id="deep"></div>',
    `<script type="module" src="/deep-chat/deepChat.bundle.js"></script>
<script type="module">
import { REPLIES } from '/replies.js';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const el = document.createElement('deep-chat');
el.chatStyle = { width: '100%', height: '560px', borderRadius: '12px' };
el.introMessage = { text: 'Chat with an AI that runs on this device.' };
const state = '${state}';
el.connect = { stream: true, handler: async (body, signals) => {
  signals.onOpen();
  if (state === 'error') { signals.onResponse({ error: 'The model could not be downloaded. Check your connection and try again.' }); return; }
  if (state === 'generating' && body.messages.at(-1).text !== 'How do I sort an array without changing it?') { await sleep(60000); }
  for (const word of REPLIES.en[0].match(/\\s*\\S+|\\s+/g)) await signals.onResponse({ text: word });
  signals.onClose();
} };
document.getElementById('deep').append(el);
await sleep(500);
if (state === 'chat' || state === 'generating' || state === 'error') {
  el.submitUserMessage({ text: 'How do I sort an array without changing it?' });
  await sleep(1500);
}
if (state === 'generating') { el.submitUserMessage({ text: 'And a plan for the launch?' }); await sleep(500); }
window.__shot = true;
</script>`,
  );
}

const pages = {};
for (const state of Object.keys(OURS))
  for (const lang of ['en', 'zh-Hant']) pages[`/ours-${state}-${lang}.html`] = oursPage(state, lang);
for (const state of ['consent', 'chat', 'generating', 'error'])
  pages[`/deep-${state}-en.html`] = deepPage(state);

const server = await serveStatic({
  mounts: {
    '/build/': build,
    '/deep-chat/': deepDir,
    '/replies.js': join(here, 'replies.js'),
    // The demo page itself, as `pnpm start` serves it.
    '/demo/': join(here, 'dist'),
  },
  pages,
});

const browser = await puppeteer.launch({ executablePath: CHROME_PATH, args: CHROME_FLAGS });
const VARIANTS = [
  { name: 'light-360', width: 360, height: 740, dark: false, lang: 'en' },
  { name: 'dark-360', width: 360, height: 740, dark: true, lang: 'en' },
  { name: 'light-1280', width: 1280, height: 800, dark: false, lang: 'en' },
  { name: 'dark-1280', width: 1280, height: 800, dark: true, lang: 'en' },
  { name: 'zh-Hant-360', width: 360, height: 740, dark: false, lang: 'zh-Hant', oursOnly: true },
];
const shots = [];
try {
  for (const variant of VARIANTS)
    for (const path of Object.keys(pages).filter((p) => p.endsWith(`-${variant.lang}.html`))) {
      if (variant.oursOnly && !path.startsWith('/ours-')) continue;
      const page = await browser.newPage();
      await page.setViewport({ width: variant.width, height: variant.height, deviceScaleFactor: 1 });
      await page.emulateMediaFeatures([
        { name: 'prefers-color-scheme', value: variant.dark ? 'dark' : 'light' },
      ]);
      page.on('pageerror', (error) => console.error(path, error.message));
      await page.goto(server.origin + path);
      await page
        .waitForFunction(() => window.__shot === true, { timeout: 20000 })
        .catch(() => console.error(`${path}: not ready`));
      const file = join(out, `${path.slice(1).replace(/-(en|zh-Hant)\.html$/, '')}-${variant.name}.png`);
      await page.screenshot({ path: file });
      shots.push(file);
      await page.close();
    }
  // The shop window: the demo page on a phone and on a desktop (the composer in view at 1280×800),
  // scripted engine, one reply, then in Arabic.
  for (const [name, width, height, lang] of [
    ['demo-360', 360, 740, 'en'],
    ['demo-1280', 1280, 800, 'en'],
    ['demo-ar-360', 360, 740, 'ar'],
  ]) {
    const page = await browser.newPage();
    await page.setViewport({ width, height, deviceScaleFactor: 1 });
    page.on('console', (m) => m.type() === 'warning' && console.error(`${name}: ${m.text()}`));
    await page.goto(`${server.origin}/demo/index.html`);
    await page.waitForFunction(() => customElements.get('ai-chat'));
    await page.select('#runtime', 'scripted');
    if (lang !== 'en') await page.select('#lang', lang);
    await page.waitForFunction(() => document.querySelector('ai-chat').engine);
    await page.evaluate(async () => {
      const el = document.querySelector('ai-chat');
      await el.send(
        document.documentElement.lang === 'ar' ? 'قارن بين طريقتي الترتيب' : 'How do I sort an array?',
      );
      await new Promise((r) => setTimeout(r, 600));
    });
    const file = join(out, `${name}.png`);
    await page.screenshot({ path: file });
    shots.push(file);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(`${shots.length} screenshots in ${out}`);
